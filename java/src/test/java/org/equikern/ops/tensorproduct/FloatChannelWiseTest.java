package org.equikern.ops.tensorproduct;

import static org.equikern.testing.FloatArrays.gaussian;
import static org.equikern.testing.FloatArrays.narrowed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.gemm.VectorApi;
import org.equikern.testing.ScaledError;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * The float32 channel-wise kernels, on the Vector API and in their plain-Java fallback, against
 * the float64 generic kernels (not generated): plain products and fused convolutions (checked
 * against a gather, generic product, scatter-add reference), every gradient, on shapes with
 * multiplicity 1, odd channel counts and channel counts that leave a partial vector.
 */
class FloatChannelWiseTest {
    /**
     * The float32 path's documented accuracy: every entry within this fraction of the largest
     * float64 value of the same result (float32 rounding of sums of tens of products).
     */
    static final double TOLERANCE = 1e-5;

    @Test
    void theTestsRunWithTheVectorApi() {
        assertTrue(VectorApi.isAvailable(), "surefire's argLine adds jdk.incubator.vector");
    }

    @Test
    void productsAndConvolutionsMatchTheFloat64Kernels() {
        Random random = new Random(19);
        for (TensorProductSpec spec : specs(random)) {
            Plan plan = Plan.of(spec);
            JavaTensorProductExecutor reference = new JavaTensorProductExecutor(plan, false);
            for (boolean vectorApi : new boolean[] {true, false}) {
                CompiledProduct compiled = CompiledProduct.compile(new FlatPlan(plan, true), vectorApi);
                assertNotNull(compiled, spec.toString());
                JavaTensorProductExecutor fast = new JavaTensorProductExecutor(plan, compiled);
                String name = spec + (vectorApi ? " vector" : " scalar");
                for (int batch : new int[] {1, 6}) compareProducts(name + " batch " + batch, fast, reference, batch, random);
                compareConvolutions(name, fast, reference, random);
            }
        }
    }

    /** Random uvu specs (multiplicities 1–4, weighted or not, shared or not) and wide fixed ones. */
    private static List<TensorProductSpec> specs(Random random) {
        List<TensorProductSpec> specs = new ArrayList<>();
        for (int trial = 0; trial < 3; trial++) {
            specs.add(RowLoopsTest.randomSpec(random, Mode.UVU, trial % 3 != 2, trial % 2 == 0, true));
        }
        // 37 channels: two AVX-512 vectors and a tail of 5; 16: exactly one vector; 1: only the tail.
        specs.add(TensorProductSpec.builder("37x0e+37x1o+37x2e", "0e+1o+2e", "37x0e+37x1o+37x2e+37x1e")
                .sharedWeights(false).instruction(0, 1, 1, "uvu", true).instruction(1, 1, 3, "uvu", true)
                .instruction(2, 2, 0, "uvu", true).instruction(1, 2, 1, "uvu", false).build());
        specs.add(TensorProductSpec.builder("16x1o+1x3o", "1o+2e", "16x0e+16x2e+1x3o").sharedWeights(true)
                .instruction(0, 0, 0, "uvu", true).instruction(0, 0, 1, "uvu", true).instruction(1, 1, 2, "uvu", true)
                .build());
        return specs;
    }

    private static void compareProducts(String name, JavaTensorProductExecutor fast,
                                        JavaTensorProductExecutor reference, int batch, Random random) {
        Plan plan = fast.plan();
        double[] x1 = gaussian(random, batch * plan.dim1());
        double[] x2 = gaussian(random, batch * plan.dim2());
        double[] w = gaussian(random, (plan.sharedWeights() ? 1 : batch) * plan.weightNumel());
        double[] go = gaussian(random, batch * plan.dimOut());
        double[] out = new double[go.length];
        double[] g1 = new double[x1.length];
        double[] g2 = new double[x2.length];
        double[] gw = new double[w.length];
        reference.forward(x1, x2, w, out, batch);
        reference.backward(x1, x2, w, go, g1, g2, gw, batch);
        float[] outF = new float[go.length];
        float[] g1F = new float[x1.length];
        float[] g2F = new float[x2.length];
        float[] gwF = new float[w.length];
        fast.forward(narrowed(x1), narrowed(x2), narrowed(w), outF, batch);
        fast.backward(narrowed(x1), narrowed(x2), narrowed(w), narrowed(go), g1F, g2F, gwF, batch);
        assertClose(name + " output", out, outF);
        assertClose(name + " gradX1", g1, g1F);
        assertClose(name + " gradX2", g2, g2F);
        assertClose(name + " gradWeights", gw, gwF);
    }

