package org.equikern.data.jets;

/**
 * One 1 → 2 splitting of the shower: the parent's and the children's 4-momenta (E, p_x, p_y, p_z)
 * in the lab frame and the squared masses the children were drawn with.
 *
 * @param parent          the parent's 4-momentum
 * @param left            the first child's
 * @param right           the second child's
 * @param leftMassSquared t_L, the first child's drawn squared mass
 * @param rightMassSquared t_R, the second child's
 */
public record Splitting(double[] parent, double[] left, double[] right, double leftMassSquared,
        double rightMassSquared) {
    /**
     * Copies the arrays.
     *
     * @param parent the parent's 4-momentum
     * @param left the first child's 4-momentum
     * @param right the second child's 4-momentum
     * @param leftMassSquared t_L in GeV²
     * @param rightMassSquared t_R in GeV²
     */
    public Splitting {
        parent = parent.clone();
        left = left.clone();
        right = right.clone();
    }

    /**
     * The parent's 4-momentum (a copy).
     *
     * @return a new array
     */
    @Override
    public double[] parent() {
        return parent.clone();
    }

    /**
     * The first child's 4-momentum (a copy).
     *
     * @return a new array
     */
    @Override
    public double[] left() {
        return left.clone();
    }

    /**
     * The second child's 4-momentum (a copy).
     *
     * @return a new array
     */
    @Override
    public double[] right() {
        return right.clone();
    }
}
