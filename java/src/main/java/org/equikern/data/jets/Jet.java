package org.equikern.data.jets;

/**
 * One generated jet: its constituents' 4-momenta (E, p_x, p_y, p_z in GeV, by decreasing energy) and
 * whether it is signal. Immutable.
 */
public final class Jet {
    private final double[] momenta;
    private final boolean signal;

    /**
     * @param momenta 4 values per constituent (copied)
     * @param signal  the label
     * @throws IllegalArgumentException unless momenta holds a whole, non-zero number of 4-vectors
     */
    public Jet(double[] momenta, boolean signal) {
        if (momenta == null || momenta.length == 0 || momenta.length % 4 != 0) {
            throw new IllegalArgumentException("a jet needs 4 values per constituent and at least one, got "
                    + (momenta == null ? "null" : momenta.length + " values"));
        }
        this.momenta = momenta.clone();
        this.signal = signal;
    }

    /**
     * The number of constituents.
     *
     * @return the count, ≥ 1
     */
    public int count() {
        return momenta.length / 4;
    }

    /**
     * The constituents' 4-momenta, 4 values each (a copy).
     *
     * @return a new array {@code [count][4]} as (E, px, py, pz)
     */
    public double[] momenta() {
        return momenta.clone();
    }

    /**
     * Whether this is a signal jet.
     *
     * @return true for signal
     */
    public boolean signal() {
        return signal;
    }

    /**
     * The jet's total 4-momentum.
     *
     * @return a new array (E, px, py, pz)
     */
    public double[] total() {
        double[] p = new double[4];
        for (int i = 0; i < momenta.length; i++) p[i % 4] += momenta[i];
        return p;
    }

    /**
     * The jet's invariant mass √(E² − |p|²) (0 when the sum is space-like by round-off).
     *
     * @return the mass in GeV, ≥ 0
     */
    public double mass() {
        return Math.sqrt(Math.max(0, Kinematics.massSquared(total())));
    }
}
