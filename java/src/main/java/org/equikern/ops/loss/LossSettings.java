package org.equikern.ops.loss;

/**
 * The fixed settings of {@link EnergyForceLossOp}: the weights of the per-atom energy term and of the force
 * term, and the Huber threshold δ (NaN for mean squared errors), as {@code org.equikern.train.EnergyForceLoss}
 * holds them.
 *
 * @param energyWeight w_E, finite and ≥ 0
 * @param forcesWeight w_F, finite and ≥ 0
 * @param huberDelta δ, finite and &gt; 0 for the Huber loss, NaN for mean squared errors
 */
public record LossSettings(double energyWeight, double forcesWeight, double huberDelta) {
    /**
     * Validates the settings.
     *
     * @param energyWeight w_E, finite and ≥ 0
     * @param forcesWeight w_F, finite and ≥ 0
     * @param huberDelta δ, finite and &gt; 0, or NaN
     * @throws IllegalArgumentException for a weight that is negative or not finite, or a δ that is neither NaN
     *     nor finite and &gt; 0
     */
    public LossSettings {
        checkWeight("energyWeight", energyWeight);
        checkWeight("forcesWeight", forcesWeight);
        if (!Double.isNaN(huberDelta) && !(huberDelta > 0 && huberDelta < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("LossSettings: huberDelta = " + huberDelta
                    + ": must be finite and > 0 (or NaN for mean squared errors)");
        }
    }

    private static void checkWeight(String name, double value) {
        if (!(value >= 0 && value < Double.POSITIVE_INFINITY)) {
            throw new IllegalArgumentException("LossSettings: " + name + " = " + value + ": must be finite and >= 0");
        }
    }

    /**
     * Whether the loss is the Huber function rather than squared errors.
     *
     * @return whether δ is a number
     */
    public boolean huber() {
        return !Double.isNaN(huberDelta);
    }
}
