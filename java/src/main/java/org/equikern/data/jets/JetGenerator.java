package org.equikern.data.jets;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;

/**
 * Generates labelled jets: a root of mass m (Gaussian around the signal's mass, the same for signal
 * and background) and lab momentum uniform in [p_min, p_max] in a uniform direction. Signal roots
 * decay as resonances, isotropically in their rest frame ({@link Shower#decay}): W-like roots into two
 * light prongs, top-like roots into a W-like particle (mass Gaussian around 80.4 GeV) that does the
 * same and a b prong, so a top-like jet has three hard prongs at wide angles, two of them making the
 * W mass. Each prong's squared mass is its parent's times u from the truncated exponential of the
 * prong rate (small: narrow prongs), and each prong then showers with the soft-collinear
 * {@link Shower}. QCD-like roots shower from the root mass with the same shower, so one hard core
 * with soft, mostly collinear emissions makes up their mass. Jets whose constituent count falls
 * outside the range are drawn again; each constituent's 4-momentum is optionally scaled by
 * 1 + σ·N(0, 1) (resolution).
 */
public final class JetGenerator {
    /** The W-like daughter of a top-like root: mass and spread (GeV). */
    private static final double W_MASS = 80.4;
    private static final double W_SPREAD = 2.1;
    private static final int MAX_ATTEMPTS = 10_000;

    /**
     * The generator's knobs.
     *
     * @param cutoffMassSquared t_cut (GeV²): particles below it do not split
     * @param qcdRate           λ of the shower's mass draws (smaller: heavier children, more splittings)
     * @param softestFraction   z_min of the shower, the smallest energy fraction of a soft emission
     * @param prongRate         λ of the signal prongs' masses (larger: lighter, narrower prongs)
     * @param momentumMin       smallest lab momentum of a jet (GeV)
     * @param momentumMax       largest lab momentum of a jet (GeV)
     * @param minConstituents   fewest constituents a kept jet has
     * @param maxConstituents   most constituents a kept jet has
     * @param smearing          σ of the per-constituent momentum scaling (0 for none)
     */
    public record Settings(double cutoffMassSquared, double qcdRate, double softestFraction, double prongRate,
            double momentumMin, double momentumMax, int minConstituents, int maxConstituents, double smearing) {
        /** The settings the jet figures use: 10–50 constituents, 400–1000 GeV, no smearing. */
        public static final Settings DEFAULT = new Settings(0.1, 8.0, 0.01, 80.0, 400, 1000, 10, 50, 0);

        /**
         * Checks every field.
         *
         * @param cutoffMassSquared positive and finite
         * @param qcdRate positive and finite
         * @param softestFraction in (0, 1/2)
         * @param prongRate positive and finite
         * @param momentumMin positive and finite
         * @param momentumMax finite and ≥ momentumMin
         * @param minConstituents ≥ 1
         * @param maxConstituents ≥ minConstituents
         * @param smearing in [0, 1)
         * @throws IllegalArgumentException for the first field out of range
         */
        public Settings {
            positive("cutoffMassSquared", cutoffMassSquared);
            positive("qcdRate", qcdRate);
            if (!(softestFraction > 0 && softestFraction < 0.5)) {
                throw new IllegalArgumentException("softestFraction = " + softestFraction + ": must be in (0, 0.5)");
            }
            positive("prongRate", prongRate);
            positive("momentumMin", momentumMin);
            if (!(momentumMax >= momentumMin) || Double.isInfinite(momentumMax)) {
                throw new IllegalArgumentException("momentumMax = " + momentumMax + ": must be finite and >= momentumMin = "
                        + momentumMin);
            }
            if (minConstituents < 1 || maxConstituents < minConstituents) {
                throw new IllegalArgumentException("constituent range " + minConstituents + ".." + maxConstituents
                        + ": need 1 <= min <= max");
            }
            if (!(smearing >= 0 && smearing < 1)) {
                throw new IllegalArgumentException("smearing = " + smearing + ": must be in [0, 1)");
            }
        }

        /**
         * A copy with the given smearing σ.
         *
         * @param sigma the smearing σ, in [0, 1)
         * @return the new settings
         * @throws IllegalArgumentException for σ out of range
         */
        public Settings withSmearing(double sigma) {
            return new Settings(cutoffMassSquared, qcdRate, softestFraction, prongRate, momentumMin, momentumMax,
                    minConstituents, maxConstituents, sigma);
        }

        private static void positive(String name, double value) {
            if (!(value > 0) || Double.isInfinite(value)) {
                throw new IllegalArgumentException(name + " = " + value + ": must be positive and finite");
            }
        }
    }

    private final Settings settings;
    private final Shower shower;

    /**
     * A generator with these settings.
     *
     * @param settings the knobs
     */
    public JetGenerator(Settings settings) {
        this.settings = settings;
        this.shower = new Shower(settings.cutoffMassSquared(), settings.qcdRate(), settings.softestFraction());
    }

