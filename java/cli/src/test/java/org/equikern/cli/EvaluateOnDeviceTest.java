package org.equikern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.train.PairDatasets;
import org.equikern.train.Trainer;
import org.equikern.train.TrainingConfig;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate --device opencl:0} against {@code evaluate --device java} (the host model, the reference) on
 * a NequIP checkpoint trained for two epochs on labelled Ne/Ar cells: the same predictions in float64 to
 * round-off, within float32's tolerance with {@code --precision float32}; a model that runs on the host only
 * is refused with exit status 2.
 */
class EvaluateOnDeviceTest {
    @TempDir
    static Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void trainAndWriteData() throws IOException {
        List<Structure> data = PairDatasets.generate(8, 4, 1);
        ExtXyz.DEFAULT.writeAll(dir.resolve("data.extxyz"), data);
        train("nequip", Map.of("type", "nequip", "num_layers", 2, "l_max", 1, "num_features", 4, "num_basis", 4,
                "invariant_layers", 1, "invariant_neurons", 8), data);
        train("pair", Map.of("type", "pair", "num_basis", 4), data);
    }

    private static void train(String name, Map<String, Object> model, List<Structure> data) throws IOException {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset_file_name", "in-memory");
        c.put("r_max", PairDatasets.CUTOFF);
        c.put("seed", 3);
        c.put("validation_fraction", 0.25);
        c.put("batch_size", 3);
        c.put("learning_rate", 0.05);
        c.put("model", model);
        Trainer.create(TrainingConfig.parse(c), data).train(dir.resolve(name), 2, epoch -> { });
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private List<Structure> evaluate(String name, String... options) {
        Path predictions = dir.resolve(name + "-" + String.join("-", options).replace(':', '_') + ".extxyz");
        String[] args = new String[5 + options.length];
        args[0] = "evaluate";
        args[1] = dir.resolve(name).toString();
        args[2] = dir.resolve("data.extxyz").toString();
        args[3] = "-o";
        args[4] = predictions.toString();
        System.arraycopy(options, 0, args, 5, options.length);
        assertEquals(0, run(args), () -> err.toString(StandardCharsets.UTF_8));
        return ExtXyz.DEFAULT.readAll(predictions);
    }

    @Test
    void openClPredictsWhatTheHostModelPredicts() {
        List<Structure> host = evaluate("nequip", "--device", "java");
        assertSamePredictions(host, evaluate("nequip", "--device", "opencl:0"), 1e-10);
        assertSamePredictions(host, evaluate("nequip", "--device", "opencl:0", "--precision", "float32"), 2e-5);
    }

    @Test
    void aModelWithoutADevicePathIsRefused() {
        assertEquals(2, run("evaluate", dir.resolve("pair").toString(), dir.resolve("data.extxyz").toString(),
                "--device", "opencl:0"));
        String message = err.toString(StandardCharsets.UTF_8);
        assertTrue(message.contains("evaluates on the host only"), message);
        assertEquals(2, run("evaluate", dir.resolve("nequip").toString(), dir.resolve("data.extxyz").toString(),
                "--device", "opencl:0", "--precision", "half"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--precision 'half': known float64, float32"));
    }

    /** Energies and forces equal to {@code tolerance} of the largest magnitude of each. */
    private static void assertSamePredictions(List<Structure> expected, List<Structure> actual, double tolerance) {
        assertEquals(expected.size(), actual.size());
        double energyScale = 0;
        double forceScale = 0;
        for (Structure s : expected) {
            energyScale = Math.max(energyScale, Math.abs(s.energy()));
            for (double f : s.forces()) forceScale = Math.max(forceScale, Math.abs(f));
        }
        for (int s = 0; s < expected.size(); s++) {
            assertEquals(expected.get(s).energy(), actual.get(s).energy(), tolerance * energyScale, "energy " + s);
            double[] f = expected.get(s).forces();
            for (int i = 0; i < f.length; i++) {
                assertEquals(f[i], actual.get(s).forces()[i], tolerance * forceScale, "structure " + s + " force " + i);
            }
        }
    }
}
