package org.equikern.cli.o3;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.data.synthetic.SyntheticSilicon;
import org.equikern.train.Batching;
import org.equikern.train.EnergyForceMetrics;
import org.equikern.train.EpochRecord;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;
import org.equikern.train.Trainer;
import org.equikern.train.TrainingConfig;

/**
 * The measurements behind the O(3) figures: silicon frames generated from a seed, every model trained
 * by the same {@link Trainer} on the same frames with the same seed at each training-set size, then
 * tested on frames from separate trajectories (a second seed): force and energy errors, parameter
 * count, wall time, equivariance errors, and per-atom energies against the generator's.
 */
final class O3Study {
    /** SW's cutoff is 3.77 Å; the models see a little further. */
    static final double CUTOFF = 3.8;

    /**
     * The size of a study.
     *
     * @param sizes       training-set sizes, ascending
     * @param validation  validation frames added to each training set (for the trainer's EMA and schedule)
     * @param testFrames  held-out test frames
     * @param steps       optimizer steps per run (one structure per step; at least {@code minEpochs} epochs)
     * @param minEpochs   fewest epochs per run
     * @param transforms  random rotations (every second with inversion) per test frame for the equivariance test
     * @param seed        data seed; test data uses {@code seed + 1}, training {@code seed + 2}
     * @param models      the models compared
     * @param md          how the frames are generated
     */
    record Settings(int[] sizes, int validation, int testFrames, int steps, int minEpochs, int transforms, long seed,
            List<ModelSpec> models, SyntheticSilicon.Settings md) {
        /** The full report: 2 to 60 training frames (30×), five models. */
        static Settings full() {
            return new Settings(new int[] {2, 4, 8, 16, 30, 60}, 4, 20, 2000, 5, 100, 2026,
                    List.of(ModelSpec.nequip(0, 8), ModelSpec.nequip(1, 8), ModelSpec.nequip(2, 8),
                            ModelSpec.mace(3, 8), ModelSpec.cartesianMlp(8, 64)),
                    SyntheticSilicon.Settings.DEFAULT);
        }

        /** A few seconds' worth, for the test suite: tiny sets, few steps, small models, short trajectories. */
        static Settings reduced() {
            return new Settings(new int[] {1, 2}, 1, 2, 4, 1, 4, 2026,
                    List.of(ModelSpec.nequip(0, 4), ModelSpec.nequip(1, 4), ModelSpec.nequip(2, 4),
                            ModelSpec.mace(3, 4), ModelSpec.cartesianMlp(8, 16)),
                    SyntheticSilicon.Settings.DEFAULT.withSteps(20, 5, 10));
        }

        /** The largest training-set size. */
        int largest() {
            return sizes[sizes.length - 1];
        }
    }

    /** One training run's test errors and costs. */
    record Run(int trainingSize, double forceMae, double energyMaePerAtom, double seconds, long steps) {
    }

    /** The state of a run after one epoch: wall time and optimizer steps so far, validation force MAE. */
    record Progress(double seconds, long steps, double validationForceMae) {
    }

    /** Everything measured of one model; {@code progress} is that of the largest training set's run. */
    record ModelResult(ModelSpec spec, List<Run> runs, long parameters, Equivariance.Errors equivariance,
            double[] predictedAtomEnergies, double[] trueAtomEnergies, List<Progress> progress) {
    }

    private O3Study() {
    }

    /** Runs the study, reporting progress lines to {@code log}. */
    static Map<String, ModelResult> run(Settings settings, Consumer<String> log) {
        List<Structure> pool = SyntheticSilicon.generate(settings.md(), settings.largest() + settings.validation(),
                settings.seed());
        List<Structure> test = SyntheticSilicon.generate(settings.md(), settings.testFrames(), settings.seed() + 1);
        Map<String, ModelResult> results = new LinkedHashMap<>();
        for (ModelSpec spec : settings.models()) {
            List<Run> runs = new ArrayList<>();
            Potential largest = null;
            List<Progress> progress = List.of();
            for (int size : settings.sizes()) {
                long start = System.nanoTime();
                Trainer trainer = Trainer.create(config(settings, spec, size),
                        pool.subList(0, size + settings.validation()));
                progress = new ArrayList<>();
                while (!trainer.finished()) {
                    EpochRecord epoch = trainer.runEpoch();
                    progress.add(new Progress((System.nanoTime() - start) * 1e-9, (long) epoch.epoch() * size,
                            epoch.validation().forcesMae()));
                }
                double seconds = (System.nanoTime() - start) * 1e-9;
                EnergyForceMetrics metrics = testMetrics(trainer.potential(), test);
                runs.add(new Run(size, metrics.forcesMae(), metrics.energyMaePerAtom(), seconds,
                        (long) trainer.epoch() * size));
                log.accept(String.format("%s, %d frames: force MAE %.4f eV/Å, energy MAE %.5f eV/atom, %.1f s",
                        spec.name(), size, metrics.forcesMae(), metrics.energyMaePerAtom(), seconds));
                largest = trainer.potential();
            }
            results.put(spec.name(), new ModelResult(spec, runs, largest.parameters().elementCount(),
                    Equivariance.measure(largest, test, settings.transforms(), settings.seed() + 3),
                    atomEnergies(largest, test), trueAtomEnergies(test), progress));
        }
        return results;
    }

    /**
     * The trainer's configuration: plain Adam, one frame per step, no moving average, fixed epochs; models
     * that are not equivariant by construction see each frame turned by a fresh random rotation.
     */
    private static TrainingConfig config(Settings settings, ModelSpec spec, int size) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("dataset_file_name", "generated");
        root.put("seed", settings.seed() + 2);
        root.put("r_max", CUTOFF);
        root.put("validation_fraction", settings.validation() / (double) (size + settings.validation()));
        root.put("batch_size", 1);
        root.put("max_epochs", Math.max(settings.minEpochs(), settings.steps() / size));
        root.put("learning_rate", 0.005);
        root.put("use_ema", false);
        root.put("rotation_augmentation", !spec.equivariant());
        root.put("loss_coeffs", Map.of("energy", 1, "forces", 1));
        root.put("model", spec.section());
        return TrainingConfig.parse(root);
    }

    private static EnergyForceMetrics testMetrics(Potential potential, List<Structure> test) {
        EnergyForceMetrics metrics = new EnergyForceMetrics();
        for (AtomicBatch batch : Batching.consecutive(test, 4, potential.cutoff())) {
            PotentialEvaluation e = potential.evaluate(batch);
            metrics.add(batch.atomsPerStructure(), e.energies(), batch.energies(), e.forces(), batch.forces());
        }
        return metrics;
    }

    private static double[] atomEnergies(Potential potential, List<Structure> test) {
        return concat(test.stream().map(s -> potential.evaluate(AtomicBatch.of(List.of(s), potential.cutoff()))
                .atomEnergies()).toList());
    }

    private static double[] trueAtomEnergies(List<Structure> test) {
        return concat(test.stream().map(s -> s.arrays().get(SyntheticSilicon.TRUE_ENERGIES).reals()).toList());
    }

    private static double[] concat(List<double[]> parts) {
        return parts.stream().flatMapToDouble(Arrays::stream).toArray();
    }
}
