package org.equikern.group;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import org.equikern.check.HostArguments;

/**
 * A direct sum of irreps in e3nn's grammar, e.g. {@code "32x0e+16x1o+8x2e"}: blocks kept in the
 * given order (repeats allowed, multiplicity 0 allowed). Feature vectors use e3nn's
 * {@code mul_ir} layout: each block is {@code mul} copies of its {@code 2l+1} components, blocks
 * one after the other. Immutable.
 */
public final class Irreps implements Iterable<MulIrrep> {
    private final List<MulIrrep> blocks;
    private final int[] offsets;
    private final int dim;

    private Irreps(List<MulIrrep> blocks) {
        this.blocks = Collections.unmodifiableList(new ArrayList<>(blocks));
        this.offsets = new int[blocks.size() + 1];
        long total = 0;
        for (int i = 0; i < blocks.size(); i++) {
            total += Objects.requireNonNull(blocks.get(i), "blocks[" + i + "]").dim();
            if (total > HostArguments.MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("irreps " + describe(blocks) + " have dimension above the limit "
                        + HostArguments.MAX_ARRAY_LENGTH + " (one Java array), reached at block " + i);
            }
            offsets[i + 1] = (int) total;
        }
        this.dim = offsets[blocks.size()];
    }

    /** The irreps' text, shortened to its first blocks when long. */
    private static String describe(List<MulIrrep> blocks) {
        StringBuilder text = new StringBuilder("\"");
        for (int i = 0; i < blocks.size(); i++) {
            if (i == 8) return text.append("+... (").append(blocks.size()).append(" blocks)\"").toString();
            text.append(i == 0 ? "" : "+").append(blocks.get(i));
        }
        return text.append('"').toString();
    }

    /**
     * Parses e3nn's grammar; errors name the string and the position of the problem.
     *
     * @param text e.g. {@code "16x0e + 8x1o"}; a missing multiplicity means 1
     * @return the irreps, blocks in the order written (not simplified)
     * @throws IllegalArgumentException for a syntax error or a multiplicity or degree out of range
     */
    public static Irreps parse(String text) {
        return new Irreps(IrrepsParser.parse(text));
    }

    /**
     * The irreps with these blocks, in this order (not simplified).
     *
     * @param blocks the multiplicity-irrep blocks; may be empty
     * @return the irreps
     * @throws IllegalArgumentException when the total dimension exceeds one Java array's length
     */
    public static Irreps of(List<MulIrrep> blocks) {
        return new Irreps(Objects.requireNonNull(blocks, "blocks"));
    }

    /**
     * Spherical harmonics irreps {@code 0e+1o+2e+...} up to lmax (0..{@link Irrep#MAX_L}).
     *
     * @param lmax the highest degree
     * @return one copy of each degree 0..lmax with parity (−1)^l
     * @throws IllegalArgumentException when lmax is outside 0..{@link Irrep#MAX_L}
     */
    public static Irreps sphericalHarmonics(int lmax) {
        if (lmax < 0 || lmax > Irrep.MAX_L) {
            throw new IllegalArgumentException("lmax = " + lmax + " outside the supported range 0.." + Irrep.MAX_L);
        }
        long dim = (lmax + 1L) * (lmax + 1L);
        if (dim > HostArguments.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("lmax = " + lmax + ": spherical harmonics have dimension " + dim
                    + ", above the limit " + HostArguments.MAX_ARRAY_LENGTH + " (one Java array)");
        }
        List<MulIrrep> blocks = new ArrayList<>();
        for (int l = 0; l <= lmax; l++) {
            blocks.add(new MulIrrep(1, Irrep.of(l, Parity.ofSphericalHarmonic(l))));
        }
        return new Irreps(blocks);
    }

    /**
     * Number of blocks.
     *
     * @return the number of blocks, empty ones included
     */
    public int size() {
        return blocks.size();
    }

    /**
     * The block at an index.
     *
     * @param block the block index, 0 ≤ block &lt; {@link #size()}
     * @return that block
     * @throws IndexOutOfBoundsException for an index out of range
     */
    public MulIrrep get(int block) {
        return blocks.get(block);
    }

