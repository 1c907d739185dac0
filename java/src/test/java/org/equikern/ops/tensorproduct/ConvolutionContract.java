package org.equikern.ops.tensorproduct;

import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.DeviceTestBase;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.device.Transfers;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.layout.LayoutRelay;
import org.equikern.runtime.DeviceConvolution;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.equikern.tp.Trilinear;
import org.equikern.tp.TrilinearDoubleBackward;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The fused convolution on one device against gather → tensor product → scatter done step by
 * step with the Java executor, forward and backward, both precisions, both summations, per-edge
 * and shared weights, with isolated nodes, self-loops and an empty graph. Subclassed per backend,
 * and per layout where a backend serves {@code ir_mul} natively (the op under test then takes its
 * irreps buffers in {@link #layout()}, converted on the host by a {@link LayoutRelay}).
 */
public abstract class ConvolutionContract extends DeviceTestBase {
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

    /** Converts mul_ir arrays of (x, edge attributes, weights, out) into {@link #layout()} and back. */
    private LayoutRelay relay(Plan plan) {
        return new LayoutRelay(layout(), plan.spec().irrepsIn1(), plan.spec().irrepsIn2(), null,
                plan.spec().irrepsOut());
    }

    /** The op's convolution over {@code graph} as a trilinear operation on mul_ir arrays. */
    private Trilinear convolution(TensorProductOp op, DeviceGraph graph) {
        return relay(op.plan()).trilinear(new DeviceConvolution(op, graph, Summation.DETERMINISTIC));
    }

    Stream<Arguments> cases() {
        Irreps node = Irreps.parse("4x0e+3x1o+2x2e");
        Irreps sh = Irreps.parse("0e+1o+2e");
        TensorProductSpec channelWise = TensorProductSpec.channelWise(node, sh, node);
        TensorProductSpec shared = TensorProductSpec.fullyConnected(node, sh, Irreps.parse("2x0e+2x1o+1x2e"));
        // Enough work per edge for the Java backend to compile the plan into its own kernels.
        Irreps wide = Irreps.parse("16x0e+16x1o+16x2e");
        TensorProductSpec compiled = TensorProductSpec.channelWise(wide, sh, wide);
        // uvu and uvw paths in one plan: the GPU backends' fused element kernels, not the staged chunk ones.
        TensorProductSpec mixedModes = TensorProductSpec.builder("4x0e+3x1o", "0e+1o", "4x0e+3x1o+2x0e")
                .sharedWeights(false).instruction(0, 0, 0, "uvu", true).instruction(1, 0, 1, "uvu", true)
                .instruction(1, 1, 2, "uvw", true).build();
        return Stream.of(
                Arguments.of("channel-wise per-edge", channelWise, 40),
                Arguments.of("mixed modes per-edge", mixedModes, 40),
                Arguments.of("channel-wise compiled per-edge", compiled, 40),
                Arguments.of("channel-wise compiled shared", compiled.toBuilder().sharedWeights(true).build(), 40),
                Arguments.of("fully connected shared", shared, 40),
                Arguments.of("no edges", channelWise, 0),
                // More edges than the Java backend's chunk: full chunks and a shorter last one.
                Arguments.of("many edges", TensorProductSpec.channelWise(Irreps.parse("2x0e+1x1o"),
                        Irreps.parse("0e+1o"), Irreps.parse("2x0e+1x1o")), 2 * 2048 + 37));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesStepByStepComposition(String name, TensorProductSpec spec, int edges) {
        Plan plan = Plan.of(spec);
        int nodes = 9;
        Random random = new Random(edges * 31L + name.length());
        int[] src = new int[edges];
        int[] dst = new int[edges];
        for (int e = 0; e < edges; e++) {
            src[e] = random.nextInt(nodes - 1); // node nodes-1 never sends
            dst[e] = e == 0 ? src[e] : random.nextInt(nodes - 1); // a self-loop; node nodes-1 is isolated
        }
        EdgeIndex graph = EdgeIndex.of(nodes, src, dst);
        double[] x = gaussian(random, nodes * plan.dim1());
        double[] sh = gaussian(random, edges * plan.dim2());
        double[] w = gaussian(random, (plan.sharedWeights() ? 1 : edges) * plan.weightNumel());
        double[] gout = gaussian(random, nodes * plan.dimOut());
        double[][] expected = stepByStep(plan, graph, x, sh, w, gout);
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (Summation summation : Summation.values()) {
                double[][] actual = onDevice(plan, graph, x, sh, w, gout, dtype, summation);
                double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 2e-5;
                String[] names = {"out", "gradX", "gradSh", "gradW"};
                for (int a = 0; a < names.length; a++) {
                    assertClose(expected[a], actual[a], tolerance, name + " " + dtype + " " + summation + " "
                            + names[a]);
                }
            }
        }
        assertEquals(0, device.liveBufferCount(), device.liveBufferNames().toString());
    }

    private static double[][] stepByStep(Plan plan, EdgeIndex graph, double[] x, double[] sh, double[] w,
            double[] gout) {
        int edges = graph.edges();
        JavaTensorProductExecutor tp = new JavaTensorProductExecutor(plan);
        double[] x1 = new double[edges * plan.dim1()];
        double[] g = new double[edges * plan.dimOut()];
        for (int e = 0; e < edges; e++) {
            System.arraycopy(x, graph.src(e) * plan.dim1(), x1, e * plan.dim1(), plan.dim1());
            System.arraycopy(gout, graph.dst(e) * plan.dimOut(), g, e * plan.dimOut(), plan.dimOut());
        }
        double[] perEdge = new double[edges * plan.dimOut()];
        tp.forward(x1, sh, w, perEdge, edges);
        double[] out = new double[graph.atoms() * plan.dimOut()];
        for (int e = 0; e < edges; e++) {
            for (int i = 0; i < plan.dimOut(); i++) out[graph.dst(e) * plan.dimOut() + i] += perEdge[e * plan.dimOut() + i];
        }
        double[] g1 = new double[edges * plan.dim1()];
        double[] gsh = new double[edges * plan.dim2()];
        double[] gw = new double[w.length];
        tp.backward(x1, sh, w, g, g1, gsh, gw, edges);
        double[] gx = new double[x.length];
        for (int e = 0; e < edges; e++) {
            for (int i = 0; i < plan.dim1(); i++) gx[graph.src(e) * plan.dim1() + i] += g1[e * plan.dim1() + i];
        }
        return new double[][] {out, gx, gsh, gw};
    }

    private double[][] onDevice(Plan plan, EdgeIndex graph, double[] x, double[] sh, double[] w, double[] gout,
            DType dtype, Summation summation) {
        LayoutRelay relay = relay(plan);
        try (TensorProductOp op = open(plan); DeviceGraph g = DeviceGraph.upload(device, graph);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer dx = upload(scope, dtype, relay.toLayout(0, x));
            DeviceBuffer dsh = upload(scope, dtype, relay.toLayout(1, sh));
            DeviceBuffer dw = upload(scope, dtype, w);
            DeviceBuffer dg = upload(scope, dtype, relay.toLayout(3, gout));
            DeviceBuffer out = scope.allocate(dtype, (long) graph.atoms() * plan.dimOut());
            DeviceBuffer gx = scope.allocate(dtype, x.length);
            DeviceBuffer gsh = scope.allocate(dtype, sh.length);
            DeviceBuffer gw = scope.allocate(dtype, w.length);
            op.convolve(dx, dsh, dw, g, out, summation);
            op.convolveBackward(dx, dsh, dw, g, dg, gx, gsh, gw);
            return new double[][] {relay.fromLayout(3, download(out)), relay.fromLayout(0, download(gx)),
                relay.fromLayout(1, download(gsh)), download(gw)};
        }
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            scale = Math.max(scale, Math.abs(expected[i]));
            err = Math.max(err, Math.abs(expected[i] - actual[i]));
        }
        assertTrue(err <= tolerance * Math.max(scale, 1), what + ": error " + err + " vs scale " + scale);
    }

    /**
     * Double backward of the convolution against central differences of its backward along
     * random directions (exact up to rounding: Q is linear in each argument).
     */
    @Test
    void doubleBackwardMatchesFiniteDifferencesOfTheBackward() {
        TensorProductSpec spec = TensorProductSpec.channelWise(Irreps.parse("3x0e+2x1o"), Irreps.parse("0e+1o+2e"),
                Irreps.parse("3x0e+2x1o+2x2e"));
        Plan plan = Plan.of(spec);
        Random random = new Random(5);
        EdgeIndex graph = EdgeIndex.of(4, new int[] {0, 1, 2, 3, 0, 2}, new int[] {1, 2, 3, 0, 2, 2});
        int edges = graph.edges();
        double[][] args = {gaussian(random, 4 * plan.dim1()), gaussian(random, edges * plan.dim2()),
            gaussian(random, edges * plan.weightNumel()), gaussian(random, 4 * plan.dimOut())};
        double[][] v = {gaussian(random, args[0].length), gaussian(random, args[1].length),
            gaussian(random, args[2].length)};
        try (TensorProductOp op = open(plan); DeviceGraph g = DeviceGraph.upload(device, graph)) {
            Trilinear conv = convolution(op, g);
            double[][] grads = new double[4][];
            for (int a = 0; a < 4; a++) grads[a] = new double[args[a].length];
            new TrilinearDoubleBackward(conv).compute(args[0], args[1], args[2], args[3], v[0], v[1], v[2],
                    grads[0], grads[1], grads[2], grads[3]);
            for (int a = 0; a < 4; a++) {
                double[] direction = gaussian(random, args[a].length);
                double analytic = 0;
                for (int i = 0; i < direction.length; i++) analytic += grads[a][i] * direction[i];
                double numeric = (q(conv, shifted(args, a, direction, 0.5), v)
                        - q(conv, shifted(args, a, direction, -0.5), v)) / 1.0;
                assertEquals(numeric, analytic, 1e-9 * Math.max(1, Math.abs(numeric)), "argument " + a);
            }
        }
        assertEquals(0, device.liveBufferCount());
    }

    private static double q(Trilinear conv, double[][] args, double[][] v) {
        double[][] g = {new double[v[0].length], new double[v[1].length], new double[v[2].length]};
        conv.backward(args[0], args[1], args[2], args[3], g[0], g[1], g[2]);
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

    /**
     * Each gradient asked for alone (the others null) equals the step-by-step composition: the
     * fused backward writes exactly what is asked and nothing depends on the others.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void eachGradientAloneMatchesTheComposition(String name, TensorProductSpec spec, int edges) {
        Plan plan = Plan.of(spec);
        EdgeIndex graph = randomGraph(new Random(edges + 7L), 9, Math.min(edges, 40));
        Random random = new Random(11);
        double[][] args = randomArguments(random, plan, graph);
        double[] gout = gaussian(random, graph.atoms() * plan.dimOut());
        double[][] expected = stepByStep(plan, graph, args[0], args[1], args[2], gout);
        LayoutRelay relay = relay(plan);
        try (TensorProductOp op = open(plan); DeviceGraph g = DeviceGraph.upload(device, graph);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer[] in = {upload(scope, DType.FLOAT64, relay.toLayout(0, args[0])),
                upload(scope, DType.FLOAT64, relay.toLayout(1, args[1])), upload(scope, DType.FLOAT64, args[2])};
            DeviceBuffer dg = upload(scope, DType.FLOAT64, relay.toLayout(3, gout));
            for (int which = 0; which < 3; which++) {
                DeviceBuffer[] grads = new DeviceBuffer[3];
                grads[which] = scope.allocate(DType.FLOAT64, args[which].length);
                op.convolveBackward(in[0], in[1], in[2], g, dg, grads[0], grads[1], grads[2]);
                assertClose(expected[which + 1], relay.fromLayout(which, download(grads[which])), 1e-12,
                        name + " gradient " + which + " alone");
            }
        }
        assertEquals(0, device.liveBufferCount(), device.liveBufferNames().toString());
    }

    /**
     * The op's double backward against {@link TrilinearDoubleBackward} over the step-by-step
     * composition on the host, both precisions: all tangents, then one tangent missing and only
     * some outputs asked for.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void doubleBackwardMatchesTheComposedHostOracle(String name, TensorProductSpec spec, int edges) {
        Plan plan = Plan.of(spec);
        EdgeIndex graph = randomGraph(new Random(edges + 3L), 9, Math.min(edges, 40));
        Random random = new Random(13);
        double[][] args = randomArguments(random, plan, graph);
        double[] gout = gaussian(random, graph.atoms() * plan.dimOut());
        double[][] v = {gaussian(random, args[0].length), gaussian(random, args[1].length),
            gaussian(random, args[2].length)};
        Trilinear host = hostConvolution(plan, graph);
        for (boolean missingTangent : new boolean[] {false, true}) {
            double[][] tangents = missingTangent ? new double[][] {v[0], null, v[2]} : v;
            double[][] expected = {new double[args[0].length], new double[args[1].length],
                new double[args[2].length], new double[gout.length]};
            new TrilinearDoubleBackward(host).compute(args[0], args[1], args[2], gout, tangents[0], tangents[1],
                    tangents[2], expected[0], expected[1], expected[2], expected[3]);
            boolean[] wanted = missingTangent ? new boolean[] {true, false, true, true}
                : new boolean[] {true, true, true, true};
            for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                double[][] actual = convolveDoubleBackward(plan, graph, args, gout, tangents, wanted, dtype);
                for (int a = 0; a < 4; a++) {
                    if (!wanted[a]) continue;
                    assertClose(expected[a], actual[a], dtype == DType.FLOAT64 ? 1e-12 : 5e-5, name + " " + dtype
                            + (missingTangent ? " (no attribute tangent)" : "") + " output " + a);
                }
            }
        }
        assertEquals(0, device.liveBufferCount(), device.liveBufferNames().toString());
    }

    /**
     * The op's double backward against central differences of the backward in f64, per-edge and
     * shared weights: Q is linear in each argument, so the difference is exact up to rounding.
     */
    @ParameterizedTest(name = "shared weights {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void opDoubleBackwardMatchesCentralDifferences(boolean shared) {
        TensorProductSpec spec = TensorProductSpec.channelWise(Irreps.parse("3x0e+2x1o"), Irreps.parse("0e+1o+2e"),
                Irreps.parse("3x0e+2x1o+2x2e")).toBuilder().sharedWeights(shared).build();
        Plan plan = Plan.of(spec);
        Random random = new Random(17);
        EdgeIndex graph = EdgeIndex.of(4, new int[] {0, 1, 2, 3, 0, 2}, new int[] {1, 2, 3, 0, 2, 2});
        double[][] args = randomArguments(random, plan, graph);
        args = new double[][] {args[0], args[1], args[2], gaussian(random, 4 * plan.dimOut())};
        double[][] v = {gaussian(random, args[0].length), gaussian(random, args[1].length),
            gaussian(random, args[2].length)};
        double[][] grads = convolveDoubleBackward(plan, graph, args, args[3], v, new boolean[] {true, true, true, true},
                DType.FLOAT64);
        try (TensorProductOp op = open(plan); DeviceGraph g = DeviceGraph.upload(device, graph)) {
            Trilinear conv = convolution(op, g);
            for (int a = 0; a < 4; a++) {
                double[] direction = gaussian(random, args[a].length);
                double analytic = 0;
                for (int i = 0; i < direction.length; i++) analytic += grads[a][i] * direction[i];
                double numeric = q(conv, shifted(args, a, direction, 0.5), v) - q(conv, shifted(args, a, direction, -0.5), v);
                assertEquals(numeric, analytic, 1e-9 * Math.max(1, Math.abs(numeric)), "argument " + a);
            }
        }
        assertEquals(0, device.liveBufferCount());
    }

    /**
     * The double backward moves nothing between host and device, whether fused or composed of the op's own
     * calls: a model trained on forces keeps its activations on the device for the whole step.
     */
    @Test
    void doubleBackwardTransfersNothing() {
        TensorProductSpec spec = TensorProductSpec.channelWise(Irreps.parse("3x0e+2x1o"), Irreps.parse("0e+1o"),
                Irreps.parse("3x0e+2x1o"));
        Plan plan = Plan.of(spec);
        Random random = new Random(19);
        EdgeIndex graph = EdgeIndex.of(3, new int[] {0, 1, 2, 0}, new int[] {1, 2, 0, 2});
        double[][] args = randomArguments(random, plan, graph);
        try (TensorProductOp op = TensorProductOp.on(device, plan); DeviceGraph g = DeviceGraph.upload(device, graph);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer[] in = new DeviceBuffer[3];
            DeviceBuffer[] outs = new DeviceBuffer[3];
            for (int a = 0; a < 3; a++) {
                in[a] = scope.upload(args[a]);
                outs[a] = scope.allocate(DType.FLOAT64, args[a].length);
            }
            DeviceBuffer gout = scope.upload(gaussian(random, 3 * plan.dimOut()));
            DeviceBuffer ggout = scope.allocate(DType.FLOAT64, gout.length());
            for (int call = 1; call <= 2; call++) {
                // The first call may upload the op's constant tables.
                Transfers before = device.transfers();
                op.convolveDoubleBackward(in[0], in[1], in[2], g, gout, in[0], in[1], in[2], outs[0], outs[1], outs[2],
                        ggout);
                Transfers counted = device.transfers().since(before);
                assertEquals(0, counted.downloads(), "downloads, call " + call);
                if (call == 2) assertEquals(new Transfers(0, 0, 0, 0), counted, "second call");
            }
        }
    }

    /** The op's convolveDoubleBackward in {@code dtype}: the outputs asked for, widened (null otherwise). */
    private double[][] convolveDoubleBackward(Plan plan, EdgeIndex graph, double[][] args, double[] gout,
            double[][] tangents, boolean[] wanted, DType dtype) {
        LayoutRelay relay = relay(plan);
        try (TensorProductOp op = open(plan); DeviceGraph g = DeviceGraph.upload(device, graph);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer[] in = new DeviceBuffer[3];
            DeviceBuffer[] vs = new DeviceBuffer[3];
            DeviceBuffer[] outs = new DeviceBuffer[4];
            for (int a = 0; a < 3; a++) {
                in[a] = upload(scope, dtype, relay.toLayout(a, args[a]));
                if (tangents[a] != null) vs[a] = upload(scope, dtype, relay.toLayout(a, tangents[a]));
                if (wanted[a]) outs[a] = scope.allocate(dtype, args[a].length);
            }
            if (wanted[3]) outs[3] = scope.allocate(dtype, gout.length);
            op.convolveDoubleBackward(in[0], in[1], in[2], g, upload(scope, dtype, relay.toLayout(3, gout)), vs[0],
                    vs[1], vs[2], outs[0], outs[1], outs[2], outs[3]);
            double[][] result = new double[4][];
            for (int a = 0; a < 4; a++) result[a] = outs[a] == null ? null : relay.fromLayout(a, download(outs[a]));
            return result;
        }
    }

    /** The step-by-step composition on the host as a trilinear operation of (x, edge attributes, weights). */
    private static Trilinear hostConvolution(Plan plan, EdgeIndex graph) {
        return new Trilinear() {
            @Override
            public void forward(Object a, Object b, Object c, Object out) {
                double[] gout = new double[((double[]) out).length];
                double[] result = stepByStep(plan, graph, (double[]) a, (double[]) b, (double[]) c, gout)[0];
                System.arraycopy(result, 0, (double[]) out, 0, result.length);
            }

            @Override
            public void backward(Object a, Object b, Object c, Object gradOut, Object ga, Object gb, Object gc) {
                double[][] r = stepByStep(plan, graph, (double[]) a, (double[]) b, (double[]) c, (double[]) gradOut);
                Object[] targets = {ga, gb, gc};
                for (int i = 0; i < 3; i++) {
                    if (targets[i] != null) System.arraycopy(r[i + 1], 0, (double[]) targets[i], 0, r[i + 1].length);
                }
            }
        };
    }

    /** Random edges among {@code nodes - 1} nodes with a self-loop first; the last node is isolated. */
    private static EdgeIndex randomGraph(Random random, int nodes, int edges) {
        int[] src = new int[edges];
        int[] dst = new int[edges];
        for (int e = 0; e < edges; e++) {
            src[e] = random.nextInt(nodes - 1);
            dst[e] = e == 0 ? src[e] : random.nextInt(nodes - 1);
        }
        return EdgeIndex.of(nodes, src, dst);
    }

    /** Gaussian node features, edge attributes and weights (per edge or shared) for {@code graph}. */
    private static double[][] randomArguments(Random random, Plan plan, EdgeIndex graph) {
        int edges = graph.edges();
        return new double[][] {gaussian(random, graph.atoms() * plan.dim1()), gaussian(random, edges * plan.dim2()),
            gaussian(random, (plan.sharedWeights() ? 1 : edges) * plan.weightNumel())};
    }

    @Test
    void graphOfAnotherDeviceAndWrongLengthsAreNamed() {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2x0e"), Irreps.parse("0e"),
                Irreps.parse("2x0e")));
        EdgeIndex graph = EdgeIndex.of(3, new int[] {0, 1}, new int[] {1, 2});
        try (TensorProductOp op = open(plan); DeviceGraph g = DeviceGraph.upload(device, graph);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 6);
            DeviceBuffer sh = scope.allocate(DType.FLOAT64, 2);
            DeviceBuffer w = scope.allocate(DType.FLOAT64, 4);
            DeviceBuffer shortOut = scope.allocate(DType.FLOAT64, 5);
            String len = assertThrows(IllegalArgumentException.class,
                    () -> op.convolve(x, sh, w, g, shortOut, Summation.DETERMINISTIC)).getMessage();
            assertEquals("out " + shortOut.name() + " has 5 elements, expected 6", len);
            try (Device other = Devices.open("java"); DeviceGraph foreign = DeviceGraph.upload(other, graph)) {
                if (other.kind() != device.kind()) {
                    String wrong = assertThrows(IllegalArgumentException.class,
                            () -> op.convolve(x, sh, w, foreign, shortOut, Summation.DETERMINISTIC)).getMessage();
                    assertEquals("graph lives on device java, not on " + device.name(), wrong);
                }
            }
        }
        assertEquals(0, device.liveBufferCount());
    }
}
