package org.equikern.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;

/**
 * Trains a {@link Potential} on energies and forces, as NequIP and MACE do: epochs over the training
 * structures shuffled from a seed, {@code batch_size} structures per step batched into one graph,
 * the energy + force loss, Adam or AdamW, gradient clipping, a learning-rate schedule (per step for
 * the cosine, per epoch on the validation loss for the plateau), an exponential moving average of the
 * weights used for validation and saved for prediction, and early stopping on the validation loss.
 *
 * <p>The steps run on the host, or through {@link #runStepsOn} on a device ({@code model.DeviceTraining}), where the
 * model, the optimizer's moments and the average stay for the whole run; before each validation they are copied
 * back into the host objects, so validation, checkpoints and resuming run on the host unchanged.
 *
 * <p>Everything random comes from {@code seed} (split, initial weights, shuffling), and the whole
 * state is saved in each checkpoint, so a run resumed from a checkpoint continues bit for bit as the
 * uninterrupted run would have. Settings: {@link TrainingConfig}.
 */
public final class Trainer implements AutoCloseable {
    private final TrainingConfig config;
    private final Map<String, Object> savedConfig;
    private final Potential potential;
    private final List<Structure> training;
    private final List<AtomicBatch> validationBatches;
    private final EnergyForceLoss loss;
    private final Optimizer optimizer;
    private final ReduceLROnPlateau plateau;
    private final CosineWarmupSchedule cosine;
    private final ExponentialMovingAverage ema;
    private final ShuffleRandom random;
    private DatasetStatistics statistics;
    private int epoch;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int badEpochs;
    private TrainingSteps steps;

    private Trainer(TrainingConfig config, Map<String, Object> resolvedModel, DatasetSplit split) {
        this.config = config;
        this.savedConfig = new LinkedHashMap<>(config.source());
        savedConfig.put("model", resolvedModel);
        this.training = split.training();
        ConfigNode model = ConfigNode.root(resolvedModel);
        this.potential = PotentialFactories.find(model.string("type"), "model.type").build(model, config.seed);
        if (potential.cutoff() != config.rMax) {
            throw new IllegalArgumentException("model cutoff " + potential.cutoff() + " differs from r_max " + config.rMax);
        }
        this.validationBatches = Batching.consecutive(split.validation(), config.validationBatchSize, potential.cutoff());
        this.loss = config.loss();
        this.optimizer = config.optimizer(potential.parameters());
        this.plateau = config.scheduler.equals("ReduceLROnPlateau") ? new ReduceLROnPlateau(optimizer,
                ReduceLROnPlateau.Options.defaults().patience(config.schedulerPatience).factor(config.schedulerFactor)
                        .minLr(config.minLearningRate)) : null;
        long stepsPerEpoch = (training.size() + config.batchSize - 1) / config.batchSize;
        this.cosine = config.scheduler.equals("CosineWarmup") ? new CosineWarmupSchedule(optimizer,
                Math.multiplyExact(stepsPerEpoch, config.warmupEpochs), Math.multiplyExact(stepsPerEpoch, config.maxEpochs),
                config.minLearningRate) : null;
        this.ema = config.useEma ? new ExponentialMovingAverage(potential.parameters(), config.emaDecay,
                config.emaUseNumUpdates) : null;
        this.random = new ShuffleRandom(new ShuffleRandom(config.seed).nextLong());
    }

    /**
     * A new run: statistics of the training part of {@code dataset} (every structure with energy and
     * forces), the model of {@code config}'s model section resolved with them, initial weights from
     * the seed.
     *
     * @param config the training configuration
     * @param dataset every structure of the run, each with energy and forces
     * @return the trainer, at epoch 0
     * @throws IllegalArgumentException for a structure without energy or forces
     * @throws ConfigException for an invalid model section
     */
    public static Trainer create(TrainingConfig config, List<Structure> dataset) {
        DatasetSplit split = split(config, dataset);
        DatasetStatistics statistics = DatasetStatistics.of(split.training(), config.rMax);
        ConfigNode model = config.model;
        Map<String, Object> resolved = PotentialFactories.find(model.string("type"), model.pathOf("type"))
                .resolve(model, statistics);
        Trainer trainer = new Trainer(config, resolved, split);
        trainer.statistics = statistics;
        return trainer;
    }

