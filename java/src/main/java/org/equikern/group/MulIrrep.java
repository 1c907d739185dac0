package org.equikern.group;

/** One block of an {@link Irreps}: {@code mul} copies of an irrep, e.g. {@code 16x1o}. */
public final class MulIrrep {
    private final int mul;
    private final Irrep irrep;

    public MulIrrep(int mul, Irrep irrep) {
        if (mul < 0) {
            throw new IllegalArgumentException("multiplicity must be >= 0, got " + mul + " for " + irrep);
        }
        this.mul = mul;
        this.irrep = irrep;
    }

    public int mul() {
        return mul;
    }

    public Irrep irrep() {
        return irrep;
    }

    /** mul · (2l+1). */
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
