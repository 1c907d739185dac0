package org.equikern.ops.tensorproduct;

import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.DeviceTestBase;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.group.Irreps;
import org.equikern.runtime.DeviceConvolution;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
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
 * and shared weights, with isolated nodes, self-loops and an empty graph. Subclassed per backend.
 */
public abstract class ConvolutionContract extends DeviceTestBase {
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
        try (TensorProductOp op = TensorProductOp.on(device, plan); DeviceGraph g = DeviceGraph.upload(device, graph);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer dx = upload(scope, dtype, x);
            DeviceBuffer dsh = upload(scope, dtype, sh);
            DeviceBuffer dw = upload(scope, dtype, w);
            DeviceBuffer dg = upload(scope, dtype, gout);
            DeviceBuffer out = scope.allocate(dtype, (long) graph.atoms() * plan.dimOut());
            DeviceBuffer gx = scope.allocate(dtype, x.length);
            DeviceBuffer gsh = scope.allocate(dtype, sh.length);
            DeviceBuffer gw = scope.allocate(dtype, w.length);
            op.convolve(dx, dsh, dw, g, out, summation);
            op.convolveBackward(dx, dsh, dw, g, dg, gx, gsh, gw);
            return new double[][] {download(out), download(gx), download(gsh), download(gw)};
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
        try (TensorProductOp op = TensorProductOp.on(device, plan); DeviceGraph g = DeviceGraph.upload(device, graph)) {
            DeviceConvolution conv = new DeviceConvolution(op, g, Summation.DETERMINISTIC);
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

    private static double q(DeviceConvolution conv, double[][] args, double[][] v) {
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

    @Test
    void graphOfAnotherDeviceAndWrongLengthsAreNamed() {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2x0e"), Irreps.parse("0e"),
                Irreps.parse("2x0e")));
        EdgeIndex graph = EdgeIndex.of(3, new int[] {0, 1}, new int[] {1, 2});
        try (TensorProductOp op = TensorProductOp.on(device, plan); DeviceGraph g = DeviceGraph.upload(device, graph);
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
