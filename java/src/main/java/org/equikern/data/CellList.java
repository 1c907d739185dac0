package org.equikern.data;

/**
 * Cell-list search of one structure's neighbours within a cutoff, in O(atoms) for a bounded density.
 *
 * <p>Positions are expressed in a basis whose periodic rows are the lattice vectors and whose other
 * rows complete them orthonormally (so a missing or degenerate vector along a non-periodic direction
 * does no harm). Periodic coordinates are wrapped into [0, 1), remembering each atom's whole-cell
 * offset. Each direction is cut into bins at least {@code cutoff} wide measured across the bin (the
 * plane spacing {@code h / bins}, h the cell height), so a neighbour lies at most
 * {@code r = ceil(cutoff · bins / h)} bins away: 1, or more when the cutoff exceeds the cell, when
 * bin offsets beyond the cell reach further periodic images. Each (bin offset) names one (image, bin),
 * so no image is visited twice. Edge vectors are recomputed from the unwrapped positions,
 * {@code pos[receiver] − pos[sender] + shift · cell}, and kept when shorter than the cutoff.
 */
final class CellList {
    /** Bins are made this much wider than the cutoff, so rounding in the wrapped coordinates loses no pair. */
    private static final double MARGIN = 1e-9;
    /** Relative volume below which the periodic lattice vectors count as linearly dependent. */
    private static final double SINGULAR = 1e-10;
    /** Bin offsets per atom above which the cutoff is rejected as far beyond the cell. */
    private static final long MAX_IMAGES = 1L << 24;
    /** Whole-cell offsets of an atom (or shifts) above which coordinates are rejected as absurd. */
    private static final double MAX_CELL_OFFSET = 1 << 29;

    private CellList() {
    }

    /**
     * Appends the edges of one structure to {@code out}, receivers ascending, each receiver's edges by
     * sender then shift; node indices are offset by {@code nodeOffset}.
     *
     * @return the number of candidate pairs whose distance was evaluated
     */
    static long search(double[] positions, double[] cell, boolean[] pbc, double cutoff, int nodeOffset,
                       EdgeBuffer out) {
        int n = positions.length / 3;
        if (n == 0) {
            return 0;
        }
        double[] basis = basis(cell, pbc);
        double[] inverse = inverse(basis);
        double[] frac = new double[3 * n];
        long[] wraps = new long[3 * n];
        double[] lo = new double[3];
        double[] extent = new double[3];
        fractional(positions, inverse, pbc, frac, wraps, lo, extent);

        double reach = cutoff * (1 + MARGIN);
        double[] heights = new double[3];
        int[] bins = new int[3];
        for (int d = 0; d < 3; d++) {
            heights[d] = 1 / Math.sqrt(sq(inverse[d]) + sq(inverse[3 + d]) + sq(inverse[6 + d]));
            bins[d] = (int) Math.max(1, Math.min(1 << 20, Math.floor(extent[d] * heights[d] / reach)));
        }
        coarsen(bins, n);
        int[] range = new int[3];
        for (int d = 0; d < 3; d++) {   // wider bins than the cutoff (coarsened ones too) need 1
            range[d] = pbc[d] ? (int) Math.min(1 << 20, Math.ceil(reach * bins[d] / heights[d])) : 1;
        }
        long images = 1;
        for (int d = 0; d < 3; d++) {
            images *= 2L * range[d] + 1;
        }
        if (images > MAX_IMAGES) {
            throw new IllegalArgumentException("neighbour list: cutoff " + cutoff + " reaches " + range[0] + ", "
                    + range[1] + ", " + range[2] + " cells away along the lattice vectors (" + images
                    + " images per atom), above the limit " + MAX_IMAGES);
        }
        Bins grid = new Bins(frac, lo, extent, bins, n);
        return scan(positions, cell, pbc, cutoff, nodeOffset, out, wraps, grid, range);
    }

    private static long scan(double[] positions, double[] cell, boolean[] pbc, double cutoff, int nodeOffset,
                             EdgeBuffer out, long[] wraps, Bins grid, int[] range) {
        int n = positions.length / 3;
        int[] bins = grid.counts;
        int[] shift = new int[3];
        int[] image = new int[3];
        int[] home = new int[3];
        double[] vector = new double[3];
        double[] cartesian = new double[3];
        long candidates = 0;
        for (int j = 0; j < n; j++) {
            int start = out.size;
            grid.binOf(j, home);
            for (int d0 = -range[0]; d0 <= range[0]; d0++) {
                for (int d1 = -range[1]; d1 <= range[1]; d1++) {
                    for (int d2 = -range[2]; d2 <= range[2]; d2++) {
                        int b = grid.neighbourBin(home, d0, d1, d2, pbc, image);
                        if (b < 0) {
                            continue;
                        }
                        for (int slot = grid.start[b]; slot < grid.start[b + 1]; slot++) {
                            int i = grid.atoms[slot];
                            for (int d = 0; d < 3; d++) {
                                shift[d] = pbc[d] ? (int) (wraps[3 * i + d] - wraps[3 * j + d] - image[d]) : 0;
                            }
                            if (i == j && shift[0] == 0 && shift[1] == 0 && shift[2] == 0) {
                                continue;
                            }
                            candidates++;
                            double distance = edge(positions, cell, i, j, shift, vector, cartesian);
                            if (distance < cutoff) {
                                out.add(nodeOffset + i, nodeOffset + j, shift, vector, cartesian, distance);
                            }
                        }
                    }
                }
            }
            out.sortTail(start);
        }
        return candidates;
    }

