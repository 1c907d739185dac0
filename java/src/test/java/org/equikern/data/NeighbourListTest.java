package org.equikern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.equikern.testing.JsonObject;
import org.junit.jupiter.api.Test;

/** The cell list against a brute-force enumeration of all pairs and images, and against ASE. */
class NeighbourListTest {
    /** Edges of the brute force, one "receiver sender S0 S1 S2" key each, in the list's order. */
    private static List<long[]> bruteForce(double[] pos, double[] cell, boolean[] pbc, double cutoff) {
        int n = pos.length / 3;
        int[] reach = new int[3];
        for (int d = 0; d < 3; d++) {
            // positions lie within 2 cells of the home cell; images up to cutoff / height further
            reach[d] = pbc[d] ? (int) Math.ceil(cutoff / height(cell, d)) + 3 : 0;
        }
        List<long[]> edges = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (int i = 0; i < n; i++) {
                for (int s0 = -reach[0]; s0 <= reach[0]; s0++) {
                    for (int s1 = -reach[1]; s1 <= reach[1]; s1++) {
                        for (int s2 = -reach[2]; s2 <= reach[2]; s2++) {
                            if (i == j && s0 == 0 && s1 == 0 && s2 == 0) {
                                continue;
                            }
                            double sum = 0;
                            for (int k = 0; k < 3; k++) {
                                double shift = cell == null ? 0 : s0 * cell[k] + s1 * cell[3 + k] + s2 * cell[6 + k];
                                double v = pos[3 * j + k] - pos[3 * i + k] + shift;
                                sum += v * v;
                            }
                            if (Math.sqrt(sum) < cutoff) {
                                edges.add(new long[] {j, i, s0, s1, s2});
                            }
                        }
                    }
                }
            }
        }
        return edges;   // already ordered by receiver, sender, shift
    }

    /** Distance between the lattice planes spanned by the two other vectors. */
    private static double height(double[] c, int d) {
        int e = (d + 1) % 3;
        int f = (d + 2) % 3;
        double[] x = {c[3 * e + 1] * c[3 * f + 2] - c[3 * e + 2] * c[3 * f + 1],
            c[3 * e + 2] * c[3 * f] - c[3 * e] * c[3 * f + 2], c[3 * e] * c[3 * f + 1] - c[3 * e + 1] * c[3 * f]};
        double volume = Math.abs(c[3 * d] * x[0] + c[3 * d + 1] * x[1] + c[3 * d + 2] * x[2]);
        return volume / Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
    }

    private static List<long[]> keys(NeighbourList list) {
        int[] r = list.receivers();
        int[] s = list.senders();
        int[] sh = list.shifts();
        List<long[]> keys = new ArrayList<>();
        for (int e = 0; e < list.edgeCount(); e++) {
            keys.add(new long[] {r[e], s[e], sh[3 * e], sh[3 * e + 1], sh[3 * e + 2]});
        }
        return keys;
    }

    private static void assertMatchesBruteForce(double[] pos, double[] cell, boolean[] pbc, double cutoff) {
        NeighbourList list = NeighbourList.of(pos, cell, pbc, cutoff);
        List<long[]> expected = bruteForce(pos, cell, pbc, cutoff);
        List<long[]> actual = keys(list);
        assertEquals(expected.size(), actual.size(), "edge count, cutoff " + cutoff + " pbc " + Arrays.toString(pbc));
        assertTrue(expected.size() > 0);
        for (int e = 0; e < expected.size(); e++) {
            assertArrayEquals(expected.get(e), actual.get(e), "edge " + e + " (receiver, sender, shift)");
        }
        double[] v = list.vectors();
        double[] cs = list.cartesianShifts();
        double[] dist = list.distances();
        int[] s = list.senders();
        int[] r = list.receivers();
        int[] sh = list.shifts();
        for (int e = 0; e < list.edgeCount(); e++) {
            double sum = 0;
            for (int k = 0; k < 3; k++) {
                double shift = cell == null ? 0 : sh[3 * e] * cell[k] + sh[3 * e + 1] * cell[3 + k]
                        + sh[3 * e + 2] * cell[6 + k];
                assertEquals(shift, cs[3 * e + k], 1e-12);
                assertEquals(pos[3 * r[e] + k] - pos[3 * s[e] + k] + shift, v[3 * e + k], 1e-12);
                sum += v[3 * e + k] * v[3 * e + k];
            }
            assertEquals(Math.sqrt(sum), dist[e], 1e-12);
            assertTrue(dist[e] < cutoff);
        }
    }

    /** A random triclinic cell (rows) of about unit scale times {@code size}, far from singular. */
    private static double[] randomCell(Random rnd, double size) {
        double[] c = new double[9];
        for (int d = 0; d < 3; d++) {
            for (int k = 0; k < 3; k++) {
                c[3 * d + k] = size * ((d == k ? 1 : 0) + 0.35 * (rnd.nextDouble() - 0.5));
            }
        }
        return c;
    }

    /** Fractional coordinates in [-0.5, 1.5): some atoms outside the home cell, as MD leaves them. */
    private static double[] randomPositions(Random rnd, double[] cell, int n) {
        double[] p = new double[3 * n];
        for (int i = 0; i < n; i++) {
            double[] f = {2 * rnd.nextDouble() - 0.5, 2 * rnd.nextDouble() - 0.5, 2 * rnd.nextDouble() - 0.5};
            for (int k = 0; k < 3; k++) {
                p[3 * i + k] = f[0] * cell[k] + f[1] * cell[3 + k] + f[2] * cell[6 + k];
            }
        }
        return p;
    }

    @Test
    void triclinicCellsMatchBruteForceForSmallAndLargeCutoffs() {
        Random rnd = new Random(1);
        for (int trial = 0; trial < 4; trial++) {
            double[] cell = randomCell(rnd, 6.0);
            double[] pos = randomPositions(rnd, cell, 20);
            double minHeight = Math.min(height(cell, 0), Math.min(height(cell, 1), height(cell, 2)));
            boolean[] pbc = {true, true, true};
            assertMatchesBruteForce(pos, cell, pbc, 0.3 * minHeight);   // many bins
            assertMatchesBruteForce(pos, cell, pbc, 0.7 * minHeight);   // above half the cell
            assertMatchesBruteForce(pos, cell, pbc, 1.6 * minHeight);   // above the cell: several images
        }
    }

    @Test
    void partialPeriodicityMatchesBruteForce() {
        Random rnd = new Random(2);
        boolean[][] cases = {{true, true, false}, {false, true, false}, {true, false, true}, {false, false, false}};
        for (boolean[] pbc : cases) {
            double[] cell = randomCell(rnd, 5.0);
            double[] pos = randomPositions(rnd, cell, 18);
            assertMatchesBruteForce(pos, cell, pbc, 2.0);
            assertMatchesBruteForce(pos, cell, pbc, 7.5);
        }
        double[] molecule = randomPositions(rnd, randomCell(rnd, 4.0), 15);
        assertMatchesBruteForce(molecule, null, new boolean[3], 3.0);
    }

    @Test
    void periodicOnlyAlongAVectorWhoseNeighboursAreDegenerate() {
        // A wire periodic along x; the other two lattice vectors are zero, as ASE allows when not periodic.
        double[] cell = {2.5, 0, 0, 0, 0, 0, 0, 0, 0};
        double[] pos = randomPositions(new Random(3), new double[] {2.5, 0, 0, 0, 3, 0, 0, 0, 3}, 6);
        assertMatchesBruteForce(pos, cell, new boolean[] {true, false, false}, 4.0);
    }

    @Test
    void oneAtomInASmallCubeSeesItsOwnImagesOnly() {
        // simple cubic a = 1, cutoff 1.5: 6 images at distance 1 and 12 at sqrt(2); itself excluded
        NeighbourList list = NeighbourList.of(new double[] {0.2, 0.3, 0.4}, new double[] {1, 0, 0, 0, 1, 0, 0, 0, 1},
                new boolean[] {true, true, true}, 1.5);
        assertEquals(18, list.edgeCount());
        long ones = Arrays.stream(list.distances()).filter(d -> Math.abs(d - 1) < 1e-12).count();
        long roots = Arrays.stream(list.distances()).filter(d -> Math.abs(d - Math.sqrt(2)) < 1e-12).count();
        assertEquals(6, ones);
        assertEquals(12, roots);
        assertArrayEquals(new int[] {0, 18}, list.receiverOffsets());
    }

    @Test
    void matchesAseOnItsOwnFiles() {
        JsonObject ase = TestFiles.json("neighbours_ase.txt");
        for (JsonObject c : ase.objects("cases")) {
            String[] frame = c.string("frame").split(":");
            Structure s = ExtXyz.DEFAULT.readAll(TestFiles.path(frame[0])).get(Integer.parseInt(frame[1]));
            int[] i = c.ints("i");
            int[] j = c.ints("j");
            int[] shifts = c.ints("S");
            TreeSet<String> expected = new TreeSet<>();
            for (int e = 0; e < i.length; e++) {
                expected.add(i[e] + " " + j[e] + " " + shifts[3 * e] + " " + shifts[3 * e + 1] + " " + shifts[3 * e + 2]);
            }
            NeighbourList list = NeighbourList.of(s, c.number("cutoff"));
            TreeSet<String> actual = new TreeSet<>();
            for (long[] k : keys(list)) {
                actual.add(k[1] + " " + k[0] + " " + k[2] + " " + k[3] + " " + k[4]);   // ASE: i = sender
            }
            assertEquals(i.length, list.edgeCount(), c.path());
            assertEquals(expected, actual, c.path());
        }
    }

    @Test
    void batchNumbersStructuresOneAfterTheOther() {
        Random rnd = new Random(4);
        double[] cellA = randomCell(rnd, 5.0);
        Structure a = structure(randomPositions(rnd, cellA, 7), cellA, true);
        Structure b = structure(randomPositions(rnd, randomCell(rnd, 4.0), 5), null, false);
        NeighbourList batch = NeighbourList.batch(List.of(a, b), 3.2);
        NeighbourList la = NeighbourList.of(a, 3.2);
        NeighbourList lb = NeighbourList.of(b, 3.2);
        assertArrayEquals(new int[] {0, 7, 12}, batch.nodeOffsets());
        assertArrayEquals(new int[] {0, la.edgeCount(), la.edgeCount() + lb.edgeCount()}, batch.edgeOffsets());
        int[] senders = batch.senders();
        int[] receivers = batch.receivers();
        for (int e = 0; e < lb.edgeCount(); e++) {
            assertEquals(lb.senders()[e] + 7, senders[la.edgeCount() + e]);
            assertEquals(lb.receivers()[e] + 7, receivers[la.edgeCount() + e]);
        }
        assertArrayEquals(la.shifts(), Arrays.copyOf(batch.shifts(), 3 * la.edgeCount()));
        int[] csr = batch.receiverOffsets();
        for (int j = 0; j < batch.nodeCount(); j++) {
            for (int e = csr[j]; e < csr[j + 1]; e++) {
                assertEquals(j, receivers[e]);
            }
        }
        assertEquals(batch.edgeCount(), csr[batch.nodeCount()]);
    }

    private static Structure structure(double[] pos, double[] cell, boolean periodic) {
        String[] symbols = new String[pos.length / 3];
        Arrays.fill(symbols, "Cu");
        return Structure.builder(symbols, pos).cell(cell).pbc(periodic, periodic, periodic).build();
    }

    /**
     * O(N) without timing anything: the number of distance evaluations per atom stays flat as a
     * crystal grows from 2×2×2 to 6×6×6 cells, while all pairs would grow 27-fold per atom.
     */
    @Test
    void distanceEvaluationsGrowLinearlyWithTheNumberOfAtoms() {
        double[] perAtom = new double[2];
        int[] sizes = {2, 6};
        for (int k = 0; k < 2; k++) {
            int m = sizes[k];
            double a = 3.6;
            double[] basis = {0, 0, 0, 0.5, 0.5, 0, 0.5, 0, 0.5, 0, 0.5, 0.5};   // fcc
            double[] pos = new double[3 * 4 * m * m * m];
            int atom = 0;
            for (int x = 0; x < m; x++) {
                for (int y = 0; y < m; y++) {
                    for (int z = 0; z < m; z++) {
                        for (int b = 0; b < 4; b++, atom++) {
                            pos[3 * atom] = a * (x + basis[3 * b]) + 0.01 * Math.sin(atom);
                            pos[3 * atom + 1] = a * (y + basis[3 * b + 1]) + 0.01 * Math.cos(atom);
                            pos[3 * atom + 2] = a * (z + basis[3 * b + 2]);
                        }
                    }
                }
            }
            NeighbourList list = NeighbourList.of(pos, new double[] {a * m, 0, 0, 0, a * m, 0, 0, 0, a * m},
                    new boolean[] {true, true, true}, 3.0);
            assertEquals(12L * atom, list.edgeCount());   // fcc: 12 nearest neighbours at 2.55
            perAtom[k] = (double) list.distanceEvaluations / atom;
        }
        assertTrue(perAtom[1] < 1.3 * perAtom[0], "evaluations per atom " + perAtom[0] + " -> " + perAtom[1]);
        assertTrue(perAtom[1] < 864 / 4.0, "far fewer than all 864 pairs per atom: " + perAtom[1]);
    }

    @Test
    void sparseAtomsFarApartUseFewBins() {
        double[] pos = {0, 0, 0, 1e6, 0, 0, 1e6 + 1, 0, 0, 0, -2e5, 3e5};
        assertMatchesBruteForce(pos, null, new boolean[3], 1.5);
        assertEquals(2, NeighbourList.of(pos, null, new boolean[3], 1.5).edgeCount());
    }

    @Test
    void badInputIsRejectedWithItsValue() {
        double[] pos = {0, 0, 0, 1, 0, 0};
        double[] cube = {3, 0, 0, 0, 3, 0, 0, 0, 3};
        boolean[] all = {true, true, true};
        assertMessage("cutoff = 0.0, must be positive", () -> NeighbourList.of(pos, cube, all, 0));
        assertMessage("cutoff = NaN", () -> NeighbourList.of(pos, cube, all, Double.NaN));
        assertMessage("cutoff = Infinity", () -> NeighbourList.of(pos, cube, all, Double.POSITIVE_INFINITY));
        assertMessage("position of atom 1 component 2 is NaN",
                () -> NeighbourList.of(new double[] {0, 0, 0, 1, 0, Double.NaN}, cube, all, 2));
        assertMessage("linearly dependent; the cell is singular",
                () -> NeighbourList.of(pos, new double[] {3, 0, 0, 0, 3, 0, 3, 3, 0}, all, 2));
        assertMessage("cell is null", () -> NeighbourList.of(pos, null, new boolean[] {false, true, false}, 2));
        assertMessage("images per atom", () -> NeighbourList.of(pos, cube, all, 1e4));
        assertMessage("positions must hold atoms × 3 values, got 4",
                () -> NeighbourList.of(new double[4], cube, all, 2));
    }

    private static void assertMessage(String part, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage().contains(part), e.getMessage());
    }
}
