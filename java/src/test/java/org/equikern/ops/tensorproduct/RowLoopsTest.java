package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * The row kernels against the generic ones they replace, on random specs of every mode (input 2
 * with one channel, where the row kernels apply, and with several), weighted and not, shared and
 * per-sample weights, both precisions and odd batch sizes.
 */
class RowLoopsTest {
    private static final double F64 = 1e-12;
    private static final double F32 = 1e-5;

    @Test
    void rowKernelsMatchTheGenericKernels() {
        Random random = new Random(2024);
        int specialized = 0;
        for (Mode mode : Mode.values()) {
            for (int trial = 0; trial < 6; trial++) {
                boolean weighted = mode.needsWeights() || trial % 3 != 2;
                TensorProductSpec spec = randomSpec(random, mode, weighted, trial % 2 == 0, trial < 4);
                Plan plan = Plan.of(spec);
                JavaTensorProductExecutor fast = new JavaTensorProductExecutor(plan);
                JavaTensorProductExecutor generic = new JavaTensorProductExecutor(plan, false);
                if (RowPlan.of(new FlatPlan(plan, true)) != null) specialized++;
                for (int batch : new int[] {1, 7, 333}) {
                    compare(spec + " batch " + batch, fast, generic, batch, random);
                }
            }
        }
        assertTrue(specialized >= 6, "the random specs exercise the row kernels: " + specialized);
    }

    static void compare(String name, JavaTensorProductExecutor fast, JavaTensorProductExecutor generic,
                                int batch, Random random) {
        Plan plan = fast.plan();
        int numel = plan.weightNumel() == 0 ? 0 : plan.sharedWeights() ? plan.weightNumel() : batch * plan.weightNumel();
        double[] x1 = gaussian(random, batch * plan.dim1());
        double[] x2 = gaussian(random, batch * plan.dim2());
        double[] w = numel == 0 ? null : gaussian(random, numel);
        double[] go = gaussian(random, batch * plan.dimOut());
        double[][] expected = run(generic, x1, x2, w, go, batch);
        double[][] actual = run(fast, x1, x2, w, go, batch);
        for (int a = 0; a < expected.length; a++) assertClose(name + " f64 output " + a, expected[a], actual[a], F64);
        // Without x2's gradient (the row kernels then skip its terms), x1's and the weights' stay the same.
        double[] g1Alone = new double[x1.length];
        double[] gwAlone = w == null ? null : new double[w.length];
        fast.backward(x1, x2, w, go, g1Alone, null, gwAlone, batch);
        assertClose(name + " f64 gradX1 without gradX2", expected[1], g1Alone, F64);
        if (gwAlone != null) assertClose(name + " f64 gradWeights without gradX2", expected[3], gwAlone, F64);
        float[][] single = run(fast, toFloat(x1), toFloat(x2), w == null ? null : toFloat(w), toFloat(go), batch);
        float[][] singleGeneric = run(generic, toFloat(x1), toFloat(x2), w == null ? null : toFloat(w), toFloat(go),
                batch);
        for (int a = 0; a < expected.length; a++) {
            assertClose(name + " f32 output " + a, toDouble(singleGeneric[a]), toDouble(single[a]), F32);
        }
    }

    private static double[][] run(JavaTensorProductExecutor ex, double[] x1, double[] x2, double[] w, double[] go,
                                  int batch) {
        Plan plan = ex.plan();
        double[] out = new double[batch * plan.dimOut()];
        double[] g1 = new double[x1.length];
        double[] g2 = new double[x2.length];
        double[] gw = w == null ? null : new double[w.length];
        ex.forward(x1, x2, w, out, batch);
        ex.backward(x1, x2, w, go, g1, g2, gw, batch);
        return new double[][] {out, g1, g2, gw == null ? new double[0] : gw};
    }

    private static float[][] run(JavaTensorProductExecutor ex, float[] x1, float[] x2, float[] w, float[] go,
                                 int batch) {
        Plan plan = ex.plan();
        float[] out = new float[batch * plan.dimOut()];
        float[] g1 = new float[x1.length];
        float[] g2 = new float[x2.length];
        float[] gw = w == null ? null : new float[w.length];
        ex.forward(x1, x2, w, out, batch);
        ex.backward(x1, x2, w, go, g1, g2, gw, batch);
        return new float[][] {out, g1, g2, gw == null ? new float[0] : gw};
    }

    /** A random spec for {@code mode}: each (in1, in2) block pair feeds a fresh output block. */
    static TensorProductSpec randomSpec(Random random, Mode mode, boolean weighted, boolean shared,
                                                boolean oneV) {
        boolean equalMuls = mode.pairs() != Mode.Pairs.ALL;
        int common = mode == Mode.UVU_LT_V ? 2 + random.nextInt(3) : 1 + random.nextInt(4);
        List<String> in1 = new ArrayList<>();
        List<String> in2 = new ArrayList<>();
        List<String> out = new ArrayList<>();
        List<int[]> ins = new ArrayList<>();
        int[] l1 = blocks(random, 3, in1, equalMuls ? common : 1 + random.nextInt(5));
        int[] l2 = blocks(random, 2, in2, equalMuls ? common : oneV ? 1 : 1 + random.nextInt(3));
        for (int a = 0; a < l1.length; a++) {
            for (int b = 0; b < l2.length; b++) {
                int m1 = mul(in1.get(a)), m2 = mul(in2.get(b));
                int l = Math.abs(l1[a] - l2[b]) + random.nextInt(l1[a] + l2[b] - Math.abs(l1[a] - l2[b]) + 1);
                boolean odd = parity(in1.get(a)) != parity(in2.get(b));
                int mo;
                switch (mode) {
                    case UVU: mo = m1; break;
                    case UVV: mo = m2; break;
                    case UUU: mo = m1; break;
                    case UVUV: mo = m1 * m2; break;
                    case UVU_LT_V: mo = m1 * (m1 - 1) / 2; break;
                    default: mo = mode == Mode.UUW && !weighted ? 1 : 1 + random.nextInt(4);
                }
                ins.add(new int[] {a, b, out.size()});
                out.add(mo + "x" + l + (odd ? "o" : "e"));
            }
        }
        TensorProductSpec.Builder builder = TensorProductSpec.builder(String.join("+", in1), String.join("+", in2),
                String.join("+", out)).sharedWeights(shared);
        for (int[] i : ins) builder.instruction(i[0], i[1], i[2], mode.text(), weighted);
        return builder.build();
    }

    /** Up to {@code max} blocks of distinct l (0..3) with multiplicity {@code mul}; returns their l. */
    private static int[] blocks(Random random, int max, List<String> names, int mul) {
        int count = 1 + random.nextInt(max);
        int[] ls = new int[count];
        for (int b = 0; b < count; b++) {
            ls[b] = random.nextInt(4);
            names.add(mul + "x" + ls[b] + (random.nextBoolean() ? "e" : "o"));
        }
        return ls;
    }

    private static int mul(String block) {
        return Integer.parseInt(block.substring(0, block.indexOf('x')));
    }

    private static boolean parity(String block) {
        return block.endsWith("o");
    }

    private static void assertClose(String what, double[] expected, double[] actual, double relative) {
        assertEquals(expected.length, actual.length, what);
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * Math.max(scale, 1e-300), what + " entry " + i);
        }
    }

    static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    private static float[] toFloat(double[] v) {
        float[] out = new float[v.length];
        for (int i = 0; i < v.length; i++) out[i] = (float) v[i];
        return out;
    }

    private static double[] toDouble(float[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) out[i] = v[i];
        return out;
    }
}
