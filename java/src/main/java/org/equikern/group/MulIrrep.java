package org.equikern.group;

import java.util.Objects;
import org.equikern.check.HostArguments;

/**
 * One block of an {@link Irreps}: {@code mul} copies of an irrep, e.g. {@code 16x1o}; its
 * dimension is at most {@link HostArguments#MAX_ARRAY_LENGTH}.
 */
public final class MulIrrep {
    private final int mul;
    private final Irrep irrep;

    /**
     * A block of {@code mul} copies of {@code irrep}.
     *
     * @param mul the multiplicity, ≥ 0
     * @param irrep the irrep, not null
     * @throws IllegalArgumentException for a negative multiplicity or when mul·(2l+1) exceeds one Java
     *     array's length
     */
    public MulIrrep(int mul, Irrep irrep) {
        Objects.requireNonNull(irrep, "irrep");
        if (mul < 0) {
            throw new IllegalArgumentException("multiplicity must be >= 0, got " + mul + " for " + irrep);
        }
        long dim = (long) mul * irrep.dim();
        if (dim > HostArguments.MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException("block " + mul + "x" + irrep + " has dimension " + dim
                    + ", above the limit " + HostArguments.MAX_ARRAY_LENGTH + " (one Java array)");
        }
        this.mul = mul;
        this.irrep = irrep;
    }

    /**
     * The number of copies.
     *
     * @return the multiplicity, ≥ 0
     */
    public int mul() {
        return mul;
    }

    /**
     * The irrep repeated.
     *
     * @return the irrep
     */
    public Irrep irrep() {
        return irrep;
    }

    /**
     * mul · (2l+1).
     *
     * @return the block's dimension
     */
    public int dim() {
        return mul * irrep.dim();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MulIrrep && ((MulIrrep) o).mul == mul && ((MulIrrep) o).irrep.equals(irrep);
    }

    @Override
    public int hashCode() {
        return 31 * mul + irrep.hashCode();
    }

    @Override
    public String toString() {
        return mul + "x" + irrep;
    }
}
