package org.equikern.data.jets;

import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Ginkgo's toy parton shower: a parent of squared mass t_P splits into children of squared masses
 * t_L = t_P·u_L and t_R = (√t_P − √t_L)²·u_R, u drawn from an exponential of rate λ truncated to
 * [0, 1]; the children leave back to back with the two-body momentum in a uniformly random
 * direction of the parent's rest frame and are boosted back; a child below the cutoff t_cut is a
 * final constituent and keeps its mass. Every splitting conserves 4-momentum (to round-off).
 */
public final class Shower {
    private final double cutoffMassSquared;

    /**
     * A shower that stops below {@code cutoffMassSquared}.
     *
     * @param cutoffMassSquared t_cut in GeV²
     * @throws IllegalArgumentException unless t_cut is positive and finite
     */
    public Shower(double cutoffMassSquared) {
        if (!(cutoffMassSquared > 0) || Double.isInfinite(cutoffMassSquared)) {
            throw new IllegalArgumentException("shower cutoff t_cut = " + cutoffMassSquared
                    + ": must be positive and finite");
        }
        this.cutoffMassSquared = cutoffMassSquared;
    }

    /**
     * t_cut, the squared mass below which a particle does not split.
     *
     * @return t_cut in GeV²
     */
    public double cutoffMassSquared() {
        return cutoffMassSquared;
    }

    /**
     * Showers {@code parent} (4-momentum of squared mass {@code massSquared}) with rate λ: appends the
     * final constituents to {@code leaves} and reports every splitting to {@code observer}.
     *
     * @param parent the 4-momentum (E, px, py, pz)
     * @param massSquared its squared mass t, in GeV²
     * @param rate λ of the splittings
     * @param random the source of randomness
     * @param leaves receives the final constituents
     * @param observer told about every splitting
     */
    public void evolve(double[] parent, double massSquared, double rate, RandomGenerator random, List<double[]> leaves,
            Consumer<Splitting> observer) {
        if (massSquared < cutoffMassSquared) {
            leaves.add(parent);
            return;
        }
        double left = massSquared * truncatedExponential(rate, random);
        double right = square(Math.sqrt(massSquared) - Math.sqrt(left)) * truncatedExponential(rate, random);
        Splitting s = decay(parent, massSquared, left, right, random);
        observer.accept(s);
        evolve(s.left(), left, rate, random, leaves, observer);
        evolve(s.right(), right, rate, random, leaves, observer);
    }

    /**
     * The isotropic two-body decay of {@code parent} (squared mass t_P) into children of squared masses
     * t_L and t_R, which must satisfy √t_L + √t_R ≤ √t_P.
     *
     * @param parent the 4-momentum (E, px, py, pz)
     * @param massSquared t_P in GeV², &gt; 0
     * @param leftMassSquared t_L in GeV², ≥ 0
     * @param rightMassSquared t_R in GeV², ≥ 0
     * @param random the source of the decay direction
     * @return the splitting, children in the lab frame
     * @throws IllegalArgumentException when the children are heavier than the parent or t_P ≤ 0
     */
    public static Splitting decay(double[] parent, double massSquared, double leftMassSquared,
            double rightMassSquared, RandomGenerator random) {
        if (!(massSquared > 0) || !(leftMassSquared >= 0) || !(rightMassSquared >= 0)) {
            throw new IllegalArgumentException("decay needs t_P > 0 and t_L, t_R >= 0, got " + massSquared + ", "
                    + leftMassSquared + ", " + rightMassSquared);
        }
        double m = Math.sqrt(massSquared);
        double mLeft = Math.sqrt(leftMassSquared);
        double mRight = Math.sqrt(rightMassSquared);
        if (mLeft + mRight > m) {
            throw new IllegalArgumentException("decay of mass " + m + " into " + mLeft + " + " + mRight
                    + ": the children are heavier than the parent");
        }
        double momentum = Kinematics.twoBodyMomentum(m, mLeft, mRight);
        double[] n = Directions.isotropic(random);
        double[] back = {-n[0], -n[1], -n[2]};
        double[] left = Kinematics.boostFromRest(parent, m, Kinematics.onShell(mLeft, momentum, n));
        double[] right = Kinematics.boostFromRest(parent, m, Kinematics.onShell(mRight, momentum, back));
        return new Splitting(parent, left, right, leftMassSquared, rightMassSquared);
    }

    /** u in [0, 1] with density ∝ e^(−λu), by inverting its distribution function. */
    static double truncatedExponential(double rate, RandomGenerator random) {
        return -Math.log1p(-random.nextDouble() * -Math.expm1(-rate)) / rate;
    }

    private static double square(double x) {
        return x * x;
    }
}
