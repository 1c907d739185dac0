package org.equikern.data.synthetic;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.equikern.data.AtomArray;
import org.equikern.data.ExtXyz;
import org.equikern.data.InfoValue;
import org.equikern.data.Structure;

/**
 * Generated training data with angles that matter: frames of Stillinger–Weber silicon sampled by
 * Langevin dynamics. Each trajectory starts from a periodic diamond cell, randomly strained and
 * with random vacancies, at one of the temperatures (in turn), equilibrates, then yields frames at
 * a fixed interval. Every frame carries the energy, the forces and the true per-atom energies
 * (array {@value #TRUE_ENERGIES}), with its temperature, vacancy count and trajectory as per-frame
 * values. The same settings and seed give the same frames, bit for bit.
 *
 * <pre>{@code
 * List<Structure> frames = SyntheticSilicon.generate(SyntheticSilicon.Settings.DEFAULT, 200, 7);
 * SyntheticSilicon.write(Path.of("si.extxyz"), frames);
 * }</pre>
 */
public final class SyntheticSilicon {
    /** The per-atom array holding the generator's per-atom energies (eV). */
    public static final String TRUE_ENERGIES = "true_energies";

    private SyntheticSilicon() {
    }

    /**
     * How frames are generated.
     *
     * @param cells               conventional diamond cells along each axis (8·cells³ atoms)
     * @param temperatures        thermostat temperatures in K, used in turn by successive trajectories
     * @param maxStrain           bound of each independent component of the random symmetric strain
     * @param maxVacancies        each trajectory removes between 0 and this many atoms
     * @param timeStep            in fs
     * @param friction            Langevin friction in 1/fs
     * @param equilibrationSteps  steps before a trajectory's first frame
     * @param sampleInterval      steps between frames
     * @param framesPerTrajectory frames taken from one trajectory
     */
    public record Settings(int cells, double[] temperatures, double maxStrain, int maxVacancies, double timeStep,
            double friction, int equilibrationSteps, int sampleInterval, int framesPerTrajectory) {
        /** 64 atoms, 300–1500 K, strain up to ±2 %, up to 2 vacancies, 1 fs, 0.02/fs, 10 frames 50 fs apart. */
        public static final Settings DEFAULT = new Settings(2, new double[] {300, 600, 900, 1200, 1500}, 0.02, 2,
                1.0, 0.02, 200, 50, 10);

        /**
         * Checks every field (the first bad one is named with its value and bounds); copies the temperatures.
         *
         * @param cells ≥ 1
         * @param temperatures at least one, each finite and ≥ 0
         * @param maxStrain in [0, 1)
         * @param maxVacancies in [0, 8·cells³)
         * @param timeStep finite and &gt; 0
         * @param friction finite and ≥ 0
         * @param equilibrationSteps ≥ 0
         * @param sampleInterval ≥ 1
         * @param framesPerTrajectory ≥ 1
         * @throws IllegalArgumentException for the first field outside its bounds
         */
        public Settings {
            if (cells < 1) {
                throw new IllegalArgumentException("cells = " + cells + ", must be at least 1");
            }
            if (temperatures == null || temperatures.length == 0) {
                throw new IllegalArgumentException("temperatures: at least one is needed");
            }
            for (double t : temperatures) {
                if (!(t >= 0) || !Double.isFinite(t)) {
                    throw new IllegalArgumentException("temperature = " + t + " K, must be finite and not negative");
                }
            }
            temperatures = temperatures.clone();
            if (maxVacancies < 0 || maxVacancies >= 8 * cells * cells * cells) {
                throw new IllegalArgumentException("maxVacancies = " + maxVacancies + ", must be in [0, "
                        + 8 * cells * cells * cells + ")");
            }
            if (!(maxStrain >= 0) || maxStrain >= 1) {
                throw new IllegalArgumentException("maxStrain = " + maxStrain + ", must be in [0, 1)");
            }
            if (!(timeStep > 0) || !Double.isFinite(timeStep) || !(friction >= 0) || !Double.isFinite(friction)) {
                throw new IllegalArgumentException("timeStep = " + timeStep + " fs (> 0) and friction = " + friction
                        + " /fs (>= 0) must be finite");
            }
            if (equilibrationSteps < 0 || sampleInterval < 1 || framesPerTrajectory < 1) {
                throw new IllegalArgumentException("equilibrationSteps = " + equilibrationSteps + " (>= 0), "
                        + "sampleInterval = " + sampleInterval + " (>= 1), framesPerTrajectory = "
                        + framesPerTrajectory + " (>= 1)");
            }
        }

        /**
         * The temperatures in K (a copy).
         *
         * @return a new array
         */
        @Override
        public double[] temperatures() {
            return temperatures.clone();
        }

        /**
         * These settings with other temperatures.
         *
         * @param kelvin the temperatures in K, at least one
         * @return the new settings
         * @throws IllegalArgumentException for no temperature or one negative or not finite
         */
        public Settings withTemperatures(double... kelvin) {
            return new Settings(cells, kelvin, maxStrain, maxVacancies, timeStep, friction, equilibrationSteps,
                    sampleInterval, framesPerTrajectory);
        }

        /**
         * These settings with other step counts.
         *
         * @param equilibration steps before a trajectory's first frame, ≥ 0
         * @param interval steps between frames, ≥ 1
         * @param framesPerTrajectory frames taken from one trajectory, ≥ 1
         * @return the new settings
         * @throws IllegalArgumentException for a count outside its bounds
         */
        public Settings withSteps(int equilibration, int interval, int framesPerTrajectory) {
            return new Settings(cells, temperatures, maxStrain, maxVacancies, timeStep, friction, equilibration,
                    interval, framesPerTrajectory);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Settings s && cells == s.cells && Arrays.equals(temperatures, s.temperatures)
                    && maxStrain == s.maxStrain && maxVacancies == s.maxVacancies && timeStep == s.timeStep
                    && friction == s.friction && equilibrationSteps == s.equilibrationSteps
                    && sampleInterval == s.sampleInterval && framesPerTrajectory == s.framesPerTrajectory;
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(new double[] {cells, Arrays.hashCode(temperatures), maxStrain, maxVacancies,
                timeStep, friction, equilibrationSteps, sampleInterval, framesPerTrajectory});
        }

        @Override
        public String toString() {
            return "Settings[cells=" + cells + ", temperatures=" + Arrays.toString(temperatures) + ", maxStrain="
                    + maxStrain + ", maxVacancies=" + maxVacancies + ", timeStep=" + timeStep + ", friction="
                    + friction + ", equilibrationSteps=" + equilibrationSteps + ", sampleInterval=" + sampleInterval
                    + ", framesPerTrajectory=" + framesPerTrajectory + "]";
        }
    }

