package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equikern.group.Irreps;
import org.equikern.runtime.TensorProduct;
import org.equikern.testing.FiniteDifferences;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link SpeciesLinearMap} against the generic fully connected product with the one-hot rows (its
 * loops over every species pair, independent of the per-species slicing) and its gradients against
 * central differences of {@code <g, TP(x, onehot, W)>}, on NequIP's self-connection shape, on MACE-like
 * irreps with several degrees, parities and multiplicities, and on multiplicities that are not multiples of
 * the four channels the forward takes per sweep, with two input blocks feeding one output block.
 */
class SpeciesLinearMapTest {
    private static final int ROWS = 7;

    @ParameterizedTest
    @CsvSource({
        "'4x0e+4x1o', 2, '3x0e+4x1o+2x1e'",
        "'3x0e+2x1o+2x2e+1x1e', 3, '2x0e+3x1o+1x2e+2x1e'",
        "'6x0e+5x1o+1x0e', 2, '3x0e+2x1o'",
    })
    void forwardAndBackwardMatchTheGenericProduct(String in, int species, String out) {
        Plan plan = Plan.of(TensorProductSpec.fullyConnected(Irreps.parse(in), Irreps.parse(species + "x0e"),
                Irreps.parse(out)));
        SpeciesLinearMap map = new SpeciesLinearMap(plan);
        TensorProduct generic = new TensorProduct(plan.spec());
        SplittableRandom random = new SplittableRandom(species);
        double[] x = random(random, ROWS * plan.dim1());
        double[] w = random(random, plan.weightNumel());
        double[] gradOut = random(random, ROWS * plan.dimOut());
        int[] speciesOfRow = new int[ROWS];
        double[] oneHot = new double[ROWS * species];
        for (int a = 0; a < ROWS; a++) {
            speciesOfRow[a] = random.nextInt(species);
            oneHot[a * species + speciesOfRow[a]] = 1;
        }
        assertArrayEquals(speciesOfRow, map.speciesOf(oneHot, ROWS));

        double[] actual = new double[ROWS * plan.dimOut()];
        map.forward(x, speciesOfRow, w, actual);
        assertClose(generic.forward(x, oneHot, w, ROWS), actual, 1e-14, "forward");

        double[] gradX = random(random, x.length);
        double[] gradW = random(random, w.length);
        map.backward(x, speciesOfRow, w, gradOut, gradX, gradW);
        double[] expectedX = new double[x.length];
        double[] expectedW = new double[w.length];
        generic.backward(x, oneHot, w, gradOut, expectedX, null, expectedW, ROWS);
        assertClose(expectedX, gradX, 1e-14, "gradX");
        assertClose(expectedW, gradW, 1e-14, "gradW");

        double[] probe = new double[ROWS * plan.dimOut()];
        assertClose(FiniteDifferences.gradient(x, () -> {
            map.forward(x, speciesOfRow, w, probe);
            return dot(gradOut, probe);
        }, 1e-5), gradX, 1e-8, "gradX by central differences");
        assertClose(FiniteDifferences.gradient(w, () -> {
            map.forward(x, speciesOfRow, w, probe);
            return dot(gradOut, probe);
        }, 1e-5), gradW, 1e-8, "gradW by central differences");
    }

    @ParameterizedTest
    @CsvSource({"1, 1", "0.5, 0", "0, 0", "2, 0"})
    void rejectsRowsThatAreNotOneHot(double first, double second) {
        SpeciesLinearMap map = new SpeciesLinearMap(Plan.of(TensorProductSpec.fullyConnected(Irreps.parse("2x0e"),
                Irreps.parse("2x0e"), Irreps.parse("2x0e"))));
        double[] oneHot = {0, 1, first, second};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> map.speciesOf(oneHot, 2));
        assertTrue(e.getMessage().contains("row 1"), e.getMessage());
    }

    @Test
    void rejectsASecondOperandOtherThanSpeciesScalars() {
        Plan vectors = Plan.of(TensorProductSpec.fullyConnected(Irreps.parse("2x0e+2x1o"), Irreps.parse("1x1o"),
                Irreps.parse("1x1o")));
        assertThrows(IllegalArgumentException.class, () -> new SpeciesLinearMap(vectors));
    }

    @Test
    void rejectsPathsThatAreNotUvw() {
        Plan channelWise = Plan.of(TensorProductSpec.channelWise(Irreps.parse("2x0e"), Irreps.parse("1x0e"),
                Irreps.parse("2x0e")));
        assertThrows(IllegalArgumentException.class, () -> new SpeciesLinearMap(channelWise));
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    private static double[] random(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = random.nextDouble(-1, 1);
        }
        return out;
    }

    private static void assertClose(double[] expected, double[] actual, double relative, String what) {
        assertEquals(expected.length, actual.length, what + " length");
        double scale = 0;
        for (double v : expected) {
            scale = Math.max(scale, Math.abs(v));
        }
        assertTrue(scale > 0, what + " reference is all zero");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], relative * scale, what + " [" + i + "]");
        }
    }
}
