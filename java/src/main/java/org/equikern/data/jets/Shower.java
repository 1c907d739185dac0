package org.equikern.data.jets;

import java.util.List;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * A soft-collinear parton shower in Ginkgo's mass-ordered form. A parent of squared mass t_P splits
 * into a hard child of squared mass t_H = t_P·u_H and a soft child of t_S = (√t_P − √t_H)²·z·u_S,
 * u drawn from an exponential of rate λ truncated to [0, 1] (a large λ orders the masses strongly, so
 * one hard core dominates). The soft child carries the energy fraction z of the parent, drawn with
 * density ∝ 1/z on [z_min, 1/2] (the soft enhancement of the Altarelli–Parisi kernels, cut off at
 * z_min); the factor z in t_S keeps a soft child's own splittings inside the angle it was emitted at
 * (colour coherence). The children leave back to back in the parent's rest frame at the polar angle
 * to the parent's flight direction that gives the soft child the fraction z in the lab (clamped to
 * what the masses allow), at a uniform azimuth, and are boosted back; a child below the cutoff t_cut
 * is a final constituent and keeps its mass. Every splitting conserves 4-momentum (to round-off).
 */
public final class Shower {
    private final double cutoffMassSquared;
    private final double rate;
    private final double softestFraction;

    /**
     * A shower that stops below {@code cutoffMassSquared}.
     *
     * @param cutoffMassSquared t_cut in GeV², positive and finite
     * @param rate              λ of the mass draws, positive and finite
     * @param softestFraction   z_min, the smallest energy fraction of a soft child, in (0, 1/2)
     * @throws IllegalArgumentException for the first argument out of range
     */
    public Shower(double cutoffMassSquared, double rate, double softestFraction) {
        if (!(cutoffMassSquared > 0) || Double.isInfinite(cutoffMassSquared)) {
            throw new IllegalArgumentException("shower cutoff t_cut = " + cutoffMassSquared
                    + ": must be positive and finite");
        }
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("shower rate = " + rate + ": must be positive and finite");
        }
        if (!(softestFraction > 0 && softestFraction < 0.5)) {
            throw new IllegalArgumentException("shower z_min = " + softestFraction + ": must be in (0, 0.5)");
        }
        this.cutoffMassSquared = cutoffMassSquared;
        this.rate = rate;
        this.softestFraction = softestFraction;
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
     * Showers {@code parent} (4-momentum of squared mass {@code massSquared}): appends the final
     * constituents to {@code leaves} and reports every splitting, hard child first, to {@code observer}.
     *
     * @param parent the 4-momentum (E, px, py, pz)
     * @param massSquared its squared mass t, in GeV²
     * @param random the source of randomness
     * @param leaves receives the final constituents
     * @param observer told about every splitting
     */
    public void evolve(double[] parent, double massSquared, RandomGenerator random, List<double[]> leaves,
            Consumer<Splitting> observer) {
        if (massSquared < cutoffMassSquared) {
            leaves.add(parent);
            return;
        }
        double hard = massSquared * truncatedExponential(rate, random);
        double z = softFraction(softestFraction, random);
        double soft = square(Math.sqrt(massSquared) - Math.sqrt(hard)) * z * truncatedExponential(rate, random);
        Splitting s = softSplitting(parent, massSquared, hard, soft, z, 2 * Math.PI * random.nextDouble());
        observer.accept(s);
        evolve(s.left(), hard, random, leaves, observer);
        evolve(s.right(), soft, random, leaves, observer);
    }

    /**
     * The isotropic two-body decay of {@code parent} (squared mass t_P) into children of squared masses
     * t_L and t_R, which must satisfy √t_L + √t_R ≤ √t_P: the decay of a resonance.
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
        return decay(parent, massSquared, leftMassSquared, rightMassSquared, Directions.isotropic(random));
    }

    /** The two-body decay with the left child along the unit vector {@code leftDirection} in the rest frame. */
    private static Splitting decay(double[] parent, double massSquared, double leftMassSquared,
            double rightMassSquared, double[] leftDirection) {
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
        double[] back = {-leftDirection[0], -leftDirection[1], -leftDirection[2]};
        double[] left = Kinematics.boostFromRest(parent, m, Kinematics.onShell(mLeft, momentum, leftDirection));
        double[] right = Kinematics.boostFromRest(parent, m, Kinematics.onShell(mRight, momentum, back));
        return new Splitting(parent, left, right, leftMassSquared, rightMassSquared);
    }

    /**
     * The splitting into a hard (left) and a soft (right) child whose lab energy is the fraction z of the
     * parent's: the soft child leaves at the rest-frame polar angle θ* to the parent's flight direction
     * that solves E_S = (E_P·E*_S + |P|·p*·cos θ*)/M = z·E_P, clamped to |cos θ*| ≤ 1, at azimuth φ.
     */
    static Splitting softSplitting(double[] parent, double massSquared, double hardMassSquared,
            double softMassSquared, double z, double phi) {
        double m = Math.sqrt(massSquared);
        double restEnergy = (massSquared + softMassSquared - hardMassSquared) / (2 * m);
        double restMomentum = Kinematics.twoBodyMomentum(m, Math.sqrt(hardMassSquared), Math.sqrt(softMassSquared));
        double flight = Math.sqrt(parent[1] * parent[1] + parent[2] * parent[2] + parent[3] * parent[3]);
        double denominator = flight * restMomentum;
        double cosTheta = denominator == 0 ? 0 : parent[0] * (z * m - restEnergy) / denominator;
        double[] soft = Directions.around(Directions.of(parent), Math.max(-1, Math.min(1, cosTheta)), phi);
        double[] hardDirection = {-soft[0], -soft[1], -soft[2]};
        return decay(parent, massSquared, hardMassSquared, softMassSquared, hardDirection);
    }

    /** u in [0, 1] with density ∝ e^(−λu), by inverting its distribution function. */
    static double truncatedExponential(double rate, RandomGenerator random) {
        return -Math.log1p(-random.nextDouble() * -Math.expm1(-rate)) / rate;
    }

    /** z in [z_min, 1/2] with density ∝ 1/z, by inverting its distribution function: z = z_min·(1/(2z_min))^v. */
    static double softFraction(double softestFraction, RandomGenerator random) {
        return softestFraction * Math.pow(0.5 / softestFraction, random.nextDouble());
    }

    private static double square(double x) {
        return x * x;
    }
}