    /**
     * A random graph of 5 nodes (node 4 has no edges) and 17 edges through the compiled float32
     * convolution, against the float64 generic product of each edge gathered and scattered here.
     */
    private static void compareConvolutions(String name, JavaTensorProductExecutor fast,
                                            JavaTensorProductExecutor reference, Random random) {
        Plan plan = fast.plan();
        int nodes = 5, edges = 17;
        int[] src = new int[edges];
        int[] dst = new int[edges];
        for (int e = 0; e < edges; e++) {
            src[e] = random.nextInt(nodes - 1);
            dst[e] = random.nextInt(nodes - 1);
        }
        int d1 = plan.dim1(), d2 = plan.dim2(), dOut = plan.dimOut(), numel = plan.weightNumel();
        double[] x = gaussian(random, nodes * d1);
        double[] attrs = gaussian(random, edges * d2);
        double[] w = gaussian(random, (plan.sharedWeights() ? 1 : edges) * numel);
        double[] gradOut = gaussian(random, nodes * dOut);
        // Reference: gather rows per edge, float64 generic product, scatter-add.
        double[] x1 = new double[edges * d1];
        double[] rowsGradOut = new double[edges * dOut];
        for (int e = 0; e < edges; e++) {
            System.arraycopy(x, src[e] * d1, x1, e * d1, d1);
            System.arraycopy(gradOut, dst[e] * dOut, rowsGradOut, e * dOut, dOut);
        }
        double[] rows = new double[edges * dOut];
        double[] g1 = new double[x1.length];
        double[] gradAttrs = new double[attrs.length];
        double[] gradW = new double[w.length];
        reference.forward(x1, attrs, w, rows, edges);
        reference.backward(x1, attrs, w, rowsGradOut, g1, gradAttrs, gradW, edges);
        double[] out = new double[nodes * dOut];
        double[] gradX = new double[x.length];
        for (int e = 0; e < edges; e++) {
            for (int f = 0; f < dOut; f++) out[dst[e] * dOut + f] += rows[e * dOut + f];
            for (int i = 0; i < d1; i++) gradX[src[e] * d1 + i] += g1[e * d1 + i];
        }
        float[] outF = new float[out.length];
        float[] gradXF = new float[gradX.length];
        float[] gradAttrsF = new float[gradAttrs.length];
        float[] gradWF = new float[gradW.length];
        int[][] in = csr(dst, nodes);
        int[][] outgoing = csr(src, nodes);
        assertTrue(fast.convolve(narrowed(x), narrowed(attrs), narrowed(w), src, in[0], in[1], outF));
        assertTrue(fast.convolveBackward(narrowed(x), narrowed(attrs), narrowed(w), narrowed(gradOut), gradXF,
                gradAttrsF, gradWF, dst, outgoing[0], outgoing[1]));
        assertClose(name + " convolution", out, outF);
        assertClose(name + " convolution gradX", gradX, gradXF);
        assertClose(name + " convolution gradAttrs", gradAttrs, gradAttrsF);
        assertClose(name + " convolution gradWeights", gradW, gradWF);
    }

    /** Edges grouped by {@code node[e]} in edge order: {order, offsets}. */
    private static int[][] csr(int[] node, int nodes) {
        int[] offsets = new int[nodes + 1];
        for (int n : node) offsets[n + 1]++;
        for (int n = 0; n < nodes; n++) offsets[n + 1] += offsets[n];
        int[] order = new int[node.length];
        int[] next = offsets.clone();
        for (int e = 0; e < node.length; e++) order[next[node[e]]++] = e;
        return new int[][] {order, offsets};
    }

    private static void assertClose(String what, double[] expected, float[] actual) {
        assertEquals(expected.length, actual.length, what);
        ScaledError.assertClose(expected, actual, TOLERANCE, what);
    }
}
