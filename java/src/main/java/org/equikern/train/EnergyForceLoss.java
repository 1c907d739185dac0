package org.equikern.train;

/**
 * The training loss of NequIP and MACE for a batch of S structures with N atoms in all:
 * <pre>
 *   L = w_E · mean_s ρ(E_s/n_s − E_s^ref/n_s) + w_F · mean_{a,c} ρ(F_ac − F_ac^ref)
 * </pre>
 * with ρ(x) = x² (mean squared error) or PyTorch's Huber function ({@code torch.nn.HuberLoss}):
 * ρ(x) = ½x² for |x| &lt; δ, δ(|x| − ½δ) otherwise. The energy term is per atom (n_s atoms in
 * structure s); the force mean runs over all 3N components. {@link #evaluate} returns L and its
 * gradient with respect to the predicted energies and forces, the seed of the model's backward.
 */
public final class EnergyForceLoss {
    private final double energyWeight;
    private final double forcesWeight;
    private final double huberDelta;

    private EnergyForceLoss(double energyWeight, double forcesWeight, double huberDelta) {
        Optimizer.checkRange("energy_weight", energyWeight, 0, Double.MAX_VALUE, true);
        Optimizer.checkRange("forces_weight", forcesWeight, 0, Double.MAX_VALUE, true);
        this.energyWeight = energyWeight;
        this.forcesWeight = forcesWeight;
        this.huberDelta = huberDelta;
    }

    /**
     * Weighted mean squared errors.
     *
     * @param energyWeight the weight of the energy term (per atom), ≥ 0
     * @param forcesWeight the weight of the force term, ≥ 0
     * @return the loss
     * @throws IllegalArgumentException for a negative or non-finite weight
     */
    public static EnergyForceLoss mse(double energyWeight, double forcesWeight) {
        return new EnergyForceLoss(energyWeight, forcesWeight, Double.NaN);
    }

    /**
     * Weighted Huber losses with threshold {@code delta > 0}.
     *
     * @param energyWeight the weight of the energy term (per atom), ≥ 0
     * @param forcesWeight the weight of the force term, ≥ 0
     * @param delta the threshold between quadratic and linear, finite and &gt; 0
     * @return the loss
     * @throws IllegalArgumentException for a weight or a threshold out of range
     */
    public static EnergyForceLoss huber(double energyWeight, double forcesWeight, double delta) {
        if (!(delta > 0) || Double.isInfinite(delta)) {
            throw new IllegalArgumentException("huber delta = " + delta + ": must be finite and > 0");
        }
        return new EnergyForceLoss(energyWeight, forcesWeight, delta);
    }

    /**
     * The weight of the per-atom energy term.
     *
     * @return w_E
     */
    public double energyWeight() {
        return energyWeight;
    }

    /**
     * The weight of the force term.
     *
     * @return w_F
     */
    public double forcesWeight() {
        return forcesWeight;
    }

    /**
     * The Huber threshold.
     *
     * @return δ, or NaN for mean squared errors
     */
    public double huberDelta() {
        return huberDelta;
    }

    /** The loss value and its gradients with respect to the predictions. */
    public static final class Result {
        private final double value;
        private final double[] gradEnergy;
        private final double[] gradForces;

        Result(double value, double[] gradEnergy, double[] gradForces) {
            this.value = value;
            this.gradEnergy = gradEnergy;
            this.gradForces = gradForces;
        }

        /**
         * The loss of the batch.
         *
         * @return L
         */
        public double value() {
            return value;
        }

        /**
         * ∂L/∂E_s, one per structure.
         *
         * @return the array (not a copy)
         */
        public double[] gradEnergy() {
            return gradEnergy;
        }

        /**
         * ∂L/∂F, laid out as the forces (atom-major, x y z).
         *
         * @return the array (not a copy)
         */
        public double[] gradForces() {
            return gradForces;
        }
    }

    /**
     * Evaluates the loss of one batch.
     *
     * @param numAtoms atoms per structure (S values ≥ 1)
     * @param predEnergy predicted total energies (S)
     * @param refEnergy reference total energies (S)
     * @param predForces predicted forces (3N, atom-major)
     * @param refForces reference forces (3N)
     * @return the loss and its gradients with respect to the predictions
     * @throws IllegalArgumentException when the lengths do not match
     */
    public Result evaluate(int[] numAtoms, double[] predEnergy, double[] refEnergy, double[] predForces,
            double[] refForces) {
        BatchShapes.check(numAtoms, predEnergy, refEnergy, predForces, refForces);
        int s = numAtoms.length;
        double[] gradEnergy = new double[s];
        double energyTerm = 0;
        for (int i = 0; i < s; i++) {
            double r = predEnergy[i] / numAtoms[i] - refEnergy[i] / numAtoms[i];
            energyTerm += rho(r);
            gradEnergy[i] = energyWeight * rhoPrime(r) / s / numAtoms[i];
        }
        int n = predForces.length;
        double[] gradForces = new double[n];
        double forceTerm = 0;
        for (int k = 0; k < n; k++) {
            double r = predForces[k] - refForces[k];
            forceTerm += rho(r);
            gradForces[k] = forcesWeight * rhoPrime(r) / n;
        }
        double value = energyWeight * (energyTerm / s) + forcesWeight * (forceTerm / n);
        return new Result(value, gradEnergy, gradForces);
    }

    private boolean isHuber() {
        return !Double.isNaN(huberDelta);
    }

    private double rho(double r) {
        if (!isHuber()) {
            return r * r;
        }
        double z = Math.abs(r);
        return z < huberDelta ? 0.5 * z * z : huberDelta * (z - 0.5 * huberDelta);
    }

    private double rhoPrime(double r) {
        if (!isHuber()) {
            return 2 * r;
        }
        return Math.max(-huberDelta, Math.min(huberDelta, r));
    }
}