    /**
     * The settings.
     *
     * @return the settings
     */
    public Settings settings() {
        return settings;
    }

    /**
     * {@code count} jets from {@code seed}, alternately signal and background (signal first), the same
     * jets for the same seed.
     *
     * @param signal the resonance of the signal jets
     * @param count the number of jets, ≥ 0
     * @param seed the seed
     * @return the jets, in order
     * @throws IllegalArgumentException for a negative count
     */
    public List<Jet> sample(Signal signal, int count, long seed) {
        if (count < 0) throw new IllegalArgumentException("jet count = " + count + ": must be >= 0");
        SplittableRandom random = new SplittableRandom(seed);
        List<Jet> jets = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            jets.add(generate(signal, i % 2 == 0, random, s -> { }));
        }
        return jets;
    }

    /**
     * One jet: signal from {@code signal}'s resonance or QCD-like background in its mass window;
     * {@code observer} sees every splitting of the jet that is kept.
     *
     * @param signal the resonance (and background mass window)
     * @param isSignal whether to make a signal jet
     * @param random the source of randomness
     * @param observer told about each kept splitting
     * @return the jet
     * @throws IllegalStateException when {@value #MAX_ATTEMPTS} draws all fall outside the constituent range
     */
    public Jet generate(Signal signal, boolean isSignal, RandomGenerator random, Consumer<Splitting> observer) {
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            List<Splitting> splittings = new ArrayList<>();
            List<double[]> leaves = new ArrayList<>();
            double mass = Math.max(1, signal.mass() + signal.spread() * random.nextGaussian());
            double momentum = settings.momentumMin()
                    + (settings.momentumMax() - settings.momentumMin()) * random.nextDouble();
            double[] root = Kinematics.onShell(mass, momentum, Directions.isotropic(random));
            if (!isSignal) {
                shower.evolve(root, mass * mass, random, leaves, splittings::add);
            } else if (signal == Signal.W) {
                twoProngs(root, mass * mass, random, leaves, splittings::add);
            } else {
                threeProngs(root, mass * mass, random, leaves, splittings::add);
            }
            if (leaves.size() >= settings.minConstituents() && leaves.size() <= settings.maxConstituents()) {
                splittings.forEach(observer);
                return new Jet(constituents(leaves, random), isSignal);
            }
        }
        throw new IllegalStateException(MAX_ATTEMPTS + " " + signal + (isSignal ? " signal" : " background")
                + " jets all had constituent counts outside " + settings.minConstituents() + ".."
                + settings.maxConstituents() + "; adjust t_cut = " + settings.cutoffMassSquared() + " or the rates");
    }

    /** A W-like decay into two light prongs, each then showering. */
    private void twoProngs(double[] root, double massSquared, RandomGenerator random, List<double[]> leaves,
            Consumer<Splitting> observer) {
        double left = massSquared * Shower.truncatedExponential(settings.prongRate(), random);
        double right = square(Math.sqrt(massSquared) - Math.sqrt(left))
                * Shower.truncatedExponential(settings.prongRate(), random);
        Splitting s = Shower.decay(root, massSquared, left, right, random);
        observer.accept(s);
        shower.evolve(s.left(), left, random, leaves, observer);
        shower.evolve(s.right(), right, random, leaves, observer);
    }

    /** A top-like decay into a W-like particle (then {@link #twoProngs}) and a light b prong, which showers. */
    private void threeProngs(double[] root, double massSquared, RandomGenerator random, List<double[]> leaves,
            Consumer<Splitting> observer) {
        double m = Math.sqrt(massSquared);
        double w = Math.min(W_MASS + W_SPREAD * random.nextGaussian(), 0.9 * m);
        double b = square(m - w) * Shower.truncatedExponential(settings.prongRate(), random);
        Splitting s = Shower.decay(root, massSquared, w * w, b, random);
        observer.accept(s);
        twoProngs(s.left(), w * w, random, leaves, observer);
        shower.evolve(s.right(), b, random, leaves, observer);
    }

    /** The leaves, smeared if asked, by decreasing energy, flattened. */
    private double[] constituents(List<double[]> leaves, RandomGenerator random) {
        List<double[]> sorted = new ArrayList<>(leaves);
        if (settings.smearing() > 0) {
            for (int i = 0; i < sorted.size(); i++) {
                double factor = Math.max(0.05, 1 + settings.smearing() * random.nextGaussian());
                double[] p = sorted.get(i).clone();
                for (int mu = 0; mu < 4; mu++) p[mu] *= factor;
                sorted.set(i, p);
            }
        }
        sorted.sort(Comparator.comparingDouble((double[] p) -> p[0]).reversed());
        return sorted.stream().flatMapToDouble(Arrays::stream).toArray();
    }

    private static double square(double x) {
        return x * x;
    }
}
