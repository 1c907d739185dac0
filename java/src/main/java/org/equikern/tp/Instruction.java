package org.equikern.tp;

import java.util.Objects;

/**
 * One path of a tensor product, as e3nn's instruction tuple {@code (i_in1, i_in2, i_out, mode,
 * has_weight, path_weight)}: block {@code in1} of the first input times block {@code in2} of the
 * second, added into block {@code out} of the output. Immutable. Whether the indices and
 * multiplicities fit the irreps is checked by {@link TensorProductSpec}.
 */
public final class Instruction {
    private final int in1;
    private final int in2;
    private final int out;
    private final Mode mode;
    private final boolean hasWeight;
    private final double pathWeight;

    private Instruction(int in1, int in2, int out, Mode mode, boolean hasWeight, double pathWeight) {
        this.in1 = in1;
        this.in2 = in2;
        this.out = out;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.hasWeight = hasWeight;
        this.pathWeight = pathWeight;
    }

    /**
     * An instruction with path weight 1 (e3nn's default).
     *
     * @param in1 block index into the first input's irreps
     * @param in2 block index into the second input's irreps
     * @param out block index into the output irreps
     * @param mode how the multiplicities are connected
     * @param hasWeight whether the path has learnable weights
     * @return the instruction (checked against the irreps when the spec is built)
     */
    public static Instruction of(int in1, int in2, int out, Mode mode, boolean hasWeight) {
        return new Instruction(in1, in2, out, mode, hasWeight, 1.0);
    }

    /**
     * An instruction with an explicit path weight (a fixed factor under the coefficient's square root).
     *
     * @param in1 block index into the first input's irreps
     * @param in2 block index into the second input's irreps
     * @param out block index into the output irreps
     * @param mode how the multiplicities are connected
     * @param hasWeight whether the path has learnable weights
     * @param pathWeight the factor, finite and ≥ 0 (checked when the spec is built)
     * @return the instruction (checked against the irreps when the spec is built)
     */
    public static Instruction of(int in1, int in2, int out, Mode mode, boolean hasWeight, double pathWeight) {
        return new Instruction(in1, in2, out, mode, hasWeight, pathWeight);
    }

    /**
     * Block index into the first input's irreps.
     *
     * @return the block index, ≥ 0
     */
    public int in1() {
        return in1;
    }

    /**
     * Block index into the second input's irreps.
     *
     * @return the block index, ≥ 0
     */
    public int in2() {
        return in2;
    }

    /**
     * Block index into the output irreps.
     *
     * @return the block index, ≥ 0
     */
    public int out() {
        return out;
    }

    /**
     * How the multiplicities are connected.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Whether this path consumes learnable weights (its {@code path_shape} block of the weight vector).
     *
     * @return whether the path is weighted
     */
    public boolean hasWeight() {
        return hasWeight;
    }

    /**
     * The user's path weight (default 1), multiplied into alpha before the square root.
     *
     * @return the path weight
     */
    public double pathWeight() {
        return pathWeight;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Instruction)) return false;
        Instruction i = (Instruction) o;
        return in1 == i.in1 && in2 == i.in2 && out == i.out && mode == i.mode && hasWeight == i.hasWeight
                && Double.compare(pathWeight, i.pathWeight) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(in1, in2, out, mode, hasWeight, pathWeight);
    }

    /** e3nn's tuple form, e.g. {@code (0, 1, 2, 'uvw', true, 1.0)}. */
    @Override
    public String toString() {
        return "(" + in1 + ", " + in2 + ", " + out + ", '" + mode.text() + "', " + hasWeight + ", " + pathWeight + ")";
    }
}
