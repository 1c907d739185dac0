package org.equikern.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.equikern.device.DType;
import org.equikern.model.DeviceTraining;
import org.equikern.train.Checkpoint;
import org.equikern.train.DatasetStatistics;
import org.equikern.train.Trainer;
import org.equikern.train.TrainingConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code train CONFIG.yaml} or {@code train --resume DIR}: trains a model, showing each epoch,
 * logging it to {@code metrics.csv} and saving checkpoints ({@code last}, {@code best}) in the output
 * directory. A configuration error exits 2 naming the field. With {@code device: opencl:N} or {@code cuda:N} (or
 * {@code --device}) the optimizer steps run on that device in {@code precision} (or {@code --precision}), the
 * model and the optimizer's state kept there for the whole run; validation and checkpoints run on the host.
 */
@Command(name = "train", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Train a potential on an extended XYZ data set (energies and forces).",
            "Writes OUTPUT_DIR/metrics.csv and the checkpoints OUTPUT_DIR/last and OUTPUT_DIR/best."})
final class TrainCommand implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CONFIG",
            description = "The configuration (YAML or JSON); relative paths in it are relative to its folder.")
    private Path config;

    @Option(names = "--resume", paramLabel = "DIR",
            description = "Continue the run saved in DIR (an output directory, or one checkpoint).")
    private Path resume;

    @Option(names = "--max-epochs", paramLabel = "N",
            description = "Override max_epochs (e.g. to extend a finished run when resuming).")
    private Integer maxEpochs;

    @Option(names = "--device", paramLabel = "NAME",
            description = "Override device: java (the host), opencl:N or cuda:N, where the training steps run.")
    private String device;

    @Option(names = "--precision", paramLabel = "float64|float32",
            description = "Override precision: the floating-point type on an opencl or cuda device.")
    private String precision;

    private final PrintStream out;

    TrainCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        if ((config == null) == (resume == null)) {
            throw new ParameterException(spec.commandLine(), "give either CONFIG or --resume DIR");
        }
        Trainer trainer;
        TrainingConfig settings;
        if (resume != null) {
            Path checkpoint = Checkpoint.locate(resume);
            settings = TrainingConfig.parse(withOverrides(Checkpoint.readConfig(checkpoint)));
            trainer = Trainer.resume(checkpoint, settings,
                    DataFiles.read(Path.of(settings.datasetFile()), "dataset_file_name"));
            out.println("resuming after epoch " + trainer.epoch() + " from " + checkpoint);
        } else {
            settings = TrainingConfig.parse(withOverrides(ConfigFiles.read(config)));
            trainer = Trainer.create(settings, DataFiles.read(Path.of(settings.datasetFile()), "dataset_file_name"));
            warnIfShiftsUndetermined(trainer.statistics().orElseThrow(), settings);
        }
        try (Trainer run = onDevice(trainer, settings)) {
            return train(run, settings);
        }
    }

    /** The trainer with its steps on the configured device, unless that is the host. */
    private Trainer onDevice(Trainer trainer, TrainingConfig settings) {
        if (settings.device().equals(EvaluateCommand.HOST)) {
            return trainer;
        }
        DType dtype = settings.precision().equals("float32") ? DType.FLOAT32 : DType.FLOAT64;
        out.println("training steps on " + settings.device() + " in " + settings.precision());
        return trainer.runStepsOn(DeviceTraining.on(settings.device(), dtype));
    }

    private Integer train(Trainer trainer, TrainingConfig settings) throws IOException {
        Path outputDir = Path.of(settings.outputDir());
        out.println("training on " + trainer.trainingSize() + " structures, "
                + trainer.potential().parameters().elementCount() + " parameters, output in " + outputDir);
        MetricsLog log = MetricsLog.open(outputDir, trainer.epoch());
        ProgressDisplay progress = new ProgressDisplay(out, System.console() != null, trainer.epoch(),
                settings.maxEpochs());
        trainer.train(outputDir, Integer.MAX_VALUE, record -> {
            log.append(record);
            progress.show(record);
        });
        progress.finish();
        out.println("done after epoch " + trainer.epoch() + "; best model in " + outputDir.resolve("best"));
        return 0;
    }

    /** Fitted shifts that the compositions do not determine are worth a word: their split is arbitrary. */
    private void warnIfShiftsUndetermined(DatasetStatistics statistics, TrainingConfig settings) {
        if (!statistics.shiftsDetermined() && !settings.model().has("per_species_shifts")) {
            out.println("warning: the compositions of the training set determine the per-species energy shifts"
                    + " only up to rank " + statistics.shiftsRank() + " of " + statistics.species().length
                    + " species; using the minimum-norm least-squares shifts (set model.per_species_shifts to choose)");
        }
    }

    private Map<String, Object> withOverrides(Map<String, Object> config) {
        if (maxEpochs != null) {
            config.put("max_epochs", maxEpochs);
        }
        if (device != null) {
            config.put("device", device);
        }
        if (precision != null) {
            config.put("precision", precision);
        }
        return config;
    }
}
