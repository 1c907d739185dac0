package org.equikern.train;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The training settings of a configuration file, field names following NequIP's YAML where NequIP
 * has the setting. Parsed and checked once ({@link #parse}); every problem is a
 * {@link ConfigException} naming the field. Immutable.
 *
 * <p>Fields (default in parentheses): {@code dataset_file_name} (required, extended XYZ),
 * {@code validation_fraction} (0.1), {@code seed} (123), {@code r_max} (required),
 * {@code batch_size} (5), {@code validation_batch_size} (batch_size), {@code max_epochs} (100),
 * {@code learning_rate} (0.01), {@code optimizer_name} (Adam | AdamW), {@code optimizer_amsgrad}
 * (false), {@code optimizer_weight_decay} (0 for Adam, 0.01 for AdamW), {@code lr_scheduler_name}
 * (none | ReduceLROnPlateau | CosineWarmup), {@code lr_scheduler_patience} (10),
 * {@code lr_scheduler_factor} (0.5), {@code lr_scheduler_warmup_epochs} (0),
 * {@code lr_scheduler_min_lr} (0), {@code loss_coeffs} ({@code energy} 1, {@code forces} 1),
 * {@code huber_delta} (absent: mean squared error), {@code use_ema} (true), {@code ema_decay}
 * (0.99), {@code ema_use_num_updates} (true), {@code max_gradient_norm} (absent: no clipping),
 * {@code early_stopping_patience} (absent: none), {@code early_stopping_delta} (0),
 * {@code rotation_augmentation} (false: each training batch turned by fresh random rotations, for
 * models that are not rotation invariant by construction),
 * {@code output_dir} (results), {@code device} (java), {@code model} (section, with {@code type}).
 */
public final class TrainingConfig {
    /** The scheduler choices of {@code lr_scheduler_name}. */
    public static final List<String> SCHEDULERS = List.of("none", "ReduceLROnPlateau", "CosineWarmup");
    /** The optimizer choices of {@code optimizer_name}. */
    public static final List<String> OPTIMIZERS = List.of("Adam", "AdamW");

    private static final Set<String> FIELDS = Set.of("dataset_file_name", "validation_fraction", "seed", "r_max",
            "batch_size", "validation_batch_size", "max_epochs", "learning_rate", "optimizer_name",
            "optimizer_amsgrad", "optimizer_weight_decay", "lr_scheduler_name", "lr_scheduler_patience",
            "lr_scheduler_factor", "lr_scheduler_warmup_epochs", "lr_scheduler_min_lr", "loss_coeffs",
            "huber_delta", "use_ema", "ema_decay", "ema_use_num_updates", "max_gradient_norm",
            "early_stopping_patience", "early_stopping_delta", "rotation_augmentation", "output_dir", "device", "precision", "model");
    /** The device names {@code device} accepts: the host, or an OpenCL or CUDA device by index. */
    private static final Pattern DEVICE = Pattern.compile("java|(opencl|cuda):[0-9]+");
    /** The choices of {@code precision}, the floating-point type of a device run. */
    public static final List<String> PRECISIONS = List.of("float64", "float32");
    private static final double BIG = Double.MAX_VALUE;

    private final Map<String, Object> source;
    final String datasetFile;
    final double validationFraction;
    final long seed;
    final double rMax;
    final int batchSize;
    final int validationBatchSize;
    final int maxEpochs;
    final double learningRate;
    final String optimizer;
    final boolean amsgrad;
    final double weightDecay;
    final String scheduler;
    final int schedulerPatience;
    final double schedulerFactor;
    final int warmupEpochs;
    final double minLearningRate;
    final double energyWeight;
    final double forcesWeight;
    final double huberDelta;
    final boolean useEma;
    final double emaDecay;
    final boolean emaUseNumUpdates;
    final double maxGradientNorm;
    final int earlyStoppingPatience;
    final double earlyStoppingDelta;
    final boolean rotationAugmentation;
    final String outputDir;
    final String device;
    final String precision;
    final ConfigNode model;

    private TrainingConfig(ConfigNode c) {
        c.rejectUnknown(FIELDS);
        source = c.asMap();
        datasetFile = c.string("dataset_file_name");
        validationFraction = c.number("validation_fraction", 0.1, Double.MIN_VALUE, 0.9);
        seed = c.integer("seed", 123, Long.MIN_VALUE, Long.MAX_VALUE);
        rMax = c.number("r_max", Double.MIN_VALUE, BIG);
        batchSize = (int) c.integer("batch_size", 5, 1, Integer.MAX_VALUE);
        validationBatchSize = (int) c.integer("validation_batch_size", batchSize, 1, Integer.MAX_VALUE);
        maxEpochs = (int) c.integer("max_epochs", 100, 1, Integer.MAX_VALUE);
        learningRate = c.number("learning_rate", 0.01, Double.MIN_VALUE, BIG);
        optimizer = c.choice("optimizer_name", "Adam", OPTIMIZERS);
        amsgrad = c.bool("optimizer_amsgrad", false);
        weightDecay = c.number("optimizer_weight_decay", optimizer.equals("AdamW") ? 0.01 : 0, 0, BIG);
        scheduler = c.choice("lr_scheduler_name", "none", SCHEDULERS);
        schedulerPatience = (int) c.integer("lr_scheduler_patience", 10, 0, Integer.MAX_VALUE);
        schedulerFactor = c.number("lr_scheduler_factor", 0.5, 0, Math.nextDown(1.0));
        warmupEpochs = (int) c.integer("lr_scheduler_warmup_epochs", 0, 0, maxEpochs);
        minLearningRate = c.number("lr_scheduler_min_lr", 0, 0, learningRate);
        ConfigNode coeffs = c.section("loss_coeffs");
        coeffs.rejectUnknown(Set.of("energy", "forces"));
        energyWeight = coeffs.number("energy", 1, 0, BIG);
        forcesWeight = coeffs.number("forces", 1, 0, BIG);
        huberDelta = c.number("huber_delta", Double.NaN, Double.MIN_VALUE, BIG);
        useEma = c.bool("use_ema", true);
        emaDecay = c.number("ema_decay", 0.99, 0, 1);
        emaUseNumUpdates = c.bool("ema_use_num_updates", true);
        maxGradientNorm = c.number("max_gradient_norm", Double.POSITIVE_INFINITY, Double.MIN_VALUE,
                Double.POSITIVE_INFINITY);
        earlyStoppingPatience = (int) c.integer("early_stopping_patience", Integer.MAX_VALUE, 1, Integer.MAX_VALUE);
        earlyStoppingDelta = c.number("early_stopping_delta", 0, 0, BIG);
        rotationAugmentation = c.bool("rotation_augmentation", false);
        outputDir = c.string("output_dir", "results");
        device = c.string("device", "java").trim();
        if (!DEVICE.matcher(device).matches()) {
            throw new ConfigException(c.pathOf("device"), "'" + device + "' is not a device; known: java, opencl:N, "
                    + "cuda:N");
        }
        precision = c.choice("precision", "float64", PRECISIONS);
        model = c.section("model");
        model.string("type");
    }

    /**
     * Checks and reads the top level of a configuration.
     *
     * @param root the top level, as parsed from YAML or JSON
     * @return the configuration
     * @throws ConfigException naming the first invalid field
     */
    public static TrainingConfig parse(Map<String, ?> root) {
        return new TrainingConfig(ConfigNode.root(root));
    }

    /**
     * The configuration as given.
     *
     * @return the fields, unmodifiable
     */
    public Map<String, Object> source() {
        return source;
    }

    /**
     * {@code dataset_file_name}, as given.
     *
     * @return the file name
     */
    public String datasetFile() {
        return datasetFile;
    }

    /**
     * {@code output_dir}, as given.
     *
     * @return the directory
     */
    public String outputDir() {
        return outputDir;
    }

    /**
     * {@code max_epochs}.
     *
     * @return the epoch count
     */
    public int maxEpochs() {
        return maxEpochs;
    }

    /**
     * {@code r_max}.
     *
     * @return the cutoff radius
     */
    public double rMax() {
        return rMax;
    }

    /**
     * {@code device}: where the optimizer steps run, {@code java} (the host) or {@code opencl:N} / {@code cuda:N}.
     *
     * @return the device name
     */
    public String device() {
        return device;
    }

    /**
     * {@code precision}: the floating-point type of a device run, {@code float64} or {@code float32}.
     *
     * @return one of {@link #PRECISIONS}
     */
    public String precision() {
        return precision;
    }

    /**
     * The {@code model} section.
     *
     * @return the section
     */
    public ConfigNode model() {
        return model;
    }

    /** The loss these settings select. */
    EnergyForceLoss loss() {
        return Double.isNaN(huberDelta) ? EnergyForceLoss.mse(energyWeight, forcesWeight)
                : EnergyForceLoss.huber(energyWeight, forcesWeight, huberDelta);
    }

    /** The optimizer these settings select, over {@code parameters}. */
    Optimizer optimizer(Parameters parameters) {
        Adam.Options options = (optimizer.equals("AdamW") ? Adam.Options.adamW() : Adam.Options.adam())
                .learningRate(learningRate).weightDecay(weightDecay).amsgrad(amsgrad);
        return optimizer.equals("AdamW") ? new AdamW(parameters, options) : new Adam(parameters, options);
    }
}