    /**
     * Continues the run saved in {@code checkpoint} (a directory {@link Checkpoint#locate} accepts) on
     * {@code dataset}, which must be the data set of that run.
     *
     * @param checkpoint a checkpoint or a training output directory
     * @param dataset the run's data set
     * @return the trainer, at the saved epoch
     * @throws java.io.IOException when the checkpoint cannot be read
     */
    public static Trainer resume(Path checkpoint, List<Structure> dataset) throws IOException {
        return resume(checkpoint, TrainingConfig.parse(Checkpoint.readConfig(Checkpoint.locate(checkpoint))), dataset);
    }

    /**
     * As {@link #resume(Path, List)} with {@code config} in place of the saved configuration: that one
     * with changes that keep the saved state valid, such as a larger {@code max_epochs} (which also
     * stretches a cosine schedule).
     *
     * @param checkpoint a checkpoint or a training output directory
     * @param config the configuration to continue with
     * @param dataset the run's data set
     * @return the trainer, at the saved epoch
     * @throws java.io.IOException when the checkpoint cannot be read
     */
    public static Trainer resume(Path checkpoint, TrainingConfig config, List<Structure> dataset) throws IOException {
        Path dir = Checkpoint.locate(checkpoint);
        Trainer trainer = new Trainer(config, config.model.asMap(), split(config, dataset));
        trainer.loadState(Safetensors.read(dir.resolve(Checkpoint.STATE)).tensors());
        return trainer;
    }

    /** The split of {@code dataset}, checked to have energies and forces. */
    private static DatasetSplit split(TrainingConfig config, List<Structure> dataset) {
        requireLabels(dataset);
        return DatasetSplit.of(dataset, config.validationFraction, config.seed);
    }

    private static void requireLabels(List<Structure> dataset) {
        for (int i = 0; i < dataset.size(); i++) {
            if (!dataset.get(i).hasEnergy() || dataset.get(i).forces() == null) {
                throw new IllegalArgumentException("structure " + i + " of the data set lacks "
                        + (dataset.get(i).hasEnergy() ? "forces" : "an energy") + "; training needs both");
            }
        }
    }

    /**
     * Runs the optimizer steps from now on with the steps {@code factory} opens (e.g.
     * {@code DeviceTraining.on("opencl:0", DType.FLOAT64)}), continuing from the current weights, optimizer state and
     * moving average; close the trainer to free them.
     *
     * @param factory opens the steps
     * @return this trainer
     * @throws IllegalStateException when the steps already run elsewhere
     */
    public Trainer runStepsOn(TrainingSteps.Factory factory) {
        if (steps != null) throw new IllegalStateException("Trainer.runStepsOn: the steps already run elsewhere");
        steps = factory.open(potential, optimizer, ema, loss, config.maxGradientNorm);
        return this;
    }

    /** Frees the steps {@link #runStepsOn} opened, if any; idempotent. */
    @Override
    public void close() {
        if (steps != null) steps.close();
        steps = null;
    }

    /**
     * The model being trained (its parameters hold the trained weights, not the moving average; after steps on a
     * device, as of the last validation).
     *
     * @return the model
     */
    public Potential potential() {
        return potential;
    }

    /**
     * The configuration as saved with checkpoints (model section resolved).
     *
     * @return the configuration
     */
    public Map<String, Object> savedConfig() {
        return savedConfig;
    }

    /**
     * The statistics of the training set the model was resolved with; empty for a resumed run.
     *
     * @return the statistics, or empty
     */
    public Optional<DatasetStatistics> statistics() {
        return Optional.ofNullable(statistics);
    }

    /**
     * Epochs completed.
     *
     * @return the epoch count
     */
    public int epoch() {
        return epoch;
    }

