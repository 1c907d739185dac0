package org.equikern.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.train.Checkpoint;
import org.equikern.train.PairDatasets;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code train} and {@code evaluate} end to end on a periodic data set labelled by a known pair potential. */
class TrainCommandTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private List<Structure> data;

    @BeforeEach
    void writeData() {
        data = PairDatasets.generate(16, 6, 3);
        ExtXyz.DEFAULT.writeAll(dir.resolve("data.extxyz"), data);
    }

    private int run(String... args) {
        out.reset();
        err.reset();
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String config(String outputDir, int maxEpochs, String extra) {
        return String.join("\n",
                "dataset_file_name: data.extxyz",
                "output_dir: " + outputDir,
                "seed: 5",
                "r_max: " + PairDatasets.CUTOFF,
                "validation_fraction: 0.25",
                "batch_size: 4",
                "max_epochs: " + maxEpochs,
                "learning_rate: 0.1",
                "optimizer_name: Adam",
                "lr_scheduler_name: reducelronplateau",
                "loss_coeffs:",
                "  energy: 1.0",
                "  forces: 1.0",
                "ema_decay: 0.9",
                "model:",
                "  type: pair",
                "  num_basis: 4",
                "  chemical_symbols: [Ne, Ar]",
                "  per_species_shifts: [-1.0, -2.5]",
                extra, "");
    }

    /** {@link #config} with a tiny MACE model (ν = 2, 4 channels of 0e+1o) and a smaller learning rate. */
    private static String maceConfig(String outputDir, int maxEpochs) {
        return config(outputDir, maxEpochs, "").replace(String.join("\n", "  type: pair", "  num_basis: 4"),
                String.join("\n", "  type: mace", "  num_interactions: 2", "  correlation: 2",
                        "  hidden_irreps: 4x0e+4x1o", "  max_ell: 1", "  num_radial_basis: 4", "  radial_MLP: [8]",
                        "  MLP_irreps: 4x0e"))
                .replace("learning_rate: 0.1", "learning_rate: 0.02");
    }

    /** {@link #config} with a tiny NequIP model (one layer, l_max 1, 4 features) and a smaller learning rate. */
    private static String nequipConfig(String outputDir, int maxEpochs) {
        return config(outputDir, maxEpochs, "").replace(String.join("\n", "  type: pair", "  num_basis: 4"),
                String.join("\n", "  type: nequip", "  num_layers: 1", "  l_max: 1", "  num_features: 4",
                        "  num_basis: 4", "  invariant_layers: 1", "  invariant_neurons: 8"))
                .replace("learning_rate: 0.1", "learning_rate: 0.02");
    }

    private Path writeConfig(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void trainReducesTheValidationForceErrorTenfoldAndEvaluateWritesPredictions() throws IOException {
        Path config = writeConfig("train.yaml", config("run", 80, ""));
        assertEquals(0, run("train", config.toString()), errText());
        List<String> csv = Files.readAllLines(dir.resolve("run/metrics.csv"));
        assertEquals(81, csv.size());
        int fMae = List.of(csv.get(0).split(",")).indexOf("valid_f_mae");
        double first = Double.parseDouble(csv.get(1).split(",")[fMae]);
        double last = Double.parseDouble(csv.get(80).split(",")[fMae]);
        assertTrue(last < first / 10, "validation force MAE " + first + " -> " + last);
        assertTrue(outText().contains("epoch 80  loss "), outText());

        Path predictions = dir.resolve("predictions.extxyz");
        assertEquals(0, run("evaluate", dir.resolve("run").toString(), dir.resolve("data.extxyz").toString(),
                "-o", predictions.toString()), errText());
        List<Structure> predicted = ExtXyz.DEFAULT.readAll(predictions);
        assertEquals(data.size(), predicted.size());
        double absSum = 0;
        int count = 0;
        for (int s = 0; s < data.size(); s++) {
            assertArrayEquals(data.get(s).positions(), predicted.get(s).positions());
            double[] ref = data.get(s).forces();
            double[] got = predicted.get(s).forces();
            for (int i = 0; i < ref.length; i++) {
                absSum += Math.abs(got[i] - ref[i]);
                count++;
            }
        }
        String table = outText();
        assertTrue(table.startsWith("structures             16"), table);
        String maeLine = table.lines().filter(l -> l.startsWith("forces MAE")).findFirst().orElseThrow();
        assertEquals(absSum / count, Double.parseDouble(maeLine.substring(22).trim()), 1e-6 * absSum / count);
    }

    @Test
    void trainsATinyNequipModelTenfoldFromTheCommandLine() throws IOException {
        assertEquals(0, run("train", writeConfig("nequip.yaml", nequipConfig("nequip", 60)).toString()), errText());
        List<String> csv = Files.readAllLines(dir.resolve("nequip/metrics.csv"));
        int fMae = List.of(csv.get(0).split(",")).indexOf("valid_f_mae");
        double first = Double.parseDouble(csv.get(1).split(",")[fMae]);
        double best = csv.stream().skip(1).mapToDouble(row -> Double.parseDouble(row.split(",")[fMae])).min()
                .orElseThrow();
        assertTrue(best < first / 10, "validation force MAE " + first + " -> " + best);
        assertTrue(Files.readString(dir.resolve("nequip/last/config.json")).contains("\"avg_num_neighbors\""));
    }

    @Test
    void trainsATinyMaceModelTenfoldFromTheCommandLine() throws IOException {
        assertEquals(0, run("train", writeConfig("mace.yaml", maceConfig("mace", 60)).toString()), errText());
        List<String> csv = Files.readAllLines(dir.resolve("mace/metrics.csv"));
        int fMae = List.of(csv.get(0).split(",")).indexOf("valid_f_mae");
        double first = Double.parseDouble(csv.get(1).split(",")[fMae]);
        double best = csv.stream().skip(1).mapToDouble(row -> Double.parseDouble(row.split(",")[fMae])).min()
                .orElseThrow();
        assertTrue(best < first / 10, "validation force MAE " + first + " -> " + best);
        assertTrue(Files.readString(dir.resolve("mace/last/config.json")).contains("\"hidden_irreps\""));
    }

    @ParameterizedTest
    @ValueSource(strings = {"pair", "mace"})
    void resumedRunWritesTheSameLogAndWeightsAsAnUninterruptedOne(String type) throws IOException {
        boolean mace = type.equals("mace");
        String whole = mace ? maceConfig("whole", 4) : config("whole", 4, "");
        String split = mace ? maceConfig("split", 2) : config("split", 2, "");
        assertEquals(0, run("train", writeConfig("whole.yaml", whole).toString()), errText());
        assertEquals(0, run("train", writeConfig("split.yaml", split).toString()), errText());
        // What a crash during epoch 3's checkpoint leaves: a half-written temporary and an unlinked directory.
        Path checkpoints = dir.resolve("split/checkpoints");
        Files.createDirectories(checkpoints.resolve(".epoch-000003.tmp"));
        Files.writeString(checkpoints.resolve(".epoch-000003.tmp").resolve(Checkpoint.WEIGHTS), "partial");
        Files.createDirectories(checkpoints.resolve("epoch-000003"));
        assertEquals(0, run("train", "--resume", dir.resolve("split").toString(), "--max-epochs", "4"), errText());
        assertTrue(outText().startsWith("resuming after epoch 2"), outText());
        assertEquals(Files.readString(dir.resolve("whole/metrics.csv")), Files.readString(dir.resolve("split/metrics.csv")));
        for (String link : new String[] {"last", "best"}) {
            for (String file : new String[] {Checkpoint.WEIGHTS, Checkpoint.STATE}) {
                assertArrayEquals(Files.readAllBytes(dir.resolve("whole").resolve(link).resolve(file)),
                        Files.readAllBytes(dir.resolve("split").resolve(link).resolve(file)), link + "/" + file);
            }
        }
    }

    /**
     * {@code --device opencl:0 --precision float64}: the steps on PoCL log every epoch as the host run does, to
     * 1e-9 relative; an unknown device exits 2 naming the field.
     */
    @Test
    void trainsOnOpenClAsOnTheHost() throws IOException {
        assertEquals(0, run("train", writeConfig("host.yaml", nequipConfig("host", 2)).toString()), errText());
        Path onDevice = writeConfig("device.yaml", nequipConfig("device", 2));
        assertEquals(0, run("train", "--device", "opencl:0", "--precision", "float64", onDevice.toString()), errText());
        assertTrue(outText().contains("training steps on opencl:0 in float64"), outText());
        List<String> host = Files.readAllLines(dir.resolve("host/metrics.csv"));
        List<String> device = Files.readAllLines(dir.resolve("device/metrics.csv"));
        assertEquals(3, device.size(), "a header and two epochs");
        assertEquals(host.get(0), device.get(0));
        for (int row = 1; row < host.size(); row++) {
            String[] expected = host.get(row).split(",");
            String[] actual = device.get(row).split(",");
            for (int col = 0; col < expected.length; col++) {
                double x = Double.parseDouble(expected[col]);
                assertEquals(x, Double.parseDouble(actual[col]), 1e-9 * Math.abs(x), host.get(0) + " row " + row);
            }
        }
        assertEquals(2, run("train", "--device", "cdua:0", onDevice.toString()));
        assertTrue(errText().startsWith("error: device: 'cdua:0' is not a device; known: java, opencl:N, cuda:N"),
                errText());
    }

    @Test
    void badConfigurationExits2NamingTheField() throws IOException {
        String[][] cases = {
            {"batchsize: 3", "error: batchsize: unknown field"},
            {"huber_delta: big", "error: huber_delta: expected a number, got the string 'big'"},
            {"early_stopping_patience: 0", "error: early_stopping_patience: 0 is out of range [1, "},
            {"device: cuda", "error: device: 'cuda' is not a device; known: java, opencl:N, cuda:N"},
            {"precision: float16", "error: precision: 'float16' is not one of [float64, float32]"},
            {"weight: 1\nweight: 2", "error: configuration "},
        };
        for (String[] c : cases) {
            Path config = writeConfig("bad.yaml", config("bad", 1, c[0]));
            assertEquals(2, run("train", config.toString()), c[0]);
            assertTrue(errText().startsWith(c[1]), errText());
        }
        assertTrue(errText().contains("Duplicate field 'weight'"), errText());
        Path wrongModel = writeConfig("model.yaml", config("bad", 1, "").replace("type: pair", "type: nequipp"));
        assertEquals(2, run("train", wrongModel.toString()));
        assertTrue(errText().startsWith("error: model.type: unknown model type 'nequipp'; known: [cartesian_mlp, mace, nequip, pair]"), errText());
        Path modelField = writeConfig("field.yaml", config("bad", 1, "").replace("num_basis: 4", "num_basis: -4"));
        assertEquals(2, run("train", modelField.toString()));
        assertTrue(errText().startsWith("error: model.num_basis: -4 is out of range [1, 1000]"), errText());
        Path broken = writeConfig("broken.yaml", "r_max: [1,\n");
        assertEquals(2, run("train", broken.toString()));
        assertTrue(errText().startsWith("error: configuration " + broken), errText());
        assertEquals(2, run("train"));
        assertTrue(errText().contains("give either CONFIG or --resume DIR"), errText());
    }

    @Test
    void fixedCompositionGetsAWarningAboutTheShifts() throws IOException {
        String[] neAr = {"Ne", "Ar", "Ne", "Ar", "Ne", "Ar"};
        ExtXyz.DEFAULT.writeAll(dir.resolve("data.extxyz"),
                data.stream().map(s -> PairDatasets.relabelled(s, neAr)).toList());
        String fitted = config("fixed", 1, "").replace("  per_species_shifts: [-1.0, -2.5]\n", "");
        assertEquals(0, run("train", writeConfig("fixed.yaml", fitted).toString()), errText());
        assertTrue(outText().startsWith("warning: the compositions of the training set determine the per-species"
                + " energy shifts only up to rank 1 of 2 species"), outText());
        assertEquals(0, run("train", writeConfig("given.yaml", config("given", 1, "")).toString()), errText());
        assertTrue(outText().startsWith("training on 12 structures"), outText());
    }

    @Test
    void helpDescribesTrainAndEvaluate() {
        assertEquals(0, run("train", "--help"));
        assertTrue(outText().contains("Usage: equikern train [-hV] [--device=NAME] [--max-epochs=N]\n"
                + "                      [--precision=float64|float32] [--resume=DIR] [CONFIG]"), outText());
        assertEquals(0, run("evaluate", "--help"));
        assertTrue(outText().contains("Usage: equikern evaluate [-hV] [--batch-size=N] [--device=NAME] [-o=FILE]\n"
                + "                         [--precision=float64|float32] CHECKPOINT DATA"),
                outText());
        assertEquals(0, run("--help"));
        assertTrue(outText().contains("\n  train ") && outText().contains("\n  evaluate "), outText());
    }
}