    /** {@code pos[j] − pos[i] + shift · cell} into {@code vector} (and {@code shift · cell}); its length. */
    private static double edge(double[] positions, double[] cell, int i, int j, int[] shift, double[] vector,
                               double[] cartesian) {
        double sum = 0;
        for (int k = 0; k < 3; k++) {
            double s = cell == null ? 0 : shift[0] * cell[k] + shift[1] * cell[3 + k] + shift[2] * cell[6 + k];
            cartesian[k] = s;
            vector[k] = positions[3 * j + k] - positions[3 * i + k] + s;
            sum += vector[k] * vector[k];
        }
        return Math.sqrt(sum);
    }

    /** Halves the finest directions until there are at most about as many bins as atoms (sparse cells). */
    private static void coarsen(int[] bins, int atoms) {
        long limit = Math.max(8, atoms);
        while ((long) bins[0] * bins[1] * bins[2] > limit) {
            int d = bins[0] >= bins[1] && bins[0] >= bins[2] ? 0 : bins[1] >= bins[2] ? 1 : 2;
            bins[d] = (bins[d] + 1) / 2;
        }
    }

    /**
     * Fractional coordinates; along periodic directions wrapped into [0, 1) with the whole-cell offset
     * in {@code wraps}, along the others with their range ({@code lo}, {@code extent}).
     */
    private static void fractional(double[] positions, double[] inverse, boolean[] pbc, double[] frac,
                                   long[] wraps, double[] lo, double[] extent) {
        int n = positions.length / 3;
        double[] hi = new double[3];
        for (int d = 0; d < 3; d++) {
            lo[d] = Double.POSITIVE_INFINITY;
            hi[d] = Double.NEGATIVE_INFINITY;
        }
        for (int i = 0; i < n; i++) {
            for (int d = 0; d < 3; d++) {
                double s = positions[3 * i] * inverse[d] + positions[3 * i + 1] * inverse[3 + d]
                        + positions[3 * i + 2] * inverse[6 + d];
                if (pbc[d]) {
                    double w = Math.floor(s);
                    if (Math.abs(w) > MAX_CELL_OFFSET) {
                        throw new IllegalArgumentException("neighbour list: atom " + i + " lies " + w
                                + " cells away along lattice vector " + d + ", beyond " + (long) MAX_CELL_OFFSET);
                    }
                    wraps[3 * i + d] = (long) w;
                    s -= w;
                }
                frac[3 * i + d] = s;
                lo[d] = Math.min(lo[d], s);
                hi[d] = Math.max(hi[d], s);
            }
        }
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                lo[d] = 0;
                extent[d] = 1;
            } else {
                extent[d] = hi[d] - lo[d];
            }
        }
    }

    /**
     * Rows: the lattice vectors of the periodic directions, completed by orthonormal vectors along
     * the others.
     */
    static double[] basis(double[] cell, boolean[] pbc) {
        double[] b = new double[9];
        int periodic = 0;
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                System.arraycopy(cell, 3 * d, b, 3 * d, 3);
                periodic++;
            }
        }
        if (periodic == 0) {
            b[0] = b[4] = b[8] = 1;
            return b;
        }
        checkIndependent(cell, pbc, periodic);
        if (periodic == 1) {
            int a = pbc[0] ? 0 : pbc[1] ? 1 : 2;
            double[] u = unit(row(b, a));
            int axis = Math.abs(u[0]) <= Math.abs(u[1]) && Math.abs(u[0]) <= Math.abs(u[2]) ? 0
                    : Math.abs(u[1]) <= Math.abs(u[2]) ? 1 : 2;
            double[] e = new double[3];
            e[axis] = 1;
            double dot = e[0] * u[0] + e[1] * u[1] + e[2] * u[2];
            double[] v = unit(new double[] {e[0] - dot * u[0], e[1] - dot * u[1], e[2] - dot * u[2]});
            setRow(b, (a + 1) % 3, v);
            setRow(b, (a + 2) % 3, cross(u, v));
        } else if (periodic == 2) {
            int c = !pbc[0] ? 0 : !pbc[1] ? 1 : 2;
            setRow(b, c, unit(cross(row(b, (c + 1) % 3), row(b, (c + 2) % 3))));
        }
        return b;
    }

    private static void checkIndependent(double[] cell, boolean[] pbc, int periodic) {
        double lengths = 1;
        double[] rows = new double[9];
        for (int d = 0; d < 3; d++) {
            if (pbc[d]) {
                double[] r = row(cell, d);
                lengths *= Math.sqrt(sq(r[0]) + sq(r[1]) + sq(r[2]));
                setRow(rows, d, r);
            }
        }
        double measure;
        if (periodic == 1) {
            measure = lengths;
        } else if (periodic == 2) {
            int c = !pbc[0] ? 0 : !pbc[1] ? 1 : 2;
            double[] x = cross(row(rows, (c + 1) % 3), row(rows, (c + 2) % 3));
            measure = Math.sqrt(sq(x[0]) + sq(x[1]) + sq(x[2])) / lengths;
        } else {
            measure = Math.abs(determinant(rows)) / lengths;
        }
        if (!(measure > SINGULAR)) {
            throw new IllegalArgumentException("neighbour list: the periodic lattice vectors of cell "
                    + java.util.Arrays.toString(cell) + " (pbc " + pbc[0] + " " + pbc[1] + " " + pbc[2]
                    + ") are zero or linearly dependent; the cell is singular");
        }
    }

    private static double determinant(double[] m) {
        return m[0] * (m[4] * m[8] - m[5] * m[7]) - m[1] * (m[3] * m[8] - m[5] * m[6])
                + m[2] * (m[3] * m[7] - m[4] * m[6]);
    }

    private static double[] inverse(double[] m) {
        double det = determinant(m);
        return new double[] {
            (m[4] * m[8] - m[5] * m[7]) / det, (m[2] * m[7] - m[1] * m[8]) / det, (m[1] * m[5] - m[2] * m[4]) / det,
            (m[5] * m[6] - m[3] * m[8]) / det, (m[0] * m[8] - m[2] * m[6]) / det, (m[2] * m[3] - m[0] * m[5]) / det,
            (m[3] * m[7] - m[4] * m[6]) / det, (m[1] * m[6] - m[0] * m[7]) / det, (m[0] * m[4] - m[1] * m[3]) / det,
        };
    }

    private static double[] row(double[] m, int r) {
        return new double[] {m[3 * r], m[3 * r + 1], m[3 * r + 2]};
    }

    private static void setRow(double[] m, int r, double[] v) {
        System.arraycopy(v, 0, m, 3 * r, 3);
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] {a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]};
    }

    private static double[] unit(double[] v) {
        double norm = Math.sqrt(sq(v[0]) + sq(v[1]) + sq(v[2]));
        return new double[] {v[0] / norm, v[1] / norm, v[2] / norm};
    }

    private static double sq(double x) {
        return x * x;
    }

    /** Atoms sorted into bins (compressed rows: {@code atoms[start[b] .. start[b+1])} are bin b's). */
    private static final class Bins {
        final int[] counts;
        final int[] start;
        final int[] atoms;
        private final int[] binOfAtom;

        Bins(double[] frac, double[] lo, double[] extent, int[] counts, int n) {
            this.counts = counts;
            int total = counts[0] * counts[1] * counts[2];
            start = new int[total + 1];
            binOfAtom = new int[n];
            int[] cell = new int[3];
            for (int i = 0; i < n; i++) {
                for (int d = 0; d < 3; d++) {
                    double t = extent[d] > 0 ? (frac[3 * i + d] - lo[d]) / extent[d] : 0;
                    cell[d] = Math.min(counts[d] - 1, Math.max(0, (int) Math.floor(t * counts[d])));
                }
                binOfAtom[i] = (cell[0] * counts[1] + cell[1]) * counts[2] + cell[2];
                start[binOfAtom[i] + 1]++;
            }
            for (int b = 0; b < total; b++) {
                start[b + 1] += start[b];
            }
            atoms = new int[n];
            int[] fill = java.util.Arrays.copyOf(start, total);
            for (int i = 0; i < n; i++) {
                atoms[fill[binOfAtom[i]]++] = i;
            }
        }

        void binOf(int atom, int[] cell) {
            int b = binOfAtom[atom];
            cell[2] = b % counts[2];
            cell[1] = (b / counts[2]) % counts[1];
            cell[0] = b / (counts[1] * counts[2]);
        }

        /**
         * The bin at {@code home + offset}, wrapped along periodic directions with the image it falls in
         * written to {@code image}; -1 when it lies outside along a non-periodic direction.
         */
        int neighbourBin(int[] home, int o0, int o1, int o2, boolean[] pbc, int[] image) {
            int b = 0;
            int[] offset = {o0, o1, o2};
            for (int d = 0; d < 3; d++) {
                int c = home[d] + offset[d];
                if (pbc[d]) {
                    image[d] = Math.floorDiv(c, counts[d]);
                    c = Math.floorMod(c, counts[d]);
                } else if (c < 0 || c >= counts[d]) {
                    return -1;
                } else {
                    image[d] = 0;
                }
                b = b * counts[d] + c;
            }
            return b;
        }
    }
}
