package org.equikern.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.equikern.data.AtomicBatch;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.device.DType;
import org.equikern.model.DevicePotential;
import org.equikern.train.Batching;
import org.equikern.train.Checkpoint;
import org.equikern.train.EnergyForceMetrics;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;
import org.equikern.train.Predictor;
import org.equikern.train.StructurePrediction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code evaluate CHECKPOINT DATA.extxyz [-o predictions.extxyz] [--device NAME] [--precision P]}: predicts
 * energies and forces with a saved model, prints a metrics table when the data has reference energies and
 * forces, and writes the predictions as extended XYZ under ASE's names ({@code energy}, {@code forces}). On
 * {@code --device java} (the default) the model evaluates on the host in float64; on {@code opencl:N} or
 * {@code cuda:N} a NequIP or MACE model runs there ({@link DevicePotential}: parameters uploaded once, each
 * batch's activations kept on the device).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Predict energies and forces with a trained model and compare them with the data's.")
final class EvaluateCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CHECKPOINT",
            description = "A checkpoint directory, or a training output directory (its best checkpoint).")
    private Path checkpoint;

    @Parameters(index = "1", paramLabel = "DATA", description = "Structures to evaluate (extended XYZ).")
    private Path data;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write the predictions here (extended XYZ).")
    private Path output;

    @Option(names = "--batch-size", paramLabel = "N", defaultValue = "16",
            description = "Structures per batch (default: ${DEFAULT-VALUE}).")
    private int batchSize;

    @Option(names = "--device", paramLabel = "NAME", defaultValue = HOST,
            description = "java (the host), opencl:N or cuda:N; nequip and mace models run on opencl and cuda"
                    + " (default: ${DEFAULT-VALUE}).")
    private String device;

    @Option(names = "--precision", paramLabel = "float64|float32", defaultValue = "float64",
            description = "The precision on an opencl or cuda device (default: ${DEFAULT-VALUE}).")
    private String precision;

    /** The device name that evaluates the model itself, on the host. */
    static final String HOST = "java";

    private final PrintStream out;

    EvaluateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() throws IOException {
        Potential potential = Checkpoint.loadPotential(Checkpoint.modelDirectory(checkpoint));
        List<Structure> structures = DataFiles.read(data, "data");
        DType dtype = dtype();
        if (HOST.equals(device.trim())) {
            return evaluate(potential, structures);
        }
        try (DevicePotential onDevice = DevicePotential.open(potential, device, dtype)) {
            return evaluate(onDevice, structures);
        }
    }

    private DType dtype() {
        switch (precision.trim().toLowerCase(Locale.ROOT)) {
            case "float64":
                return DType.FLOAT64;
            case "float32":
                return DType.FLOAT32;
            default:
                throw new IllegalArgumentException("--precision '" + precision + "': known float64, float32");
        }
    }

    private int evaluate(Predictor predictor, List<Structure> structures) {
        boolean labelled = structures.stream().allMatch(s -> s.hasEnergy() && s.forces() != null);
        EnergyForceMetrics metrics = new EnergyForceMetrics();
        List<Structure> predictions = new ArrayList<>();
        for (AtomicBatch batch : Batching.consecutive(structures, batchSize, predictor.cutoff())) {
            PotentialEvaluation e = predictor.evaluate(batch);
            if (labelled) {
                metrics.add(batch.atomsPerStructure(), e.energies(), batch.energies(), e.forces(), batch.forces());
            }
            for (StructurePrediction p : StructurePrediction.split(batch, e, false)) {
                predictions.add(p.labelled());
            }
        }
        if (output != null) {
            ExtXyz.DEFAULT.writeAll(output, predictions);
        }
        out.println(table(structures.size(), labelled ? metrics : null));
        return 0;
    }

    static String table(int structures, EnergyForceMetrics metrics) {
        StringBuilder b = new StringBuilder(String.format("%-22s %d%n", "structures", structures));
        if (metrics == null) {
            return b.append("(no reference energies and forces: no metrics)").toString();
        }
        b.append(String.format("%-22s %.6e%n", "energy MAE per atom", metrics.energyMaePerAtom()));
        b.append(String.format("%-22s %.6e%n", "energy RMSE per atom", metrics.energyRmsePerAtom()));
        b.append(String.format("%-22s %.6e%n", "forces MAE", metrics.forcesMae()));
        b.append(String.format("%-22s %.6e", "forces RMSE", metrics.forcesRmse()));
        return b.toString();
    }
}
