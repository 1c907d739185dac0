package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.Irreps;
import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class SymmetricContractionTest {
    @Test
    void pathsAreNumberedBlockByBlockThenOrderByOrder() {
        SymmetricContraction sc = SymmetricContraction.of("3x0e+3x1o", "3x0e+3x1o", 3, 4);
        // 0e: x0, {x0², |x1|²}, {x0³, x0·|x1|²}; 1o: x1, x0·x1, {x0²·x1, |x1|²·x1}.
        int[] counts = {1, 2, 2, 1, 1, 2};
        int at = 0;
        for (int o = 0; o < 2; o++) {
            for (int n = 1; n <= 3; n++) {
                assertEquals(at, sc.pathOffset(o, n));
                assertEquals(counts[o * 3 + n - 1], sc.basis(o, n).pathCount(), sc.basis(o, n).toString());
                at += sc.basis(o, n).pathCount();
            }
        }
        assertEquals(9, sc.pathCount());
        assertEquals(4 * 9 * 3, sc.weightNumel());
        assertEquals(3, sc.mul());
        assertEquals(3, sc.correlation());
        assertEquals(4, sc.numElements());
        assertEquals("SymmetricContraction(3x0e+3x1o -> 3x0e+3x1o | correlation 3, 4 elements, 9 paths, 108 weights)",
                sc.toString());
        assertThrows(IndexOutOfBoundsException.class, () -> sc.basis(2, 1));
        assertThrows(IndexOutOfBoundsException.class, () -> sc.pathOffset(0, 4));
    }

    @Test
    void scalarChannelsArePolynomials() {
        // One scalar per channel: the paths are x, x², x³ with coefficient 1; weights [element, path, channel].
        SymmetricContraction sc = SymmetricContraction.of("2x0e", "2x0e", 3, 2);
        double[] w = {9, 9, 9, 9, 9, 9, 1, -1, 2, 3, -4, 5};
        double[] x = {2, -3};
        double[] out = new double[2];
        sc.forward(x, new int[] {1}, w, out, 1);
        assertArrayEquals(new double[] {1 * 2 + 2 * 4 - 4 * 8, -1 * -3 + 3 * 9 + 5 * -27}, out, 1e-13);
    }

    @Test
    void firstOrderIsAChannelwiseScaling() {
        SymmetricContraction sc = SymmetricContraction.of("2x0e+2x1o", "2x1o", 1, 1);
        double[] x = {7, 8, 1, 2, 3, 4, 5, 6};
        double[] out = new double[6];
        sc.forward(x, new int[] {0}, new double[] {10, -1}, out, 1);
        assertArrayEquals(new double[] {10, 20, 30, -4, -5, -6}, out, 0);
    }

    @Test
    void forwardEqualsTheDenseContractionWithU() {
        SymmetricContraction sc = SymmetricContraction.of("3x0e+3x1o+3x2e", "3x0e+3x1o+3x2e+3x1e", 3, 4);
        int batch = 5;
        int[] elements = {3, 0, 1, 3, 2};
        double[] x = Arrays64.random(batch * sc.irrepsIn().dim(), 1);
        double[] w = Arrays64.random(sc.weightNumel(), 2);
        double[] out = new double[batch * sc.irrepsOut().dim()];
        sc.forward(x, elements, w, out, batch);
        assertEquals(0, Arrays64.maxRelDiff(out, dense(sc, x, elements, w, batch)), 1e-13);
    }

    @Test
    void commutesWithRotationsAndInversion() {
        SymmetricContraction sc = SymmetricContraction.of("4x0e+4x1o+4x2e+4x3o", "4x0e+4x1o+4x2e+4x1e", 3, 3);
        int batch = 3;
        int[] elements = {2, 0, 2};
        double[] x = Arrays64.random(batch * sc.irrepsIn().dim(), 11);
        double[] w = Arrays64.random(sc.weightNumel(), 12);
        double[] gy = Arrays64.random(batch * sc.irrepsOut().dim(), 13);
        double[] out = new double[gy.length];
        double[] outOfRotated = new double[gy.length];
        double[] gx = new double[x.length];
        double[] gxOfRotated = new double[x.length];
        sc.forward(x, elements, w, out, batch);
        sc.backward(x, elements, w, gy, gx, null, batch);
        Random random = new Random(14);
        for (int trial = 0; trial < 4; trial++) {
            Rotation r = Rotation.random(random);
            boolean inversion = trial % 2 == 1;
            double[] rx = Representation.apply(sc.irrepsIn(), r, inversion, x, batch);
            sc.forward(rx, elements, w, outOfRotated, batch);
            double[] rotatedOut = Representation.apply(sc.irrepsOut(), r, inversion, out, batch);
            double err = Arrays64.maxRelDiff(outOfRotated, rotatedOut);
            assertTrue(err < 1e-10, "trial " + trial + ": " + err);
            double[] rgy = Representation.apply(sc.irrepsOut(), r, inversion, gy, batch);
            sc.backward(rx, elements, w, rgy, gxOfRotated, null, batch);
            err = Arrays64.maxRelDiff(gxOfRotated, Representation.apply(sc.irrepsIn(), r, inversion, gx, batch));
            assertTrue(err < 1e-10, "gradient, trial " + trial + ": " + err);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        SymmetricContraction sc = SymmetricContraction.of("2x0e+2x1o+2x2e", "2x0e+2x1o+2x2e", 3, 3);
        int batch = 3;
        int[] elements = {0, 2, 0};
        double[] x = Arrays64.random(batch * sc.irrepsIn().dim(), 21);
        double[] w = Arrays64.random(sc.weightNumel(), 22);
        double[] gy = Arrays64.random(batch * sc.irrepsOut().dim(), 23);
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        sc.backward(x, elements, w, gy, gx, gw, batch);
        double h = 1e-5;
        Random random = new Random(24);
        for (int trial = 0; trial < 3; trial++) {
            double[] dx = Arrays64.random(x.length, random.nextLong());
            double[] dw = Arrays64.random(w.length, random.nextLong());
            double numericX = (loss(sc, axpy(x, h, dx), elements, w, gy, batch)
                    - loss(sc, axpy(x, -h, dx), elements, w, gy, batch)) / (2 * h);
            double numericW = (loss(sc, x, elements, axpy(w, h, dw), gy, batch)
                    - loss(sc, x, elements, axpy(w, -h, dw), gy, batch)) / (2 * h);
            assertEquals(numericX, Arrays64.dot(gx, dx), 1e-6 * Math.max(1, Math.abs(numericX)));
            assertEquals(numericW, Arrays64.dot(gw, dw), 1e-6 * Math.max(1, Math.abs(numericW)));
        }
        // Element 1 is absent from the batch: its weights get no gradient.
        int row = sc.pathCount() * sc.mul();
        for (int i = row; i < 2 * row; i++) {
            assertEquals(0.0, gw[i]);
        }
        // The weight gradient is linear in the weights' coefficients: exactly the forward of a unit weight.
        double[] unit = new double[w.length];
        unit[5] = 1;
        assertEquals(loss(sc, x, elements, unit, gy, batch), gw[5], 1e-12 * Math.max(1, Math.abs(gw[5])));
    }

    @Test
    void steadyStateAllocatesNothing() {
        SymmetricContraction sc = SymmetricContraction.of("2x0e+2x1o", "2x0e+2x1o", 3, 2);
        int batch = 2;
        int[] elements = {1, 0};
        double[] x = Arrays64.random(batch * sc.irrepsIn().dim(), 41);
        double[] w = Arrays64.random(sc.weightNumel(), 42);
        double[] gy = Arrays64.random(batch * sc.irrepsOut().dim(), 43);
        double[] out = new double[gy.length];
        double[] gx = new double[x.length];
        double[] gw = new double[w.length];
        float[] xf = Arrays64.toFloat(x);
        float[] wf = Arrays64.toFloat(w);
        float[] gyf = Arrays64.toFloat(gy);
        float[] outF = new float[gy.length];
        float[] gxF = new float[x.length];
        float[] gwF = new float[w.length];
        long bytes = Allocations.ofSteadyState(() -> {
            sc.forward(x, elements, w, out, batch);
            sc.backward(x, elements, w, gy, gx, gw, batch);
            sc.forward(xf, elements, wf, outF, batch);
            sc.backward(xf, elements, wf, gyf, gxF, gwF, batch);
        });
        assertEquals(0, bytes);
    }

    @Test
    void rejectsBadConstructionWithReasons() {
        assertMessage("SymmetricContraction: correlation must be in 1..3, got 4",
                () -> SymmetricContraction.of("2x0e", "2x0e", 4, 1));
        assertMessage("SymmetricContraction: correlation must be in 1..3, got 0",
                () -> SymmetricContraction.of("2x0e", "2x0e", 0, 1));
        assertMessage("SymmetricContraction: numElements must be >= 1, got 0",
                () -> SymmetricContraction.of("2x0e", "2x0e", 2, 0));
        assertMessage("SymmetricContraction: every block of irrepsIn must have multiplicity 2 (that of irrepsIn's"
                + " first block), got 2x0e+3x1o", () -> SymmetricContraction.of("2x0e+3x1o", "2x0e", 2, 1));
        assertMessage("SymmetricContraction: every block of irrepsOut must have multiplicity 2 (that of irrepsIn's"
                + " first block), got 1x0e", () -> SymmetricContraction.of("2x0e+2x1o", "1x0e", 2, 1));
        assertMessage("SymmetricContraction: multiplicity must be >= 1, got irrepsIn 0x0e",
                () -> SymmetricContraction.of("0x0e", "0x0e", 2, 1));
    }

    @Test
    void rejectsBadCallsWithReasonsAndChangesNothing() {
        SymmetricContraction sc = SymmetricContraction.of("2x0e+2x1o", "2x0e", 2, 3);
        double[] x = new double[16];
        double[] w = new double[sc.weightNumel()];
        double[] out = {5, 5, 5, 5};
        assertMessage("SymmetricContraction.forward: elements[1] = 3 outside [0, numElements 3)",
                () -> sc.forward(x, new int[] {0, 3}, w, out, 2));
        assertMessage("SymmetricContraction.forward: elements[0] = -1 outside [0, numElements 3)",
                () -> sc.forward(new float[16], new int[] {-1, 0}, new float[w.length], new float[4], 2));
        assertMessage("SymmetricContraction.forward: elements has length 1, expected 2 = batch",
                () -> sc.forward(x, new int[] {0}, w, out, 2));
        assertMessage("SymmetricContraction.forward: elements must not be null (expected length 2 = batch)",
                () -> sc.forward(x, null, w, out, 2));
        assertMessage("SymmetricContraction.forward: x has length 15, expected 16 = batch 2 * irrepsIn.dim 8",
                () -> sc.forward(new double[15], new int[] {0, 0}, w, out, 2));
        assertMessage("SymmetricContraction.forward: w has length 1, expected " + w.length + " = weightNumel",
                () -> sc.forward(x, new int[] {0, 0}, new double[1], out, 2));
        assertMessage("SymmetricContraction.forward: out has length 3, expected 4 = batch 2 * irrepsOut.dim 2",
                () -> sc.forward(x, new int[] {0, 0}, w, new double[3], 2));
        assertMessage("SymmetricContraction.backward: gradW has length 2, expected " + w.length + " = weightNumel",
                () -> sc.backward(x, new int[] {0, 0}, w, out, null, new double[2], 2));
        assertMessage("SymmetricContraction.backward: gradX has length 2, expected 16 = batch 2 * irrepsIn.dim 8",
                () -> sc.backward(x, new int[] {0, 0}, w, out, new double[2], null, 2));
        assertMessage("SymmetricContraction.backward: gradOut must not be null (expected length 4 = batch 2 *"
                + " irrepsOut.dim 2)", () -> sc.backward(x, new int[] {0, 0}, w, null, null, null, 2));
        assertMessage("SymmetricContraction.backward: batch must be >= 0, got -1",
                () -> sc.backward(x, new int[0], w, out, null, null, -1));
        SymmetricContraction square = SymmetricContraction.of("2x0e", "2x0e", 2, 1);
        double[] same = new double[2];
        assertMessage("SymmetricContraction.forward: output 'out' aliases input 'x'",
                () -> square.forward(same, new int[] {0}, new double[square.weightNumel()], same, 1));
        assertArrayEquals(new double[] {5, 5, 5, 5}, out);
    }

    private static void assertMessage(String expected, Executable call) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, call).getMessage());
    }

    private static double loss(SymmetricContraction sc, double[] x, int[] elements, double[] w, double[] gy,
                               int batch) {
        double[] out = new double[gy.length];
        sc.forward(x, elements, w, out, batch);
        return Arrays64.dot(out, gy);
    }

    private static double[] axpy(double[] a, double h, double[] d) {
        double[] out = a.clone();
        for (int i = 0; i < out.length; i++) {
            out[i] += h * d[i];
        }
        return out;
    }

    /** The definition, evaluated with the dense tensors U and plain loops. */
    private static double[] dense(SymmetricContraction sc, double[] x, int[] elements, double[] w, int batch) {
        Irreps in = sc.irrepsIn();
        Irreps outIrreps = sc.irrepsOut();
        int mul = sc.mul();
        int d = 0;
        for (int a = 0; a < in.size(); a++) {
            d += in.get(a).irrep().dim();
        }
        double[] out = new double[batch * outIrreps.dim()];
        for (int b = 0; b < batch; b++) {
            for (int u = 0; u < mul; u++) {
                double[] xu = new double[d];
                int c = 0;
                for (int a = 0; a < in.size(); a++) {
                    int da = in.get(a).irrep().dim();
                    for (int m = 0; m < da; m++) {
                        xu[c++] = x[b * in.dim() + in.offset(a) + u * da + m];
                    }
                }
                for (int o = 0; o < outIrreps.size(); o++) {
                    int dl = outIrreps.get(o).irrep().dim();
                    for (int n = 1; n <= sc.correlation(); n++) {
                        SymmetricPowerBasis basis = sc.basis(o, n);
                        for (int k = 0; k < basis.pathCount(); k++) {
                            double weight = w[(elements[b] * sc.pathCount() + sc.pathOffset(o, n) + k) * mul + u];
                            double[] f = SymmetricPowerBasisTest.contract(basis.toArray(k), xu, d, dl, n);
                            for (int m = 0; m < dl; m++) {
                                out[b * outIrreps.dim() + outIrreps.offset(o) + u * dl + m] += weight * f[m];
                            }
                        }
                    }
                }
            }
        }
        return out;
    }
}