    /**
     * The blocks in order.
     *
     * @return an unmodifiable list of the blocks
     */
    public List<MulIrrep> blocks() {
        return blocks;
    }

    /**
     * Total dimension Σ mul·(2l+1).
     *
     * @return the length of one feature vector in the {@code mul_ir} layout
     */
    public int dim() {
        return dim;
    }

    /**
     * Σ mul: the number of irrep copies.
     *
     * @return the total multiplicity
     */
    public int numIrreps() {
        int n = 0;
        for (MulIrrep b : blocks) n += b.mul(); // at most dim(), which fits an int
        return n;
    }

    /**
     * Start of block {@code i} in a feature vector; {@code offset(size())} is {@link #dim()}.
     *
     * @param block the block index, 0..{@link #size()} inclusive
     * @return the offset of the block's first component
     */
    public int offset(int block) {
        return offsets[block];
    }

    /**
     * Largest l present, or -1 when empty.
     *
     * @return the highest degree of any block (empty blocks count), or −1
     */
    public int lmax() {
        int m = -1;
        for (MulIrrep b : blocks) m = Math.max(m, b.irrep().l());
        return m;
    }

    /**
     * Merges neighbouring blocks of equal irreps and drops empty ones, as e3nn's {@code simplify}.
     *
     * @return the simplified irreps; this one is unchanged
     */
    public Irreps simplify() {
        List<MulIrrep> out = new ArrayList<>();
        for (MulIrrep b : blocks) {
            if (b.mul() == 0) continue;
            int last = out.size() - 1;
            if (last >= 0 && out.get(last).irrep().equals(b.irrep())) {
                out.set(last, new MulIrrep(out.get(last).mul() + b.mul(), b.irrep()));
            } else {
                out.add(b);
            }
        }
        return new Irreps(out);
    }

    /**
     * Blocks sorted by irrep (stable), with the permutation that did it.
     *
     * @return the sorted irreps and the permutations between old and new block positions
     */
    public Sorted sort() {
        Integer[] order = new Integer[blocks.size()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        Arrays.sort(order, Comparator.comparing((Integer i) -> blocks.get(i).irrep()));
        List<MulIrrep> sorted = new ArrayList<>();
        int[] inverse = new int[order.length];
        int[] perm = new int[order.length];
        for (int newIndex = 0; newIndex < order.length; newIndex++) {
            sorted.add(blocks.get(order[newIndex]));
            inverse[newIndex] = order[newIndex];
            perm[order[newIndex]] = newIndex;
        }
        return new Sorted(new Irreps(sorted), perm, inverse);
    }

    /** Result of {@link #sort()}: {@code permutation[old] = new}, {@code inverse[new] = old} (e3nn's p, inv). */
    public static final class Sorted {
        private final Irreps irreps;
        private final int[] permutation;
        private final int[] inverse;

        Sorted(Irreps irreps, int[] permutation, int[] inverse) {
            this.irreps = irreps;
            this.permutation = permutation;
            this.inverse = inverse;
        }

        /**
         * The irreps with their blocks sorted.
         *
         * @return the sorted irreps
         */
        public Irreps irreps() {
            return irreps;
        }

        /**
         * {@code permutation()[oldBlock]} is the block's new position.
         *
         * @return a copy of the permutation, indexed by old block position
         */
        public int[] permutation() {
            return permutation.clone();
        }

        /**
         * {@code inverse()[newBlock]} is the block's old position.
         *
         * @return a copy of the inverse permutation, indexed by new block position
         */
        public int[] inverse() {
            return inverse.clone();
        }
    }

    @Override
    public Iterator<MulIrrep> iterator() {
        return blocks.iterator();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Irreps && ((Irreps) o).blocks.equals(blocks);
    }

    @Override
    public int hashCode() {
        return blocks.hashCode();
    }

    /** e3nn's canonical form, e.g. {@code 32x0e+16x1o}; parses back to an equal object. */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (MulIrrep b : blocks) {
            if (sb.length() > 0) sb.append('+');
            sb.append(b);
        }
        return sb.toString();
    }
}