    /**
     * The number of training structures.
     *
     * @return the count
     */
    public int trainingSize() {
        return training.size();
    }

    /**
     * Whether {@code max_epochs} are done or early stopping has ended the run.
     *
     * @return whether the run is finished
     */
    public boolean finished() {
        return epoch >= config.maxEpochs || badEpochs >= config.earlyStoppingPatience;
    }

    /** Receives each epoch's record. */
    @FunctionalInterface
    public interface EpochListener {
        /**
         * Called after epoch {@code record.epoch()}, before its checkpoint is saved.
         *
         * @param record the epoch's record
         * @throws java.io.IOException when the listener's output fails
         */
        void epochDone(EpochRecord record) throws IOException;
    }

    /**
     * Runs up to {@code epochs} more epochs (fewer when the run finishes), passing each record to
     * {@code listener} and then saving a checkpoint under {@code outputDir}. A log the listener
     * writes thus never lacks an epoch that has a checkpoint.
     *
     * @param outputDir the directory receiving the checkpoints
     * @param epochs the most epochs to run, ≥ 0
     * @param listener told about each epoch
     * @throws java.io.IOException when a checkpoint cannot be written or the listener fails
     */
    public void train(Path outputDir, int epochs, EpochListener listener) throws IOException {
        CheckpointDirectory checkpoints = new CheckpointDirectory(outputDir);
        for (int i = 0; i < epochs && !finished(); i++) {
            EpochRecord record = runEpoch();
            listener.epochDone(record);
            checkpoints.save(epoch, record.best(), savedConfig, predictionWeights(), state());
        }
    }

