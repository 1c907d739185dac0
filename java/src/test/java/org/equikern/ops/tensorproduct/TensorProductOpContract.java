package org.equikern.ops.tensorproduct;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceTestBase;
import org.equikern.device.MemoryScope;
import org.equikern.device.java.JavaDevice;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.layout.LayoutRelay;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.tp.ModeSpecs;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.equikern.tp.Trilinear;
import org.equikern.tp.TrilinearDoubleBackward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tensor products on one device against the pure-Java executor, for every mode and for wide
 * blocks (several channel chunks), shared and per-sample weights, both precisions, and batch
 * sizes 1, odd, and not a multiple of any work-group size; plus the argument checks. Subclassed
 * once per backend, and per layout where a backend serves {@code ir_mul} natively (the op under
 * test then takes its irreps buffers in {@link #layout()}, converted on the host by a
 * {@link LayoutRelay}).
 */
public abstract class TensorProductOpContract extends DeviceTestBase {
    private static final int[] BATCHES = {1, 7, 131};

    /**
     * The layout of the irreps buffers of the ops under test.
     *
     * @return {@code mul_ir} unless a subclass tests another
     */
    protected IrrepsLayout layout() {
        return IrrepsLayout.MUL_IR;
    }

    /** The op under test: {@code plan} on the device in {@link #layout()}. */
    private TensorProductOp open(Plan plan) {
        return TensorProductOp.on(device, plan, layout());
    }

    /** Converts mul_ir arrays of (x1, x2, weights, out) into {@link #layout()} and back. */
    private LayoutRelay relay(Plan plan) {
        return new LayoutRelay(layout(), plan.spec().irrepsIn1(), plan.spec().irrepsIn2(), null,
                plan.spec().irrepsOut());
    }

    /** The device's products of {@code plan} over {@code batch} samples, on mul_ir arrays. */
    private Trilinear onDevice(DeviceTensorProductExecutor executor, int batch) {
        return relay(executor.plan()).trilinear(Trilinear.of(executor, batch));
    }

    Stream<Arguments> cases() {
        List<Arguments> cases = new ArrayList<>();
        List<TensorProductSpec> specs = new ArrayList<>(ModeSpecs.all());
        specs.addAll(ModeSpecs.wide());
        for (TensorProductSpec spec : specs) {
            for (boolean shared : new boolean[] {true, false}) {
                if (spec.weightNumel() == 0 && !shared) continue;
                TensorProductSpec s = spec.toBuilder().sharedWeights(shared).build();
                cases.add(Arguments.of(s.instructions().get(0).mode().text() + (shared ? " shared" : " per-sample")
                        + (s.weightNumel() == 0 ? " unweighted" : "") + " " + s.irrepsIn1(), s));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesJavaOracleInBothPrecisions(String name, TensorProductSpec spec) {
        Plan plan = Plan.of(spec);
        JavaTensorProductExecutor oracle = new JavaTensorProductExecutor(plan);
        Random random = new Random(spec.hashCode());
        try (DeviceTensorProductExecutor executor = new DeviceTensorProductExecutor(device, plan, layout())) {
            for (int batch : BATCHES) {
                double[] x1 = ModeSpecs.random(random, batch * plan.dim1());
                double[] x2 = ModeSpecs.random(random, batch * plan.dim2());
                double[] w = ModeSpecs.weights(random, spec, batch);
                double[] gout = ModeSpecs.random(random, batch * plan.dimOut());
                Trilinear onDevice = onDevice(executor, batch);
                Results expected = Results.of(plan, Trilinear.of(oracle, batch), x1, x2, w, gout, batch);
                Results actual = Results.of(plan, onDevice, x1, x2, w, gout, batch);
                expected.assertClose(actual, 1e-12, name + " f64 batch " + batch);
                Results actual32 = Results.of32(plan, onDevice, x1, x2, w, gout, batch);
                expected.assertClose(actual32, 2e-5, name + " f32 batch " + batch);
            }
        }
        assertEquals(0, device.liveBufferCount(), "live buffers after the op closed: " + device.liveBufferNames());
    }

    /**
     * The op's double backward against {@link TrilinearDoubleBackward} over the Java executor, every
     * mode, both precisions, with the tangent of x2 missing in a second round.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doubleBackwardMatchesTheComposedJavaOracle(String name, TensorProductSpec spec) {
        Plan plan = Plan.of(spec);
        int batch = 7;
        Random random = new Random(spec.hashCode() + 1);
        double[][] args = {ModeSpecs.random(random, batch * plan.dim1()), ModeSpecs.random(random, batch * plan.dim2()),
            ModeSpecs.weights(random, spec, batch), ModeSpecs.random(random, batch * plan.dimOut())};
        double[][] v = {ModeSpecs.random(random, args[0].length), ModeSpecs.random(random, args[1].length),
            args[2] == null ? null : ModeSpecs.random(random, args[2].length)};
        Trilinear oracle = Trilinear.of(new JavaTensorProductExecutor(plan), batch);
        for (boolean missing : new boolean[] {false, true}) {
            double[][] tangents = {v[0], missing ? null : v[1], v[2]};
            double[][] expected = {new double[args[0].length], new double[args[1].length],
                args[2] == null ? null : new double[args[2].length], new double[args[3].length]};
            new TrilinearDoubleBackward(oracle).compute(args[0], args[1], args[2],
                    args[3], tangents[0], tangents[1], tangents[2], expected[0], expected[1], expected[2], expected[3]);
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                double[][] actual = doubleBackward(plan, args, tangents, dtype, batch);
                for (int a = 0; a < 4; a++) {
                    if (expected[a] == null) continue;
                    assertCloseTo(expected[a], actual[a], dtype == DType.FLOAT64 ? 1e-12 : 5e-5,
                            name + " " + dtype + (missing ? " (no x2 tangent)" : "") + " output " + a);
                }
            }
        }
        assertEquals(0, device.liveBufferCount(), device.liveBufferNames().toString());
    }

    /** The double backward of the op against central differences of its backward, f64, per-sample and shared. */
    @Test
    void doubleBackwardMatchesCentralDifferences() {
        for (boolean shared : new boolean[] {false, true}) {
            TensorProductSpec spec = SPEC.toBuilder().sharedWeights(shared).build();
            Plan plan = Plan.of(spec);
            int batch = 5;
            Random random = new Random(23);
            double[][] args = {ModeSpecs.random(random, batch * plan.dim1()),
                ModeSpecs.random(random, batch * plan.dim2()), ModeSpecs.weights(random, spec, batch),
                ModeSpecs.random(random, batch * plan.dimOut())};
            double[][] v = {ModeSpecs.random(random, args[0].length), ModeSpecs.random(random, args[1].length),
                ModeSpecs.random(random, args[2].length)};
            double[][] grads = doubleBackward(plan, args, v, DType.FLOAT64, batch);
            try (DeviceTensorProductExecutor executor = new DeviceTensorProductExecutor(device, plan, layout())) {
                Trilinear onDevice = onDevice(executor, batch);
                for (int a = 0; a < 4; a++) {
                    double[] direction = ModeSpecs.random(random, args[a].length);
                    double analytic = 0;
                    for (int i = 0; i < direction.length; i++) analytic += grads[a][i] * direction[i];
                    double numeric = q(onDevice, shifted(args, a, direction, 0.5), v)
                            - q(onDevice, shifted(args, a, direction, -0.5), v);
                    assertEquals(numeric, analytic, 1e-9 * Math.max(1, Math.abs(numeric)), "shared " + shared
                            + " argument " + a);
                }
            }
        }
        assertEquals(0, device.liveBufferCount());
    }

    /** {@code <v, backward(args)>} on the device. */
    private static double q(Trilinear t, double[][] args, double[][] v) {
        double[][] g = {new double[v[0].length], new double[v[1].length], new double[v[2].length]};
        t.backward(args[0], args[1], args[2], args[3], g[0], g[1], g[2]);
        double s = 0;
        for (int a = 0; a < 3; a++) {
            for (int i = 0; i < g[a].length; i++) s += v[a][i] * g[a][i];
        }
        return s;
    }

    private static double[][] shifted(double[][] args, int which, double[] direction, double h) {
        double[][] out = args.clone();
        out[which] = args[which].clone();
        for (int i = 0; i < direction.length; i++) out[which][i] += h * direction[i];
        return out;
    }

    /** The op's doubleBackward in {@code dtype} with every output asked for, widened (null for absent weights). */
    private double[][] doubleBackward(Plan plan, double[][] args, double[][] tangents, DType dtype, int batch) {
        LayoutRelay relay = relay(plan);
        try (TensorProductOp op = open(plan); MemoryScope scope = device.openScope()) {
            DeviceBuffer[] in = new DeviceBuffer[4];
            DeviceBuffer[] vs = new DeviceBuffer[3];
            DeviceBuffer[] outs = new DeviceBuffer[4];
            for (int a = 0; a < 4; a++) {
                if (args[a] == null) continue;
                in[a] = upload(scope, dtype, relay.toLayout(a, args[a]));
                outs[a] = scope.allocate(dtype, args[a].length);
                if (a < 3 && tangents[a] != null) vs[a] = upload(scope, dtype, relay.toLayout(a, tangents[a]));
            }
            op.doubleBackward(in[0], in[1], in[2], in[3], vs[0], vs[1], vs[2], outs[0], outs[1], outs[2], outs[3],
                    batch);
            double[][] result = new double[4][];
            for (int a = 0; a < 4; a++) result[a] = outs[a] == null ? null : relay.fromLayout(a, download(outs[a]));
            return result;
        }
    }

    private static void assertCloseTo(double[] expected, double[] actual, double tolerance, String what) {
        double scale = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(err <= tolerance * Math.max(scale, 1), what + ": max error " + err + " vs scale " + scale);
    }

    /** Outputs of one forward and backward call, widened to double. */
    private static final class Results {
        final double[][] arrays;

        Results(double[]... arrays) {
            this.arrays = arrays;
        }

        static Results of(Plan p, Trilinear e, double[] x1, double[] x2, double[] w, double[] gout, int batch) {
            double[] out = new double[batch * p.dimOut()];
            double[] g1 = new double[batch * p.dim1()];
            double[] g2 = new double[batch * p.dim2()];
            double[] gw = new double[w == null ? 0 : (p.sharedWeights() ? 1 : batch) * p.weightNumel()];
            e.forward(x1, x2, w, out);
            e.backward(x1, x2, w, gout, g1, g2, w == null ? null : gw);
            return new Results(out, g1, g2, gw);
        }

        static Results of32(Plan p, Trilinear e, double[] x1, double[] x2, double[] w, double[] gout, int batch) {
            float[] out = new float[batch * p.dimOut()];
            float[] g1 = new float[batch * p.dim1()];
            float[] g2 = new float[batch * p.dim2()];
            float[] w32 = w == null ? null : narrow(w);
            float[] gw = new float[w == null ? 0 : (p.sharedWeights() ? 1 : batch) * p.weightNumel()];
            e.forward(narrow(x1), narrow(x2), w32, out);
            e.backward(narrow(x1), narrow(x2), w32, narrow(gout), g1, g2, w == null ? null : gw);
            return new Results(widen(out), widen(g1), widen(g2), widen(gw));
        }

        /** Each array within {@code tolerance} times its largest reference magnitude. */
        void assertClose(Results actual, double tolerance, String what) {
            String[] names = {"out", "grad_x1", "grad_x2", "grad_weight"};
            for (int a = 0; a < arrays.length; a++) {
                double scale = 0;
                double err = 0;
                for (int i = 0; i < arrays[a].length; i++) {
                    scale = Math.max(scale, Math.abs(arrays[a][i]));
                    err = Math.max(err, Math.abs(arrays[a][i] - actual.arrays[a][i]));
                }
                assertTrue(err <= tolerance * Math.max(scale, 1e-300), what + " " + names[a] + ": max error " + err
                        + " vs scale " + scale);
            }
        }
    }

    static float[] narrow(double[] d) {
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) f[i] = (float) d[i];
        return f;
    }

    static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    private static final TensorProductSpec SPEC = TensorProductSpec.channelWise(
            org.equikern.group.Irreps.parse("2x0e+2x1o"), org.equikern.group.Irreps.parse("0e+1o"),
            org.equikern.group.Irreps.parse("2x0e+2x1o"));

    @Test
    void argumentsAreCheckedBeforeLaunch() {
        Plan plan = Plan.of(SPEC);
        try (TensorProductOp op = open(plan); MemoryScope scope = device.openScope()) {
            int batch = 3;
            DeviceBuffer x1 = scope.allocate(DType.FLOAT32, batch * plan.dim1());
            DeviceBuffer x2 = scope.allocate(DType.FLOAT32, batch * plan.dim2());
            DeviceBuffer w = scope.allocate(DType.FLOAT32, batch * plan.weightNumel());
            DeviceBuffer out = scope.allocate(DType.FLOAT32, batch * plan.dimOut());
            DeviceBuffer shortX2 = scope.allocate(DType.FLOAT32, batch * plan.dim2() - 1);
            DeviceBuffer x2f64 = scope.allocate(DType.FLOAT64, batch * plan.dim2());

            String length = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x1, shortX2, w, out, batch)).getMessage();
            assertEquals("x2 " + shortX2.name() + " has " + (batch * plan.dim2() - 1) + " elements, expected "
                    + batch * plan.dim2(), length);
            String dtype = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x1, x2f64, w, out, batch)).getMessage();
            assertEquals("x2 " + x2f64.name() + " has dtype FLOAT64, expected FLOAT32 like x1", dtype);
            String noWeights = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x1, x2, null, out, batch)).getMessage();
            assertEquals("weights must not be null: the plan has " + plan.weightNumel() + " weights per sample",
                    noWeights);
            String alias = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x1, x2, w, x1, batch)).getMessage();
            assertEquals("out " + x1.name() + " must not be an input", alias);

            try (JavaDevice other = new JavaDevice(); DeviceBuffer foreign = other.allocate(DType.FLOAT32,
                    batch * plan.dim1())) {
                String wrong = assertThrows(IllegalArgumentException.class,
                        () -> op.forward(foreign, x2, w, out, batch)).getMessage();
                assertTrue(wrong.startsWith("x1 " + foreign.name() + " belongs to ")
                        && wrong.endsWith(other.name() + ", not to device " + device.name()), wrong);
            }
            x2.close();
            assertThrows(IllegalStateException.class, () -> op.forward(x1, x2, w, out, batch));
        }
        assertEquals(0, device.liveBufferCount());
    }
}
