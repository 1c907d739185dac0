package org.equikern.train;

/**
 * The loss and errors of a model over one data set: the mean batch loss (weighted by structures),
 * energy MAE and RMSE per atom, force MAE and RMSE over components.
 *
 * @param loss             mean loss
 * @param energyMaePerAtom mean |ΔE|/n
 * @param energyRmsePerAtom √(mean (ΔE/n)²)
 * @param forcesMae        mean |ΔF|
 * @param forcesRmse       √(mean ΔF²)
 */
public record ErrorSummary(double loss, double energyMaePerAtom, double energyRmsePerAtom, double forcesMae,
        double forcesRmse) {
    /** Column suffixes of {@link #values()}. */
    public static final String[] NAMES = {"loss", "e_mae_per_atom", "e_rmse_per_atom", "f_mae", "f_rmse"};

    /** Summarizes accumulated metrics with the mean loss {@code loss}. */
    static ErrorSummary of(double loss, EnergyForceMetrics metrics) {
        return new ErrorSummary(loss, metrics.energyMaePerAtom(), metrics.energyRmsePerAtom(), metrics.forcesMae(),
                metrics.forcesRmse());
    }

    /**
     * The values in the order of {@link #NAMES}.
     *
     * @return a new array of 5 values
     */
    public double[] values() {
        return new double[] {loss, energyMaePerAtom, energyRmsePerAtom, forcesMae, forcesRmse};
    }
}
