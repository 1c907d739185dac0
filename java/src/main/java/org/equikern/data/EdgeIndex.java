package org.equikern.data;

import java.util.Arrays;

/**
 * The directed edges of a graph over {@code atoms} atoms: edge {@code e} goes from atom {@code src(e)}
 * to atom {@code dst(e)}. This is NequIP's {@code edge_index} with {@code src = edge_index[0]} (the
 * centre {@code i}) and {@code dst = edge_index[1]} (the neighbour {@code j}); {@link org.equikern.nn.EdgeEmbedding}
 * turns it into the vector {@code pos[dst] − pos[src] (+ shift)}, NequIP's {@code pos[j] − pos[i]}.
 *
 * <p>Indices are checked once, here, so the layers that use the graph need not. Atoms without edges
 * and graphs without edges are allowed. The arrays are copied; instances are immutable.
 */
public final class EdgeIndex {
    private final int atoms;
    private final int[] src;
    private final int[] dst;

    private EdgeIndex(int atoms, int[] src, int[] dst) {
        this.atoms = atoms;
        this.src = src;
        this.dst = dst;
    }

    /**
     * The edges {@code src[e] → dst[e]} between {@code atoms} atoms.
     *
     * @param atoms the number of atoms, ≥ 0
     * @param src the source atom of each edge, each in 0..atoms−1; copied
     * @param dst the target atom of each edge, each in 0..atoms−1, same length as {@code src}; copied
     * @return the edge index
     * @throws IllegalArgumentException when {@code atoms < 0}, an array is null, the arrays differ in
     *                                  length, or an index is out of range (naming the edge, the index
     *                                  and the number of atoms)
     */
    public static EdgeIndex of(int atoms, int[] src, int[] dst) {
        if (atoms < 0) {
            throw new IllegalArgumentException("EdgeIndex: number of atoms must be >= 0, got " + atoms);
        }
        if (src == null || dst == null) {
            throw new IllegalArgumentException("EdgeIndex: src and dst must not be null");
        }
        if (src.length != dst.length) {
            throw new IllegalArgumentException("EdgeIndex: src has " + src.length + " entries but dst has "
                    + dst.length + "; there must be one of each per edge");
        }
        for (int e = 0; e < src.length; e++) {
            checkIndex(e, "src", src[e], atoms);
            checkIndex(e, "dst", dst[e], atoms);
        }
        return new EdgeIndex(atoms, src.clone(), dst.clone());
    }

    private static void checkIndex(int edge, String name, int index, int atoms) {
        if (index < 0 || index >= atoms) {
            throw new IllegalArgumentException("EdgeIndex: edge " + edge + " has " + name + " index " + index
                    + ", out of range for " + atoms + " atoms (valid 0.." + (atoms - 1) + ")");
        }
    }

    /**
     * A copy of the source atom of every edge.
     *
     * @return a new array, one atom per edge
     */
    public int[] sources() {
        return src.clone();
    }

    /**
     * A copy of the target atom of every edge.
     *
     * @return a new array, one atom per edge
     */
    public int[] targets() {
        return dst.clone();
    }

    /**
     * The edges grouped by target atom (CSR), for sums into atoms in a fixed order.
     *
     * @return the grouping, built on each call
     */
    public RowSegments byTarget() {
        return RowSegments.group(dst, atoms);
    }

    /**
     * The edges grouped by source atom (CSR).
     *
     * @return the grouping, built on each call
     */
    public RowSegments bySource() {
        return RowSegments.group(src, atoms);
    }

    /**
     * The number of atoms (nodes).
     *
     * @return the atom count
     */
    public int atoms() {
        return atoms;
    }

    /**
     * The number of edges.
     *
     * @return the edge count
     */
    public int edges() {
        return src.length;
    }

    /**
     * The atom edge {@code e} starts from.
     *
     * @param e the edge, 0 ≤ e &lt; {@link #edges()}
     * @return its source atom
     */
    public int src(int e) {
        return src[e];
    }

    /**
     * The atom edge {@code e} points to.
     *
     * @param e the edge, 0 ≤ e &lt; {@link #edges()}
     * @return its target atom
     */
    public int dst(int e) {
        return dst[e];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EdgeIndex && ((EdgeIndex) o).atoms == atoms && Arrays.equals(((EdgeIndex) o).src, src)
                && Arrays.equals(((EdgeIndex) o).dst, dst);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * atoms + Arrays.hashCode(src)) + Arrays.hashCode(dst);
    }

    @Override
    public String toString() {
        return "EdgeIndex(" + atoms + " atoms, " + src.length + " edges)";
    }
}
