package org.equikern.nn;

import org.equikern.data.EdgeIndex;
import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.equikern.group.ShNormalization;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Random;
import java.util.function.DoubleSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EdgeEmbeddingTest {
    private static final double CUTOFF = 4.0;
    private static final EdgeEmbedding BESSEL = EdgeEmbedding.of(3, ShNormalization.COMPONENT,
            RadialEmbedding.of(BesselBasis.of(CUTOFF, 6), PolynomialCutoff.of(CUTOFF)));
    private static final EdgeEmbedding GAUSSIAN = EdgeEmbedding.of(2, ShNormalization.NORM,
            RadialEmbedding.of(GaussianBasis.interior(0, CUTOFF, 5), PolynomialCutoff.of(CUTOFF, 4)));

    /**
     * A random graph: atoms in a 3 Å box, every ordered pair with a shift of whole cells, and about half
     * of the atoms with a self-edge to a shifted image.
     */
    private static final class Graph {
        final EdgeIndex index;
        final double[] positions;
        private final double[] shifts;

        Graph(int atoms, long seed) {
            Random r = new Random(seed);
            positions = new double[3 * atoms];
            for (int i = 0; i < positions.length; i++) {
                positions[i] = 3 * r.nextDouble();
            }
            int[] src = new int[atoms * atoms];
            int[] dst = new int[atoms * atoms];
            double[] shift = new double[3 * atoms * atoms];
            int e = 0;
            for (int i = 0; i < atoms; i++) {
                for (int j = 0; j < atoms; j++) {
                    if (i != j || r.nextBoolean()) {
                        src[e] = i;
                        dst[e] = j;
                        for (int a = 0; a < 3; a++) {
                            shift[3 * e + a] = i == j ? 2.5 * (r.nextDouble() - 0.5) + 0.5 : r.nextInt(3) - 1;
                        }
                        e++;
                    }
                }
            }
            index = EdgeIndex.of(atoms, Arrays.copyOf(src, e), Arrays.copyOf(dst, e));
            shifts = Arrays.copyOf(shift, 3 * e);
        }

        /** A fresh copy (finite differences perturb it). */
        double[] shifts() {
            return shifts.clone();
        }
    }

    private static double[][] forward(EdgeEmbedding emb, double[] positions, double[] shifts, EdgeIndex g) {
        int e = g.edges();
        double[][] out = {new double[3 * e], new double[e], new double[e * emb.shDim()],
                new double[e * emb.radialSize()]};
        emb.forward(positions, shifts, g, out[0], out[1], out[2], out[3]);
        return out;
    }

    @Test
    void valuesByHandWithShiftAndDirection() {
        double[] pos = {0, 0, 0, 1, 2, 2, 0.5, 0, 0};
        EdgeIndex g = EdgeIndex.of(3, new int[] {0, 1, 2}, new int[] {1, 0, 2});
        double[] shifts = {0, 0, 0, 0, 0, 0, 0, 0, 2};
        double[][] out = forward(BESSEL, pos, shifts, g);
        assertArrayEquals(new double[] {1, 2, 2, -1, -2, -2, 0, 0, 2}, out[0]);
        assertArrayEquals(new double[] {3, 3, 2}, out[1]);
        int dim = BESSEL.shDim();
        assertEquals(16, dim);
        // Component normalization: Y_0 = 1 and Y_1 = √3·v/r in (x, y, z) order.
        assertEquals(1.0, out[2][0], 1e-15);
        assertEquals(Math.sqrt(3) / 3, out[2][1], 1e-15);
        assertEquals(Math.sqrt(3) * 2 / 3, out[2][2], 1e-15);
        assertEquals(-Math.sqrt(3) / 3, out[2][dim + 1], 1e-15);
        assertEquals(Math.sqrt(3), out[2][2 * dim + 3], 1e-15);
        PolynomialCutoff u = PolynomialCutoff.of(CUTOFF);
        for (int n = 1; n <= 6; n++) {
            double expected = Math.sqrt(2 / CUTOFF) * Math.sin(n * Math.PI * 3 / CUTOFF) / 3 * u.value(3);
            assertEquals(expected, out[3][n - 1], 1e-15);
            assertEquals(expected, out[3][6 + n - 1], 1e-15);
        }
    }

    @Test
    void backwardMatchesFiniteDifferences() {
        for (EdgeEmbedding emb : new EdgeEmbedding[] {BESSEL, GAUSSIAN}) {
            Graph graph = new Graph(5, 3);
            EdgeIndex g = graph.index;
            double[] pos = graph.positions;
            double[] shifts = graph.shifts();
            int e = g.edges();
            double[] gy = Arrays64.random(e * emb.shDim(), 4);
            double[] gr = Arrays64.random(e * emb.radialSize(), 5);
            double[] gradPos = new double[pos.length];
            double[] gradShifts = new double[shifts.length];
            emb.backward(pos, shifts, g, gy, gr, gradPos, gradShifts);
            double[] y = new double[gy.length];
            double[] rad = new double[gr.length];
            DoubleSupplier loss = () -> {
                emb.forward(pos, shifts, g, null, null, y, rad);
                return Arrays64.dot(y, gy) + Arrays64.dot(rad, gr);
            };
            double[] numericPos = FiniteDifferences.gradient(pos, loss, 1e-6);
            double[] numericShifts = FiniteDifferences.gradient(shifts, loss, 1e-6);
            assertTrue(Arrays64.maxRelDiff(gradPos, numericPos) < 1e-8, emb + ": " + Arrays64.maxRelDiff(gradPos, numericPos));
            assertTrue(Arrays64.maxRelDiff(gradShifts, numericShifts) < 1e-8, emb.toString());
            // Each gradient alone: the harmonics part, then the radial part.
            double[] onlySh = new double[pos.length];
            double[] onlyRadial = new double[pos.length];
            emb.backward(pos, shifts, g, gy, null, onlySh, null);
            emb.backward(pos, shifts, g, null, gr, onlyRadial, null);
            for (int i = 0; i < pos.length; i++) {
                assertEquals(gradPos[i], onlySh[i] + onlyRadial[i], 1e-12);
            }
        }
    }

    @Test
    void float32AgreesWithFloat64() {
        Graph graph = new Graph(6, 7);
        EdgeIndex g = graph.index;
        double[] pos = Arrays64.toDouble(Arrays64.toFloat(graph.positions));
        double[] shifts = Arrays64.toDouble(Arrays64.toFloat(graph.shifts()));
        int e = g.edges();
        double[] gy = Arrays64.toDouble(Arrays64.toFloat(Arrays64.random(e * BESSEL.shDim(), 8)));
        double[] gr = Arrays64.toDouble(Arrays64.toFloat(Arrays64.random(e * BESSEL.radialSize(), 9)));
        double[][] out = forward(BESSEL, pos, shifts, g);
        double[] gradPos = new double[pos.length];
        double[] gradShifts = new double[shifts.length];
        BESSEL.backward(pos, shifts, g, gy, gr, gradPos, gradShifts);

        float[][] outF = {new float[3 * e], new float[e], new float[e * BESSEL.shDim()],
                new float[e * BESSEL.radialSize()]};
        BESSEL.forward(Arrays64.toFloat(pos), Arrays64.toFloat(shifts), g, outF[0], outF[1], outF[2], outF[3]);
        float[] gradPosF = new float[pos.length];
        float[] gradShiftsF = new float[shifts.length];
        BESSEL.backward(Arrays64.toFloat(pos), Arrays64.toFloat(shifts), g, Arrays64.toFloat(gy),
                Arrays64.toFloat(gr), gradPosF, gradShiftsF);
        // Float inputs widen exactly and run the double code, so results are the double ones rounded once.
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(Arrays64.toFloat(out[k]), outF[k], "output " + k);
        }
        assertArrayEquals(Arrays64.toFloat(gradPos), gradPosF);
        assertArrayEquals(Arrays64.toFloat(gradShifts), gradShiftsF);
    }

    @Test
    void rotationsRotateHarmonicsAndLeaveRadialFeaturesInvariant() {
        Graph graph = new Graph(5, 11);
        EdgeIndex g = graph.index;
        double[] shifts = graph.shifts();
        double[][] out = forward(BESSEL, graph.positions, shifts, g);
        int e = g.edges();
        Random random = new Random(12);
        for (int trial = 0; trial < 4; trial++) {
            Rotation r = Rotation.random(random);
            boolean inversion = trial % 2 == 1;
            double sign = inversion ? -1 : 1;
            double[] rotatedPos = transform(r, sign, graph.positions);
            double[] rotatedShifts = transform(r, sign, shifts);
            double[][] rotated = forward(BESSEL, rotatedPos, rotatedShifts, g);
            double[] expectedSh = Representation.apply(BESSEL.shIrreps(), r, inversion, out[2], e);
            assertTrue(Arrays64.maxRelDiff(rotated[2], expectedSh) < 1e-12, "trial " + trial);
            assertTrue(Arrays64.maxRelDiff(rotated[1], out[1]) < 1e-12);
            assertTrue(Arrays64.maxRelDiff(rotated[3], out[3]) < 1e-12);
            assertTrue(Arrays64.maxRelDiff(rotated[0], transform(r, sign, out[0])) < 1e-12);

            // Gradients are covariant: rotating the harmonics' gradients rotates the forces.
            double[] gy = Arrays64.random(e * BESSEL.shDim(), 13);
            double[] gr = Arrays64.random(e * BESSEL.radialSize(), 14);
            double[] gradPos = new double[graph.positions.length];
            double[] gradPosRotated = new double[gradPos.length];
            BESSEL.backward(graph.positions, shifts, g, gy, gr, gradPos, null);
            BESSEL.backward(rotatedPos, rotatedShifts, g, Representation.apply(BESSEL.shIrreps(), r, inversion, gy, e),
                    gr, gradPosRotated, null);
            assertTrue(Arrays64.maxRelDiff(gradPosRotated, transform(r, sign, gradPos)) < 1e-12);
        }
    }

    private static double[] transform(Rotation r, double sign, double[] vectors) {
        double[] out = new double[vectors.length];
        for (int i = 0; i < vectors.length; i += 3) {
            double[] v = r.apply(new double[] {vectors[i], vectors[i + 1], vectors[i + 2]});
            for (int a = 0; a < 3; a++) {
                out[i + a] = sign * v[a];
            }
        }
        return out;
    }

    @Test
    void translationsChangeNothing() {
        Graph graph = new Graph(5, 21);
        double[] shifts = graph.shifts();
        double[][] out = forward(GAUSSIAN, graph.positions, shifts, graph.index);
        double[] moved = graph.positions.clone();
        for (int i = 0; i < moved.length; i++) {
            moved[i] += new double[] {10.5, -3.25, 7}[i % 3];
        }
        double[][] movedOut = forward(GAUSSIAN, moved, shifts, graph.index);
        for (int k = 0; k < 4; k++) {
            assertTrue(Arrays64.maxRelDiff(movedOut[k], out[k]) < 1e-12, "output " + k);
        }
    }

    @Test
    void permutingAtomsWithRelabelledEdgesPermutesGradients() {
        Graph graph = new Graph(5, 31);
        EdgeIndex g = graph.index;
        int[] perm = {3, 0, 4, 1, 2}; // atom a becomes atom perm[a]
        double[] permutedPos = new double[graph.positions.length];
        for (int a = 0; a < 5; a++) {
            System.arraycopy(graph.positions, 3 * a, permutedPos, 3 * perm[a], 3);
        }
        int[] src = new int[g.edges()];
        int[] dst = new int[g.edges()];
        for (int e = 0; e < g.edges(); e++) {
            src[e] = perm[g.src(e)];
            dst[e] = perm[g.dst(e)];
        }
        EdgeIndex relabelled = EdgeIndex.of(5, src, dst);
        double[] shifts = graph.shifts();
        double[][] out = forward(BESSEL, graph.positions, shifts, g);
        double[][] permutedOut = forward(BESSEL, permutedPos, shifts, relabelled);
        for (int k = 0; k < 4; k++) {
            assertArrayEquals(out[k], permutedOut[k], "output " + k);
        }
        double[] gy = Arrays64.random(out[2].length, 32);
        double[] gr = Arrays64.random(out[3].length, 33);
        double[] gradPos = new double[permutedPos.length];
        double[] gradPermuted = new double[permutedPos.length];
        BESSEL.backward(graph.positions, shifts, g, gy, gr, gradPos, null);
        BESSEL.backward(permutedPos, shifts, relabelled, gy, gr, gradPermuted, null);
        for (int a = 0; a < 5; a++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(gradPos[3 * a + c], gradPermuted[3 * perm[a] + c], 1e-14);
            }
        }
    }

    @Test
    void emptyGraphsIsolatedAtomsAndZeroLengthEdges() {
        EdgeIndex none = EdgeIndex.of(3, new int[0], new int[0]);
        double[] pos = {0, 0, 0, 1, 1, 1, 2, 0, 0};
        double[][] out = forward(BESSEL, pos, null, none);
        for (double[] o : out) {
            assertEquals(0, o.length);
        }
        double[] gradPos = {9, 9, 9, 9, 9, 9, 9, 9, 9};
        BESSEL.backward(pos, new double[0], none, new double[0], new double[0], gradPos, new double[0]);
        assertArrayEquals(new double[9], gradPos);
        BESSEL.forward(new double[0], null, EdgeIndex.of(0, new int[0], new int[0]), null, null, null, null);

        // A self-edge without shift: length 0, harmonics (Y_0, 0, ...), radial R(0), no gradient.
        EdgeIndex self = EdgeIndex.of(3, new int[] {1, 0}, new int[] {1, 2});
        double[][] selfOut = forward(BESSEL, pos, null, self);
        assertEquals(0.0, selfOut[1][0]);
        assertEquals(1.0, selfOut[2][0]);
        for (int k = 1; k < BESSEL.shDim(); k++) {
            assertEquals(0.0, selfOut[2][k], 0.0);
        }
        double[] r0 = new double[BESSEL.radialSize()];
        BESSEL.radial().evaluate(0, r0, null, 0);
        assertArrayEquals(r0, Arrays.copyOf(selfOut[3], BESSEL.radialSize()));
        double[] gy = new double[2 * BESSEL.shDim()];
        double[] gr = new double[2 * BESSEL.radialSize()];
        Arrays.fill(gy, 0, BESSEL.shDim(), 1.0);
        Arrays.fill(gr, 0, BESSEL.radialSize(), 1.0);
        double[] gradShifts = new double[6];
        BESSEL.backward(pos, null, self, gy, gr, gradPos, gradShifts);
        assertArrayEquals(new double[9], gradPos);
        assertArrayEquals(new double[6], gradShifts);
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EdgeIndex.of(4, new int[] {0, 1, 2}, new int[] {1, 4, 0}));
        assertEquals("EdgeIndex: edge 1 has dst index 4, out of range for 4 atoms (valid 0..3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeIndex.of(4, new int[] {0, -1}, new int[] {1, 2}));
        assertEquals("EdgeIndex: edge 1 has src index -1, out of range for 4 atoms (valid 0..3)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeIndex.of(2, new int[] {0}, new int[] {1, 0}));
        assertEquals("EdgeIndex: src has 1 entries but dst has 2; there must be one of each per edge", e.getMessage());

        EdgeIndex g = EdgeIndex.of(3, new int[] {0, 1}, new int[] {1, 2});
        double[] pos = {0, 0, 0, 1, 0, 0, 0, Double.NaN, 1};
        e = assertThrows(IllegalArgumentException.class, () -> BESSEL.forward(pos, null, g, null, new double[2], null, null));
        assertEquals("EdgeEmbedding.forward: position of atom 2 is not finite: (0.0, NaN, 1.0)", e.getMessage());
        float[] posF = {0, 0, 0, 1, 0, Float.POSITIVE_INFINITY, 0, 0, 1};
        e = assertThrows(IllegalArgumentException.class,
                () -> BESSEL.backward(posF, null, g, null, null, new float[9], null));
        assertEquals("EdgeEmbedding.backward: position of atom 1 is not finite: (1.0, 0.0, Infinity)", e.getMessage());
        double[] good = {0, 0, 0, 1, 0, 0, 0, 1, 1};
        e = assertThrows(IllegalArgumentException.class,
                () -> BESSEL.forward(good, new double[] {0, 0, 0, Double.NaN, 0, 0}, g, null, null, null, null));
        assertEquals("EdgeEmbedding.forward: shift of edge 1 is not finite: (NaN, 0.0, 0.0)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BESSEL.forward(new double[6], null, g, null, null, null, null));
        assertEquals("EdgeEmbedding.forward: positions has length 6, expected 9 = atoms * 3", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BESSEL.forward(good, null, g, null, null, new double[16], null));
        assertEquals("EdgeEmbedding.forward: sh has length 16, expected 32 = edges * shDim", e.getMessage());
        double[] shifts = new double[6];
        e = assertThrows(IllegalArgumentException.class,
                () -> BESSEL.forward(good, shifts, g, shifts, null, null, null));
        assertEquals("EdgeEmbedding.forward: output 'vectors' aliases input 'shifts'", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> BESSEL.backward(good, null, g, null, null, null, null));
        assertEquals("EdgeEmbedding.backward: gradPositions must not be null (expected length 9 = atoms * 3)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> EdgeEmbedding.of(-1, ShNormalization.NORM,
                RadialEmbedding.nequip(CUTOFF)));
        assertEquals("lmax = -1 outside the supported range 0..100", e.getMessage());
    }
}