    /**
     * {@code frames} frames (at least 1) generated with {@code settings} from {@code seed}.
     *
     * @param settings how the frames are generated
     * @param frames the number of frames, ≥ 1
     * @param seed the seed; equal seeds give equal frames
     * @return the frames, trajectory after trajectory
     * @throws IllegalArgumentException for fewer than 1 frame
     */
    public static List<Structure> generate(Settings settings, int frames, long seed) {
        if (frames < 1) {
            throw new IllegalArgumentException("frames = " + frames + ", must be at least 1");
        }
        Random trajectorySeeds = new Random(seed);
        List<Structure> out = new ArrayList<>(frames);
        for (int trajectory = 0; out.size() < frames; trajectory++) {
            double temperature = settings.temperatures[trajectory % settings.temperatures.length];
            Random random = new Random(trajectorySeeds.nextLong());
            PeriodicCell start = PeriodicCell.of(new DiamondLattice(settings.cells(), DiamondLattice.SILICON_LATTICE_CONSTANT))
                    .strained(PeriodicCell.randomStrain(random, settings.maxStrain()));
            int vacancies = random.nextInt(settings.maxVacancies() + 1);
            start = start.withVacancies(vacancies, random);
            LangevinDynamics md = new LangevinDynamics(start, settings.timeStep(), settings.friction(), temperature,
                    random);
            md.run(settings.equilibrationSteps());
            for (int f = 0; f < settings.framesPerTrajectory() && out.size() < frames; f++) {
                md.run(settings.sampleInterval());
                out.add(frame(md.state(), md.potential(), temperature, vacancies, trajectory));
            }
        }
        return out;
    }

    /** A labelled structure of silicon atoms in {@code atoms} with the potential's results. */
    static Structure frame(PeriodicCell atoms, SwResult result, double temperature, int vacancies, int trajectory) {
        String[] symbols = new String[atoms.atoms()];
        Arrays.fill(symbols, "Si");
        return Structure.builder(symbols, atoms.positions())
                .periodicCell(atoms.cell())
                .energy(result.energy())
                .forces(result.forces())
                .array(TRUE_ENERGIES, AtomArray.of(1, result.atomEnergies()))
                .info("temperature", InfoValue.of(temperature))
                .info("vacancies", InfoValue.of((long) vacancies))
                .info("trajectory", InfoValue.of((long) trajectory))
                .build();
    }

    /**
     * Writes {@code frames} as extended XYZ, keeping the {@value #TRUE_ENERGIES} column.
     *
     * @param path the file, created or replaced
     * @param frames the frames
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public static void write(Path path, List<Structure> frames) {
        ExtXyz.DEFAULT.writeAll(path, frames);
    }

    /**
     * The extended XYZ format that reads the frames back with their {@value #TRUE_ENERGIES}.
     *
     * @return the format
     */
    public static ExtXyz format() {
        return ExtXyz.DEFAULT.keepingArrays(TRUE_ENERGIES);
    }
}
