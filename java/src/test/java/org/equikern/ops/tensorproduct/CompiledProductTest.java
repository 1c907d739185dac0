package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.Irreps;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * The generated channel-wise kernels against the generic ones, on random {@code uvu} specs
 * (weighted or not, shared or per-sample weights, both precisions, odd batches), with every
 * subset of gradients, and the policy that picks them.
 */
class CompiledProductTest {
    @Test
    void generatedKernelsMatchTheGenericKernels() {
        Random random = new Random(77);
        for (int trial = 0; trial < 12; trial++) {
            TensorProductSpec spec = RowLoopsTest.randomSpec(random, Mode.UVU, trial % 3 != 2, trial % 2 == 0, true);
            Plan plan = Plan.of(spec);
            CompiledProduct compiled = CompiledProduct.compile(new FlatPlan(plan, true));
            assertNotNull(compiled, "the JDK running the tests has a compiler: " + spec);
            JavaTensorProductExecutor fast = new JavaTensorProductExecutor(plan, compiled);
            JavaTensorProductExecutor generic = new JavaTensorProductExecutor(plan, false);
            for (int batch : new int[] {1, 7, 333}) {
                RowLoopsTest.compare(spec + " batch " + batch, fast, generic, batch, random);
            }
        }
    }

    @Test
    void tangentKernelsEqualTheSeparateCallsSummedBitForBit() {
        Random random = new Random(21);
        for (int trial = 0; trial < 8; trial++) {
            Plan plan = Plan.of(RowLoopsTest.randomSpec(random, Mode.UVU, true, false, true));
            CompiledProduct compiled = CompiledProduct.compile(new FlatPlan(plan, true));
            assertTrue(compiled.hasTangents(), "per-sample weights on every path: " + plan.spec());
            JavaTensorProductExecutor fast = new JavaTensorProductExecutor(plan, compiled);
            JavaTensorProductExecutor generic = new JavaTensorProductExecutor(plan, false);
            int batch = trial == 0 ? 1 : 37 + trial * 40;
            double[] x1 = RowLoopsTest.gaussian(random, batch * plan.dim1());
            double[] x2 = RowLoopsTest.gaussian(random, batch * plan.dim2());
            double[] w = RowLoopsTest.gaussian(random, batch * plan.weightNumel());
            double[] go = RowLoopsTest.gaussian(random, batch * plan.dimOut());
            double[] x1t = RowLoopsTest.gaussian(random, x1.length);
            double[] x2t = RowLoopsTest.gaussian(random, x2.length);
            double[] wt = RowLoopsTest.gaussian(random, w.length);
            double[] got = RowLoopsTest.gaussian(random, go.length);
            String what = plan.spec() + " batch " + batch;

            double[] expected = new double[go.length];
            double[] term = new double[go.length];
            fast.forward(x1t, x2, w, expected, batch);
            fast.forward(x1, x2t, w, term, batch);
            addInto(expected, term);
            fast.forward(x1, x2, wt, term, batch);
            addInto(expected, term);
            double[] tangent = new double[go.length];
            fast.tangent(x1, x1t, x2, x2t, w, wt, tangent, batch);
            assertArrayEquals(expected, tangent, "tangent " + what);
            double[] composed = new double[go.length];
            generic.tangent(x1, x1t, x2, x2t, w, wt, composed, batch);
            assertArrayEquals(expected, composed, 1e-10, "tangent on the generic kernels " + what);

            double[] g1 = new double[x1.length], gw = new double[w.length];
            double[] g1Part = new double[x1.length], gwPart = new double[w.length];
            fast.backward(x1, x2, w, got, g1, null, gw, batch);
            fast.backward(x1t, x2, w, go, null, null, gwPart, batch);
            addInto(gw, gwPart);
            fast.backward(x1, x2t, w, go, g1Part, null, gwPart, batch);
            addInto(g1, g1Part);
            addInto(gw, gwPart);
            fast.backward(x1, x2, wt, go, g1Part, null, null, batch);
            addInto(g1, g1Part);
            double[] g1Tangent = new double[x1.length], gwTangent = new double[w.length];
            fast.tangentBackward(x1, x1t, x2, x2t, w, wt, go, got, g1Tangent, gwTangent, batch);
            assertArrayEquals(g1, g1Tangent, "input-1 gradient's tangent " + what);
            assertArrayEquals(gw, gwTangent, "weight gradient's tangent " + what);
            double[] g1Composed = new double[x1.length], gwComposed = new double[w.length];
            generic.tangentBackward(x1, x1t, x2, x2t, w, wt, go, got, g1Composed, gwComposed, batch);
            assertArrayEquals(g1, g1Composed, 1e-10, "input-1 gradient's tangent, generic kernels " + what);
            assertArrayEquals(gw, gwComposed, 1e-10, "weight gradient's tangent, generic kernels " + what);
        }
    }

    @Test
    void tangentsNeedPerSampleWeightsOnEveryPath() {
        Plan shared = Plan.of(TensorProductSpec.builder("4x0e+4x1o", "0e+1o", "4x0e+4x1o").sharedWeights(true)
                .instruction(0, 0, 0, "uvu", true).instruction(1, 0, 1, "uvu", true).build());
        assertFalse(CompiledProduct.compile(new FlatPlan(shared, true)).hasTangents(), "shared weights");
        double[] none = new double[0];
        assertThrows(IllegalStateException.class, () -> new JavaTensorProductExecutor(shared, false)
                .tangent(none, none, none, none, none, none, none, 0));
    }

