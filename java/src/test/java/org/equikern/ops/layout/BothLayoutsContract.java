package org.equikern.ops.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.device.Summation;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.Activation;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.nn.NormalizedActivation;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.gate.GateOp;
import org.equikern.ops.linear.LinearOp;
import org.equikern.ops.normactivation.NormActivationOp;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every op with irreps inputs or outputs, made for {@code ir_mul}, against the same op in
 * {@code mul_ir}: its irreps inputs converted on the host ({@link IrrepsLayout#convert}, itself
 * checked against examples by hand), its irreps outputs converted back, and the results must be
 * equal exactly (a conversion only moves values, and both runs compute the same sums). The tensor
 * product is the exception: in {@code ir_mul} a GPU-style device may run its generated kernels
 * (which index {@code ir_mul} themselves) where {@code mul_ir} runs the table kernels, summing in
 * another order, so its layouts agree to rounding ({@link #roundingOf}). Forward and every
 * gradient, both precisions. Subclassed once per backend.
 */
public abstract class BothLayoutsContract extends OpContract {
    private static final int BATCH = 7;

    /** One buffer of a call: its values (inputs) or length (outputs), and its irreps, null when not irreps-shaped. */
    private static final class Operand {
        final double[] values;
        final long length;
        final Irreps irreps;

        private Operand(double[] values, long length, Irreps irreps) {
            this.values = values;
            this.length = length;
            this.irreps = irreps;
        }

        static Operand features(double[] values, Irreps irreps) {
            return new Operand(values, values.length, irreps);
        }

        static Operand plain(double[] values) {
            return new Operand(values, values.length, null);
        }

        static Operand output(long length, Irreps irreps) {
            return new Operand(null, length, irreps);
        }

        /** This operand's values or result as they lie in {@code layout}, from or to mul_ir. */
        double[] relaid(double[] v, IrrepsLayout from, IrrepsLayout to) {
            return irreps == null ? v : from.convert(irreps, v, to);
        }
    }

    /** One call of an op made for {@code layout}, on uploaded inputs and allocated outputs. */
    @FunctionalInterface
    private interface LayoutRun {
        void run(IrrepsLayout layout, MemoryScope scope, DeviceBuffer[] in, DeviceBuffer[] out);
    }

    /**
     * Runs {@code call} once per layout and asserts that each output, brought back to mul_ir, is
     * the same in both, and not all zero (so the comparison means something).
     */
    private void assertLayoutsAgree(DType dtype, String what, Operand[] inputs, Operand[] outputs, LayoutRun call) {
        assertLayoutsAgree(dtype, what, inputs, outputs, 0, call);
    }

    /** Relative rounding two summation orders may differ by in {@code dtype}. */
    private static double roundingOf(DType dtype) {
        return dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
    }

    /**
     * As above, each output within {@code tolerance} times its largest magnitude (exactly equal
     * for 0).
     */
    private void assertLayoutsAgree(DType dtype, String what, Operand[] inputs, Operand[] outputs, double tolerance,
            LayoutRun call) {
        double[][][] results = new double[IrrepsLayout.values().length][][];
        for (IrrepsLayout layout : IrrepsLayout.values()) {
            try (MemoryScope scope = device.openScope()) {
                DeviceBuffer[] in = new DeviceBuffer[inputs.length];
                for (int i = 0; i < in.length; i++) {
                    in[i] = upload(scope, dtype, inputs[i].relaid(inputs[i].values, IrrepsLayout.MUL_IR, layout));
                }
                DeviceBuffer[] out = new DeviceBuffer[outputs.length];
                for (int o = 0; o < out.length; o++) out[o] = scope.allocate(dtype, outputs[o].length);
                call.run(layout, scope, in, out);
                double[][] back = new double[out.length][];
                for (int o = 0; o < out.length; o++) {
                    back[o] = outputs[o].relaid(download(out[o]), layout, IrrepsLayout.MUL_IR);
                }
                results[layout.ordinal()] = back;
            }
        }
        for (int o = 0; o < outputs.length; o++) {
            double[] mulIr = results[IrrepsLayout.MUL_IR.ordinal()][o];
            assertNotEquals(0, Arrays.stream(mulIr).map(Math::abs).sum(), what + " output " + o + " is all zero");
            double[] irMul = results[IrrepsLayout.IR_MUL.ordinal()][o];
            if (tolerance == 0) {
                assertArrayEquals(mulIr, irMul, what + " " + dtype + " output " + o);
            } else {
                double scale = Arrays.stream(mulIr).map(Math::abs).max().orElse(0);
                assertArrayEquals(mulIr, irMul, tolerance * scale, what + " " + dtype + " output " + o);
            }
        }
    }

    private static Gate sampleGate() {
        return Gate.of(Irreps.parse("2x0e+1x0o"), NormalizedActivation.listOf(Activation.SILU, Activation.TANH),
                Irreps.parse("3x0e+2x0o"), NormalizedActivation.listOf(Activation.SIGMOID, Activation.TANH),
                Irreps.parse("2x1o+3x2e"));
    }

    private static NormActivation sampleNormActivation() {
        return NormActivation.builder(Irreps.parse("2x0e+3x1o+2x2e+1x1e+1x0o"), Activation.SILU).bias(true).build();
    }

    private static SymmetricContraction sampleContraction() {
        return SymmetricContraction.of("3x0e+3x1o+3x2e", "3x0e+3x1o", 3, 3);
    }

    private static int[] randomElements(SymmetricContraction sc, SplittableRandom random) {
        int[] elements = new int[BATCH];
        for (int b = 0; b < BATCH; b++) elements[b] = random.nextInt(sc.numElements());
        return elements;
    }

    private static double[] random(DType dtype, SplittableRandom random, long n) {
        return rounded(dtype, gaussian(random, Math.toIntExact(n)));
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void linear(DType dtype) {
        Linear linear = Linear.of(Irreps.parse("3x0e+2x1o+1x0o+2x2e+1x1e"), Irreps.parse("2x0e+3x1o+2x2e+1x0o+2x1e"));
        Irreps in = linear.irrepsIn();
        Irreps out = linear.irrepsOut();
        SplittableRandom random = new SplittableRandom(1);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * in.dim()), in),
            Operand.plain(random(dtype, random, linear.weightNumel())),
            Operand.features(random(dtype, random, BATCH * out.dim()), out)};
        Operand[] outputs = {Operand.output(BATCH * out.dim(), out), Operand.output(BATCH * in.dim(), in),
            Operand.output(linear.weightNumel(), null)};
        assertLayoutsAgree(dtype, "linear", inputs, outputs, (layout, scope, x, y) -> {
            try (LinearOp op = LinearOp.on(device, linear, dtype, layout)) {
                assertEquals(layout, op.layout());
                op.forward(x[0], x[1], null, y[0], BATCH);
                op.backward(x[0], x[1], x[2], y[1], y[2], null, BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void gate(DType dtype) {
        Gate gate = sampleGate();
        Irreps in = gate.irrepsIn();
        Irreps out = gate.irrepsOut();
        SplittableRandom random = new SplittableRandom(2);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * in.dim()), in),
            Operand.features(random(dtype, random, BATCH * out.dim()), out)};
        Operand[] outputs = {Operand.output(BATCH * out.dim(), out), Operand.output(BATCH * in.dim(), in)};
        assertLayoutsAgree(dtype, "gate", inputs, outputs, (layout, scope, x, y) -> {
            try (GateOp op = GateOp.on(device, gate, dtype, layout)) {
                op.forward(x[0], y[0], BATCH);
                op.backward(x[0], x[1], y[1], BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void gateTangents(DType dtype) {
        Gate gate = sampleGate();
        Irreps in = gate.irrepsIn();
        Irreps out = gate.irrepsOut();
        SplittableRandom random = new SplittableRandom(5);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * in.dim()), in),
            Operand.features(random(dtype, random, BATCH * in.dim()), in),
            Operand.features(random(dtype, random, BATCH * out.dim()), out),
            Operand.features(random(dtype, random, BATCH * out.dim()), out)};
        Operand[] outputs = {Operand.output(BATCH * out.dim(), out), Operand.output(BATCH * in.dim(), in)};
        assertLayoutsAgree(dtype, "gate tangents", inputs, outputs, (layout, scope, x, y) -> {
            try (GateOp op = GateOp.on(device, gate, dtype, layout)) {
                op.tangent(x[0], x[1], y[0], BATCH);
                op.tangentBackward(x[0], x[1], x[2], x[3], y[1], BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void normActivation(DType dtype) {
        NormActivation layer = sampleNormActivation();
        Irreps irreps = layer.irrepsIn();
        SplittableRandom random = new SplittableRandom(3);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * irreps.dim()), irreps),
            Operand.plain(random(dtype, random, layer.biasNumel())),
            Operand.features(random(dtype, random, BATCH * irreps.dim()), irreps)};
        Operand[] outputs = {Operand.output(BATCH * irreps.dim(), irreps), Operand.output(BATCH * irreps.dim(), irreps),
            Operand.output(layer.biasNumel(), null)};
        assertLayoutsAgree(dtype, "norm activation", inputs, outputs, (layout, scope, x, y) -> {
            try (NormActivationOp op = NormActivationOp.on(device, layer, dtype, layout)) {
                op.forward(x[0], x[1], y[0], BATCH);
                op.backward(x[0], x[1], x[2], y[1], y[2], BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void normActivationTangents(DType dtype) {
        NormActivation layer = sampleNormActivation();
        Irreps irreps = layer.irrepsIn();
        SplittableRandom random = new SplittableRandom(6);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * irreps.dim()), irreps),
            Operand.plain(random(dtype, random, layer.biasNumel())),
            Operand.features(random(dtype, random, BATCH * irreps.dim()), irreps),
            Operand.features(random(dtype, random, BATCH * irreps.dim()), irreps),
            Operand.features(random(dtype, random, BATCH * irreps.dim()), irreps)};
        Operand[] outputs = {Operand.output(BATCH * irreps.dim(), irreps), Operand.output(BATCH * irreps.dim(), irreps),
            Operand.output(layer.biasNumel(), null)};
        assertLayoutsAgree(dtype, "norm activation tangents", inputs, outputs, (layout, scope, x, y) -> {
            try (NormActivationOp op = NormActivationOp.on(device, layer, dtype, layout)) {
                op.tangent(x[0], x[1], x[2], y[0], BATCH);
                op.tangentBackward(x[0], x[1], x[2], x[3], x[4], y[1], y[2], BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void symmetricContraction(DType dtype) {
        SymmetricContraction sc = sampleContraction();
        Irreps in = sc.irrepsIn();
        Irreps out = sc.irrepsOut();
        SplittableRandom random = new SplittableRandom(4);
        int[] elements = randomElements(sc, random);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * in.dim()), in),
            Operand.plain(random(dtype, random, sc.weightNumel())),
            Operand.features(random(dtype, random, BATCH * out.dim()), out)};
        Operand[] outputs = {Operand.output(BATCH * out.dim(), out), Operand.output(BATCH * in.dim(), in),
            Operand.output(sc.weightNumel(), null)};
        assertLayoutsAgree(dtype, "symmetric contraction", inputs, outputs, (layout, scope, x, y) -> {
            try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, dtype, layout)) {
                DeviceBuffer e = scope.upload(elements);
                op.forward(x[0], e, x[1], y[0], BATCH);
                op.backward(x[0], e, x[1], x[2], y[1], y[2], BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void symmetricContractionTangents(DType dtype) {
        SymmetricContraction sc = sampleContraction();
        Irreps in = sc.irrepsIn();
        Irreps out = sc.irrepsOut();
        SplittableRandom random = new SplittableRandom(7);
        int[] elements = randomElements(sc, random);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * in.dim()), in),
            Operand.features(random(dtype, random, BATCH * in.dim()), in),
            Operand.plain(random(dtype, random, sc.weightNumel())),
            Operand.features(random(dtype, random, BATCH * out.dim()), out),
            Operand.features(random(dtype, random, BATCH * out.dim()), out)};
        Operand[] outputs = {Operand.output(BATCH * out.dim(), out), Operand.output(BATCH * in.dim(), in),
            Operand.output(sc.weightNumel(), null)};
        assertLayoutsAgree(dtype, "symmetric contraction tangents", inputs, outputs, (layout, scope, x, y) -> {
            try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, dtype, layout)) {
                DeviceBuffer e = scope.upload(elements);
                op.tangent(x[0], x[1], e, x[2], y[0], BATCH);
                op.tangentBackward(x[0], x[1], e, x[2], x[3], x[4], y[1], y[2], BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void tensorProduct(DType dtype) {
        Plan plan = Plan.of(TensorProductSpec.fullyConnected(Irreps.parse("2x0e+2x1o+2x2e"),
                Irreps.parse("1x0e+3x1o"), Irreps.parse("2x0e+2x1o+2x2e+1x1e")));
        Irreps in1 = plan.spec().irrepsIn1();
        Irreps in2 = plan.spec().irrepsIn2();
        Irreps out = plan.spec().irrepsOut();
        SplittableRandom random = new SplittableRandom(5);
        Operand[] inputs = {Operand.features(random(dtype, random, BATCH * in1.dim()), in1),
            Operand.features(random(dtype, random, BATCH * in2.dim()), in2),
            Operand.plain(random(dtype, random, plan.weightNumel())),
            Operand.features(random(dtype, random, BATCH * out.dim()), out)};
        Operand[] outputs = {Operand.output(BATCH * out.dim(), out), Operand.output(BATCH * in1.dim(), in1),
            Operand.output(BATCH * in2.dim(), in2), Operand.output(plan.weightNumel(), null)};
        assertLayoutsAgree(dtype, "tensor product", inputs, outputs, roundingOf(dtype), (layout, scope, x, y) -> {
            try (TensorProductOp op = TensorProductOp.on(device, plan, layout)) {
                op.forward(x[0], x[1], x[2], y[0], BATCH);
                op.backward(x[0], x[1], x[2], x[3], y[1], y[2], y[3], BATCH);
            }
        });
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void convolution(DType dtype) {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("3x0e+2x1o"), Irreps.parse("2x0e+2x1o+2x2e"),
                Irreps.parse("3x0e+2x1o+2x2e")));
        Irreps in1 = plan.spec().irrepsIn1();
        Irreps in2 = plan.spec().irrepsIn2();
        Irreps out = plan.spec().irrepsOut();
        int nodes = 4;
        EdgeIndex graph = EdgeIndex.of(nodes, new int[] {0, 1, 2, 3, 0, 2}, new int[] {1, 2, 3, 0, 2, 2});
        int edges = graph.edges();
        SplittableRandom random = new SplittableRandom(6);
        Operand[] inputs = {Operand.features(random(dtype, random, nodes * in1.dim()), in1),
            Operand.features(random(dtype, random, edges * in2.dim()), in2),
            Operand.plain(random(dtype, random, (long) edges * plan.weightNumel())),
            Operand.features(random(dtype, random, nodes * out.dim()), out)};
        Operand[] outputs = {Operand.output(nodes * out.dim(), out), Operand.output(nodes * in1.dim(), in1),
            Operand.output(edges * in2.dim(), in2), Operand.output((long) edges * plan.weightNumel(), null)};
        assertLayoutsAgree(dtype, "convolution", inputs, outputs, roundingOf(dtype), (layout, scope, x, y) -> {
            try (TensorProductOp op = TensorProductOp.on(device, plan, layout);
                    DeviceGraph g = DeviceGraph.upload(device, graph)) {
                op.convolve(x[0], x[1], x[2], g, y[0], Summation.DETERMINISTIC);
                op.convolveBackward(x[0], x[1], x[2], g, x[3], y[1], y[2], y[3]);
            }
        });
    }

    @Test
    void aNullLayoutIsRefused() {
        Linear linear = Linear.of("2x1o", "2x1o");
        assertEquals("LinearOp.on: layout must not be null", assertThrows(IllegalArgumentException.class,
                () -> LinearOp.on(device, linear, DType.FLOAT64, null)).getMessage());
    }
}