    /**
     * One epoch: the training steps, then validation, the plateau schedule and early stopping.
     *
     * @return the epoch's record
     * @throws IllegalStateException when the run has finished
     */
    public EpochRecord runEpoch() {
        if (finished()) {
            throw new IllegalStateException("training finished after epoch " + epoch);
        }
        int[] order = new int[training.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        random.shuffle(order);
        EnergyForceMetrics metrics = new EnergyForceMetrics();
        double lossSum = 0;
        for (int start = 0; start < order.length; start += config.batchSize) {
            List<Structure> members = new ArrayList<>();
            for (int i = start; i < Math.min(order.length, start + config.batchSize); i++) {
                members.add(training.get(order[i]));
            }
            List<Structure> batch = config.rotationAugmentation
                    ? RotationAugmentation.randomlyRotated(members, augmentationRandom(start)) : members;
            lossSum += step(AtomicBatch.of(batch, potential.cutoff()), metrics) * members.size();
        }
        ErrorSummary trainErrors = ErrorSummary.of(lossSum / order.length, metrics);
        ErrorSummary validErrors = validate();
        if (plateau != null) {
            plateau.step(validErrors.loss());
        }
        boolean best = validErrors.loss() < bestLoss;
        badEpochs = validErrors.loss() < bestLoss - config.earlyStoppingDelta ? 0 : badEpochs + 1;
        bestLoss = Math.min(bestLoss, validErrors.loss());
        epoch++;
        return new EpochRecord(epoch, optimizer.learningRate(), trainErrors, validErrors, best);
    }

    /**
     * The rotations of the batch starting at {@code start} of this epoch: a function of the seed, the
     * epoch and the position alone, so a resumed run draws the same rotations as the uninterrupted one.
     */
    private Random augmentationRandom(int start) {
        return new Random(new SplittableRandom(config.seed ^ ((long) epoch << 32 | start)).nextLong());
    }

    /** One optimizer step on {@code batch}; returns its loss before the update. */
    private double step(AtomicBatch batch, EnergyForceMetrics metrics) {
        if (steps != null) {
            double value = steps.step(batch, metrics);
            if (cosine != null) {
                cosine.step();
            }
            return value;
        }
        potential.parameters().zeroGrad();
        PotentialEvaluation evaluation = potential.evaluate(batch);
        EnergyForceLoss.Result result = evaluate(batch, evaluation, metrics);
        evaluation.backward(result.gradEnergy(), result.gradForces());
        if (config.maxGradientNorm < Double.POSITIVE_INFINITY) {
            GradientClipping.clipByNorm(potential.parameters(), config.maxGradientNorm);
        }
        optimizer.step();
        if (cosine != null) {
            cosine.step();
        }
        if (ema != null) {
            ema.update();
        }
        return result.value();
    }

    private EnergyForceLoss.Result evaluate(AtomicBatch batch, PotentialEvaluation evaluation, EnergyForceMetrics metrics) {
        int[] atoms = batch.atomsPerStructure();
        double[] energies = evaluation.energies();
        double[] forces = evaluation.forces();
        metrics.add(atoms, energies, batch.energies(), forces, batch.forces());
        return loss.evaluate(atoms, energies, batch.energies(), forces, batch.forces());
    }

    /** Loss and errors on the validation set, with the moving average in place when there is one. */
    private ErrorSummary validate() {
        if (steps != null) {
            steps.syncToHost();
        }
        if (ema != null) {
            ema.swapIn();
        }
        try {
            EnergyForceMetrics metrics = new EnergyForceMetrics();
            double lossSum = 0;
            int structures = 0;
            for (AtomicBatch batch : validationBatches) {
                lossSum += evaluate(batch, potential.evaluate(batch), metrics).value() * batch.structureCount();
                structures += batch.structureCount();
            }
            return ErrorSummary.of(lossSum / structures, metrics);
        } finally {
            if (ema != null) {
                ema.swapOut();
            }
        }
    }

    /** The weights to predict with: the moving average when there is one. */
    private Map<String, StoredTensor> predictionWeights() {
        if (ema == null) {
            return potential.parameters().toTensors();
        }
        ema.swapIn();
        try {
            return potential.parameters().toTensors();
        } finally {
            ema.swapOut();
        }
    }

    /** Everything a resumed run needs, as named tensors. */
    Map<String, StoredTensor> state() {
        Map<String, StoredTensor> state = new LinkedHashMap<>();
        putPrefixed(state, "param.", potential.parameters().toTensors());
        putPrefixed(state, "optimizer.", optimizer.state());
        putPrefixed(state, "rng.", random.state());
        if (plateau != null) {
            putPrefixed(state, "plateau.", plateau.state());
        }
        if (cosine != null) {
            putPrefixed(state, "cosine.", cosine.state());
        }
        if (ema != null) {
            putPrefixed(state, "ema.", ema.state());
        }
        state.put("trainer.epoch", StoredTensor.scalar((long) epoch));
        state.put("trainer.best_loss", StoredTensor.scalar(bestLoss));
        state.put("trainer.bad_epochs", StoredTensor.scalar((long) badEpochs));
        return state;
    }

    private void loadState(Map<String, StoredTensor> state) {
        potential.parameters().load(prefixed(state, "param."));
        optimizer.loadState(prefixed(state, "optimizer."));
        random.loadState(prefixed(state, "rng."));
        if (plateau != null) {
            plateau.loadState(prefixed(state, "plateau."));
        }
        if (cosine != null) {
            cosine.loadState(prefixed(state, "cosine."));
        }
        if (ema != null) {
            ema.loadState(prefixed(state, "ema."));
        }
        epoch = Math.toIntExact(StateEntries.count(state, "trainer.epoch"));
        bestLoss = StateEntries.scalar(state, "trainer.best_loss");
        badEpochs = Math.toIntExact(StateEntries.count(state, "trainer.bad_epochs"));
    }

    private static void putPrefixed(Map<String, StoredTensor> into, String prefix, Map<String, StoredTensor> entries) {
        entries.forEach((name, tensor) -> into.put(prefix + name, tensor));
    }

    private static Map<String, StoredTensor> prefixed(Map<String, StoredTensor> state, String prefix) {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        state.forEach((name, tensor) -> {
            if (name.startsWith(prefix)) {
                out.put(name.substring(prefix.length()), tensor);
            }
        });
        return out;
    }
}