    private static void addInto(double[] target, double[] addend) {
        for (int i = 0; i < target.length; i++) target[i] += addend[i];
    }

    @Test
    void gradientsLeftOutAreNotWrittenAndDoNotChangeTheOthers() {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("4x0e+4x1o+4x2e"), Irreps.parse("0e+1o+2e"),
                Irreps.parse("4x0e+4x1o+4x2e")));
        JavaTensorProductExecutor fast = new JavaTensorProductExecutor(plan,
                CompiledProduct.compile(new FlatPlan(plan, true)));
        int batch = 5;
        Random random = new Random(3);
        double[] x1 = RowLoopsTest.gaussian(random, batch * plan.dim1());
        double[] x2 = RowLoopsTest.gaussian(random, batch * plan.dim2());
        double[] w = RowLoopsTest.gaussian(random, batch * plan.weightNumel());
        double[] go = RowLoopsTest.gaussian(random, batch * plan.dimOut());
        double[] g1 = new double[x1.length], g2 = new double[x2.length], gw = new double[w.length];
        fast.backward(x1, x2, w, go, g1, g2, gw, batch);
        double[] onlyW = new double[w.length];
        fast.backward(x1, x2, w, go, null, null, onlyW, batch);
        assertArrayEquals(gw, onlyW, "weight gradient alone");
        double[] only1 = new double[x1.length];
        double[] only2 = new double[x2.length];
        fast.backward(x1, x2, w, go, only1, only2, null, batch);
        assertArrayEquals(g1, only1, "input-1 gradient without the weight gradient");
        assertArrayEquals(g2, only2, "input-2 gradient without the weight gradient");
    }

    @Test
    void outputBlocksNoPathFeedsAreOverwrittenWithZeros() {
        // 4x1o of the output has no instruction: the generated forward must still write it.
        Plan plan = Plan.of(TensorProductSpec.builder("4x0e+4x1o", "0e", "4x0e+4x1o+4x1o").sharedWeights(false)
                .instruction(0, 0, 0, "uvu", true).instruction(1, 0, 1, "uvu", true).build());
        JavaTensorProductExecutor fast = new JavaTensorProductExecutor(plan,
                CompiledProduct.compile(new FlatPlan(plan, true)));
        JavaTensorProductExecutor generic = new JavaTensorProductExecutor(plan, false);
        int batch = 3;
        Random random = new Random(9);
        double[] x1 = RowLoopsTest.gaussian(random, batch * plan.dim1());
        double[] x2 = RowLoopsTest.gaussian(random, batch * plan.dim2());
        double[] w = RowLoopsTest.gaussian(random, batch * plan.weightNumel());
        double[] expected = new double[batch * plan.dimOut()];
        generic.forward(x1, x2, w, expected, batch);
        double[] actual = new double[expected.length];
        java.util.Arrays.fill(actual, Double.NaN);
        fast.forward(x1, x2, w, actual, batch);
        assertArrayEquals(expected, actual, 1e-14);
    }

    @Test
    void aProductCalledOftenIsCompiledHoweverSmallItsSamples() {
        // NequIP's first convolution (32x0e features, l_max 1): 256 multiply-adds per edge.
        Plan small = Plan.of(TensorProductSpec.builder("32x0e", "0e+1o", "32x0e+32x1o").sharedWeights(false)
                .instruction(0, 0, 0, "uvu", true).instruction(0, 1, 1, "uvu", true).build());
        assertTrue(small.flopsPerSample() < CompiledProduct.MIN_FLOPS, "below the default threshold");
        assertFalse(new JavaTensorProductExecutor(small).isCompiled(), "by default too small to compile");
        JavaTensorProductExecutor fast = JavaTensorProductExecutor.compiledWhateverTheSize(small);
        assertTrue(fast.isCompiled(), "compiled on request");
        Random random = new Random(5);
        for (int batch : new int[] {1, 432}) {
            RowLoopsTest.compare("batch " + batch, fast, new JavaTensorProductExecutor(small, false), batch, random);
        }
    }

    @Test
    void onlyChannelWisePlansWithEnoughWorkAreCompiled() {
        Plan nequip = Plan.of(TensorProductSpec.channelWise(Irreps.parse("32x0e+32x1o+32x2e"),
                Irreps.parse("0e+1o+2e"), Irreps.parse("32x0e+32x1o+32x2e")));
        CompiledProduct kernel = CompiledProduct.of(nequip, new FlatPlan(nequip, true));
        assertNotNull(kernel, "NequIP's convolution product is compiled");
        assertTrue(CompiledProduct.of(nequip, new FlatPlan(nequip, true)) == kernel, "compiled once per plan");
        Plan small = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2x0e+2x1o"), Irreps.parse("0e+1o"),
                Irreps.parse("2x0e+2x1o")));
        assertNull(CompiledProduct.of(small, new FlatPlan(small, true)), "too little work to pay for compiling");
        Plan mixed = Plan.of(TensorProductSpec.fullyConnected(Irreps.parse("32x0e+32x1o+32x2e"),
                Irreps.parse("0e+1o+2e"), Irreps.parse("32x0e+32x1o+32x2e")));
        assertFalse(ChannelWiseSource.supports(new FlatPlan(mixed, true)), "uvw paths are not channel-wise");
    }
}
