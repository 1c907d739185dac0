package org.equikern.group;

import java.util.Locale;

/**
 * How the components of one feature vector of some {@link Irreps} are ordered in memory. Blocks
 * always follow each other in the irreps' order, at {@link Irreps#offset(int)}; the layouts differ
 * inside a block of {@code mul} copies of a {@code 2l+1}-dimensional irrep:
 * <ul>
 *   <li>{@link #MUL_IR} (e3nn): {@code [mul][2l+1]}, the components of one channel contiguous;</li>
 *   <li>{@link #IR_MUL} (cuEquivariance): {@code [2l+1][mul]}, the channels of one component
 *       contiguous.</li>
 * </ul>
 * Scalars ({@code l = 0}) and blocks of multiplicity 1 are stored the same way in both. Converting
 * is a permutation, so it is exact in every precision.
 */
public enum IrrepsLayout {
    /** e3nn's layout: per block, channel-major ({@code [mul][2l+1]}). */
    MUL_IR,
    /** cuEquivariance's layout: per block, component-major ({@code [2l+1][mul]}), channels contiguous. */
    IR_MUL;

    /**
     * The layout's name as e3nn and cuEquivariance write it.
     *
     * @return {@code "mul_ir"} or {@code "ir_mul"}
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The layout named {@code label} ({@code "mul_ir"} or {@code "ir_mul"}, any case).
     *
     * @param label the name
     * @return the layout
     * @throws IllegalArgumentException for any other name
     */
    public static IrrepsLayout parse(String label) {
        for (IrrepsLayout layout : values()) {
            if (layout.label().equalsIgnoreCase(label)) return layout;
        }
        throw new IllegalArgumentException("unknown irreps layout '" + label + "'; known: mul_ir, ir_mul");
    }

    /**
     * Where component {@code component} of channel {@code channel} of block {@code block} lies in
     * one feature vector of {@code irreps} in this layout.
     *
     * @param irreps the irreps
     * @param block the block index, below {@link Irreps#size()}
     * @param channel the channel, below the block's multiplicity
     * @param component the component, below the irrep's dimension {@code 2l+1}
     * @return the offset in the vector, below {@link Irreps#dim()}
     * @throws IllegalArgumentException when an index is out of its range
     */
    public int position(Irreps irreps, int block, int channel, int component) {
        if (block < 0 || block >= irreps.size()) {
            throw new IllegalArgumentException("block " + block + " out of range [0, " + irreps.size() + ")");
        }
        MulIrrep b = irreps.get(block);
        int dim = b.irrep().dim();
        if (channel < 0 || channel >= b.mul()) {
            throw new IllegalArgumentException("channel " + channel + " out of range [0, " + b.mul() + ") of block "
                    + block + " (" + b + ")");
        }
        if (component < 0 || component >= dim) {
            throw new IllegalArgumentException("component " + component + " out of range [0, " + dim + ") of block "
                    + block + " (" + b + ")");
        }
        int inBlock = this == MUL_IR ? channel * dim + component : component * b.mul() + channel;
        return irreps.offset(block) + inBlock;
    }

    /**
     * The gather that turns a vector of {@code irreps} in this layout into {@code target}:
     * {@code converted[k] = vector[gather[k]]}. The identity when the layouts are equal.
     *
     * @param irreps the irreps
     * @param target the layout wanted
     * @return {@link Irreps#dim()} source positions, one per target position
     */
    public int[] gatherTo(Irreps irreps, IrrepsLayout target) {
        int[] gather = new int[irreps.dim()];
        for (int block = 0; block < irreps.size(); block++) {
            MulIrrep b = irreps.get(block);
            for (int u = 0; u < b.mul(); u++) {
                for (int i = 0; i < b.irrep().dim(); i++) {
                    gather[target.position(irreps, block, u, i)] = position(irreps, block, u, i);
                }
            }
        }
        return gather;
    }

    /**
     * {@code rows} feature vectors of {@code irreps}, one after the other, converted from this
     * layout to {@code target}; exact.
     *
     * @param irreps the irreps of every row
     * @param rows the vectors, {@code rows.length} a multiple of {@link Irreps#dim()}
     * @param target the layout wanted
     * @return a new array, the same length
     * @throws IllegalArgumentException when the length is not a multiple of the dimension
     */
    public double[] convert(Irreps irreps, double[] rows, IrrepsLayout target) {
        int dim = irreps.dim();
        if (dim == 0 ? rows.length != 0 : rows.length % dim != 0) {
            throw new IllegalArgumentException("rows: length " + rows.length + " is not a multiple of irreps.dim "
                    + dim + " (" + irreps + ")");
        }
        int[] gather = gatherTo(irreps, target);
        double[] out = new double[rows.length];
        for (int base = 0; base < rows.length; base += dim) {
            for (int k = 0; k < dim; k++) out[base + k] = rows[base + gather[k]];
        }
        return out;
    }
}
