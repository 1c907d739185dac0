package org.equikern.train;

/**
 * Energy and force errors accumulated over batches, as NequIP and MACE report them: energy MAE
 * and RMSE per atom (over structures, of (E − E^ref)/n), force MAE and RMSE over all force
 * components. Sums are kept in float64, so the result does not depend on how the data was batched
 * beyond round-off.
 */
public final class EnergyForceMetrics {
    private long structures;
    private long components;
    private double energyAbs;
    private double energySq;
    private double forceAbs;
    private double forceSq;

    /**
     * Adds one batch (shapes as {@link EnergyForceLoss#evaluate}).
     *
     * @param numAtoms atoms per structure
     * @param predEnergy predicted total energies
     * @param refEnergy reference total energies
     * @param predForces predicted forces, atom-major
     * @param refForces reference forces
     * @throws IllegalArgumentException when the lengths do not match
     */
    public void add(int[] numAtoms, double[] predEnergy, double[] refEnergy, double[] predForces, double[] refForces) {
        BatchShapes.check(numAtoms, predEnergy, refEnergy, predForces, refForces);
        for (int i = 0; i < numAtoms.length; i++) {
            double r = (predEnergy[i] - refEnergy[i]) / numAtoms[i];
            energyAbs += Math.abs(r);
            energySq += r * r;
        }
        for (int k = 0; k < predForces.length; k++) {
            double r = predForces[k] - refForces[k];
            forceAbs += Math.abs(r);
            forceSq += r * r;
        }
        structures += numAtoms.length;
        components += predForces.length;
    }

    /**
     * Adds one batch's error sums computed elsewhere (on a device, by {@code EnergyForceLossOp}): the same
     * totals {@link #add} accumulates.
     *
     * @param structures the structures of the batch, ≥ 1
     * @param components its force components, ≥ 1
     * @param energyAbs Σ_s |E_s − E_s^ref| / n_s
     * @param energySq Σ_s ((E_s − E_s^ref) / n_s)²
     * @param forceAbs Σ |F − F^ref|
     * @param forceSq Σ (F − F^ref)²
     * @throws IllegalArgumentException for a count below 1
     */
    public void addSums(int structures, int components, double energyAbs, double energySq, double forceAbs,
            double forceSq) {
        if (structures < 1 || components < 1) {
            throw new IllegalArgumentException("EnergyForceMetrics.addSums: structures = " + structures
                    + ", components = " + components + ": both must be >= 1");
        }
        this.structures += structures;
        this.components += components;
        this.energyAbs += energyAbs;
        this.energySq += energySq;
        this.forceAbs += forceAbs;
        this.forceSq += forceSq;
    }

    /** Forgets everything added (start of an epoch). */
    public void reset() {
        structures = 0;
        components = 0;
        energyAbs = 0;
        energySq = 0;
        forceAbs = 0;
        forceSq = 0;
    }

    /**
     * Structures added so far.
     *
     * @return the count
     */
    public long structures() {
        return structures;
    }

    /**
     * Mean |ΔE|/n over structures.
     *
     * @return the MAE per atom
     * @throws IllegalStateException before any batch
     */
    public double energyMaePerAtom() {
        return energyAbs / requireData();
    }

    /**
     * √(mean (ΔE/n)²) over structures.
     *
     * @return the RMSE per atom
     * @throws IllegalStateException before any batch
     */
    public double energyRmsePerAtom() {
        return Math.sqrt(energySq / requireData());
    }

    /**
     * Mean |ΔF| over force components.
     *
     * @return the MAE
     * @throws IllegalStateException before any batch
     */
    public double forcesMae() {
        requireData();
        return forceAbs / components;
    }

    /**
     * √(mean ΔF²) over force components.
     *
     * @return the RMSE
     * @throws IllegalStateException before any batch
     */
    public double forcesRmse() {
        requireData();
        return Math.sqrt(forceSq / components);
    }

    private long requireData() {
        if (structures == 0) {
            throw new IllegalStateException("no structures added since the last reset()");
        }
        return structures;
    }
}
