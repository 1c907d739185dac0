package org.equikern.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.train.Batching;
import org.equikern.train.Checkpoint;
import org.equikern.train.PairDatasets;
import org.equikern.train.Potential;
import org.equikern.train.StructurePrediction;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The job in Spark local mode ({@code local[2,2]}: two task threads, a failed task retried once)
 * against {@code equikern evaluate}'s path: the checkpoint loaded by {@link Checkpoint} and
 * evaluated in batches of 16 ({@link Batching#consecutive}).
 */
class SparkEvaluationTest {
    /** Frames per shard; shard 1's frame {@value #MALFORMED_FRAME} has an atom line with a word for x. */
    private static final int FRAMES_PER_SHARD = 6;
    private static final int MALFORMED_FRAME = 2;

    @TempDir
    static Path dir;

    private static SparkSession spark;
    private static Path checkpoint;
    private static List<Structure> structures;
    /** Library predictions by shard id ({@code shard-K.xyz#I}). */
    private static Map<String, StructurePrediction> expected;

    /** Task attempts the fault hook has failed. */
    private static final AtomicInteger INJECTED_FAILURES = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        spark = SparkSession.builder().master("local[2,2]").appName("equikern-test")
                .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.host", "127.0.0.1").getOrCreate();
        checkpoint = TinyCheckpoints.pair(dir.resolve("run"));
        structures = PairDatasets.generate(2 * FRAMES_PER_SHARD, 5, 11);
        Potential potential = Checkpoint.loadPotential(Checkpoint.modelDirectory(checkpoint));
        List<StructurePrediction> reference = new ArrayList<>();
        Batching.consecutive(structures, 16, potential.cutoff())
                .forEach(b -> reference.addAll(StructurePrediction.split(b, potential.evaluate(b), false)));
        expected = new HashMap<>();
        for (int s = 0; s < structures.size(); s++) {
            expected.put(shardId(s), reference.get(s));
        }
        Files.createDirectories(dir.resolve("shards"));
        for (int shard = 0; shard < 2; shard++) {
            ExtXyz.DEFAULT.writeAll(dir.resolve("shards/shard-" + shard + ".xyz"),
                    structures.subList(shard * FRAMES_PER_SHARD, (shard + 1) * FRAMES_PER_SHARD));
        }
        breakFrame(dir.resolve("shards/shard-1.xyz"), MALFORMED_FRAME);
    }

    @AfterAll
    static void stop() {
        spark.stop();
    }

    private static String shardId(int structure) {
        return "shard-" + structure / FRAMES_PER_SHARD + ".xyz#" + structure % FRAMES_PER_SHARD;
    }

    /** Replaces the x coordinate of the first atom of frame {@code frame} with a word. */
    private static void breakFrame(Path shard, int frame) throws IOException {
        List<String> lines = new ArrayList<>(Files.readAllLines(shard));
        int atoms = structures.get(0).atoms();
        int firstAtomLine = frame * (atoms + 2) + 2;
        String[] columns = lines.get(firstAtomLine).trim().split("\\s+");
        columns[1] = "oops";
        lines.set(firstAtomLine, String.join(" ", columns));
        Files.write(shard, lines);
    }

    private static JobArguments arguments(String output, String... extra) {
        List<String> args = new ArrayList<>(List.of("--checkpoint", checkpoint.toString(),
                "--input", dir.resolve("shards").toString(), "--output", dir.resolve(output).toString(),
                "--batch-size", "4"));
        args.addAll(List.of(extra));
        return JobArguments.parse(args.toArray(String[]::new));
    }

    private static Map<String, Row> byId(Dataset<Row> table) {
        Map<String, Row> rows = new HashMap<>();
        for (Row r : table.collectAsList()) {
            assertNull(rows.put(r.getString(0), r), "id " + r.getString(0) + " appears twice");
        }
        return rows;
    }

    /** The predictions table holds every structure but the malformed one, equal to the library's. */
    private static void assertLibraryPredictions(Path output) {
        Map<String, Row> predictions = byId(spark.read().parquet(output.resolve("predictions").toString()));
        assertEquals(structures.size() - 1, predictions.size());
        for (Map.Entry<String, StructurePrediction> e : expected.entrySet()) {
            Row row = predictions.get(e.getKey());
            if (e.getKey().equals(shardId(FRAMES_PER_SHARD + MALFORMED_FRAME))) {
                assertNull(row);
                continue;
            }
            assertEquals(e.getValue().energy(), row.getDouble(1), e.getKey());
            assertArrayEquals(e.getValue().forces(), SparkArrays.doubles("forces", row.getList(2)), e.getKey());
        }
    }

    private static void assertOneErrorForTheMalformedFrame(Path output) {
        List<Row> errors = spark.read().parquet(output.resolve("errors").toString()).collectAsList();
        assertEquals(1, errors.size(), errors.toString());
        assertEquals("shard-1.xyz#" + MALFORMED_FRAME, errors.get(0).getString(0));
        int line = MALFORMED_FRAME * (structures.get(0).atoms() + 2) + 3;
        assertTrue(errors.get(0).getString(1).startsWith("shard-1.xyz:" + line + ": "), errors.get(0).getString(1));
    }

    @Test
    void extxyzShardsGiveTheLibraryPredictionsAndTheMalformedFrameAnErrorRow() throws IOException {
        assertEquals(1, EvaluateJob.run(spark, arguments("out-extxyz")));
        assertLibraryPredictions(dir.resolve("out-extxyz"));
        assertOneErrorForTheMalformedFrame(dir.resolve("out-extxyz"));
    }

    @Test
    void parquetInputGivesTheSamePredictionsAndReportsAnInvalidRow() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (int s = 0; s < structures.size(); s++) {
            Row r = StructureSchema.toRow(shardId(s), structures.get(s));
            // Seven position values for five atoms: that row is not a structure.
            Object positions = s == FRAMES_PER_SHARD + MALFORMED_FRAME
                    ? SparkArrays.seq(new double[] {1, 2, 3, 4, 5, 6, 7}) : r.get(2);
            rows.add(RowFactory.create(r.get(0), r.get(1), positions, r.get(3), r.get(4)));
        }
        String input = dir.resolve("structures.parquet").toString();
        spark.createDataFrame(rows, StructureSchema.STRUCTURES).write().parquet(input);

        JobArguments args = JobArguments.parse("--checkpoint", checkpoint.toString(), "--input", input,
                "--output", dir.resolve("out-parquet").toString(), "--batch-size", "5");
        assertEquals(StructureSources.Format.PARQUET, args.format());
        assertEquals(1, EvaluateJob.run(spark, args));
        assertLibraryPredictions(dir.resolve("out-parquet"));
        List<Row> errors = spark.read().parquet(dir.resolve("out-parquet/errors").toString()).collectAsList();
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getString(1).contains("positions"), errors.get(0).getString(1));
    }

    @Test
    void strictModeFailsOnTheMalformedFrameAndWritesNothing() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> EvaluateJob.run(spark, arguments("out-strict", "--strict")));
        assertTrue(e.getMessage().startsWith("strict mode: 1 structure(s) could not be evaluated"), e.getMessage());
        assertTrue(e.getMessage().contains("shard-1.xyz#" + MALFORMED_FRAME + ": shard-1.xyz:"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("out-strict")));
        try (var siblings = Files.list(dir)) {
            assertTrue(siblings.noneMatch(p -> p.getFileName().toString().startsWith(".out-strict")));
        } catch (IOException io) {
            throw new AssertionError(io);
        }
    }

    @Test
    void aTaskFailingMidPartitionIsRetriedAndEveryIdIsWrittenOnce() throws IOException {
        PotentialEvaluator evaluator = PotentialEvaluator.create(spark, checkpoint,
                EvaluationSettings.defaults().batchSize(2));
        Dataset<Row> input = StructureSources.extxyz(spark, dir.resolve("shards").toString());
        int before = INJECTED_FAILURES.get();
        Dataset<Row> flaky = input.mapPartitions(new FailFirstAttempt(), Encoders.row(input.schema()));
        Path output = dir.resolve("out-retried");
        assertEquals(1, EvaluationOutput.write(spark, evaluator.evaluate(flaky), output.toString(), false, false));
        assertEquals(flaky.rdd().getNumPartitions(), INJECTED_FAILURES.get() - before, "one failed first attempt per task");
        assertLibraryPredictions(output);
        assertOneErrorForTheMalformedFrame(output);
    }

    /** The fault hook: the first attempt of every task hands on three rows (a batch and a half), then dies. */
    private static final class FailFirstAttempt implements MapPartitionsFunction<Row, Row> {
        private static final long serialVersionUID = 1L;

        @Override
        public Iterator<Row> call(Iterator<Row> rows) {
            return new Iterator<>() {
                private int handed;

                @Override
                public boolean hasNext() {
                    if (handed == 3 && TaskContext.get().attemptNumber() == 0) {
                        INJECTED_FAILURES.incrementAndGet();
                        throw new IllegalStateException("injected failure after 3 rows");
                    }
                    return rows.hasNext();
                }

                @Override
                public Row next() {
                    handed++;
                    return rows.next();
                }
            };
        }
    }

    @Test
    void perAtomEnergiesOfANequipModelAreTheLibrarysAndSumToTheEnergy() throws IOException {
        Path nequip = TinyCheckpoints.nequip(dir.resolve("nequip-run"));
        Potential potential = Checkpoint.loadPotential(Checkpoint.modelDirectory(nequip));
        List<Structure> valid = structures.subList(0, FRAMES_PER_SHARD);
        List<StructurePrediction> reference = new ArrayList<>();
        Batching.consecutive(valid, 16, potential.cutoff())
                .forEach(b -> reference.addAll(StructurePrediction.split(b, potential.evaluate(b), true)));

        Path output = dir.resolve("out-per-atom");
        JobArguments args = JobArguments.parse("--checkpoint", nequip.toString(),
                "--input", dir.resolve("shards/shard-0.xyz").toString(), "--output", output.toString(), "--per-atom");
        assertEquals(0, EvaluateJob.run(spark, args));
        Map<String, Row> predictions = byId(spark.read().parquet(output.resolve("predictions").toString()));
        assertEquals(valid.size(), predictions.size());
        for (int s = 0; s < valid.size(); s++) {
            Row row = predictions.get(shardId(s));
            double[] atomEnergies = SparkArrays.doubles("atom_energies", row.getList(3));
            assertArrayEquals(reference.get(s).atomEnergies(), atomEnergies);
            assertEquals(reference.get(s).energy(), row.getDouble(1));
            assertEquals(row.getDouble(1), Arrays.stream(atomEnergies).sum(), 1e-12 * Math.abs(row.getDouble(1)));
        }
    }

    /**
     * A NequIP model on OpenCL (PoCL here, one device per executor JVM) gives the host model's predictions to
     * round-off: energies, forces and per-atom energies to 1e-10 of their largest magnitude.
     */
    @Test
    void aNequipModelOnOpenClGivesTheHostModelsPredictions() throws IOException {
        Path nequip = TinyCheckpoints.nequip(dir.resolve("nequip-opencl-run"));
        Potential potential = Checkpoint.loadPotential(Checkpoint.modelDirectory(nequip));
        List<Structure> valid = structures.subList(0, FRAMES_PER_SHARD);
        List<StructurePrediction> reference = new ArrayList<>();
        Batching.consecutive(valid, 16, potential.cutoff())
                .forEach(b -> reference.addAll(StructurePrediction.split(b, potential.evaluate(b), true)));

        Path output = dir.resolve("out-opencl");
        JobArguments args = JobArguments.parse("--checkpoint", nequip.toString(), "--input",
                dir.resolve("shards/shard-0.xyz").toString(), "--output", output.toString(), "--per-atom",
                "--device", "opencl:0", "--batch-size", "4");
        assertEquals(0, EvaluateJob.run(spark, args));
        Map<String, Row> predictions = byId(spark.read().parquet(output.resolve("predictions").toString()));
        assertEquals(valid.size(), predictions.size());
        for (int s = 0; s < valid.size(); s++) {
            Row row = predictions.get(shardId(s));
            StructurePrediction host = reference.get(s);
            assertEquals(host.energy(), row.getDouble(1), 1e-10 * Math.abs(host.energy()), "energy " + s);
            assertClose(host.forces(), SparkArrays.doubles("forces", row.getList(2)), "forces " + s);
            assertClose(host.atomEnergies(), SparkArrays.doubles("atom_energies", row.getList(3)),
                    "atom energies " + s);
        }
    }

    /** Equal to 1e-10 of the largest expected magnitude, element by element. */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        double scale = Arrays.stream(expected).map(Math::abs).max().orElse(0);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-10 * scale, what + "[" + i + "]");
        }
    }

    @Test
    void theDatasetApiRunsAsTheReadmeShowsIt() throws IOException {
        String shards = dir.resolve("shards").toString();
        String output = dir.resolve("out-readme").toString();
        // README: "Evaluate on Spark"
        PotentialEvaluator evaluator = PotentialEvaluator.create(spark, checkpoint,
                EvaluationSettings.defaults().batchSize(64));
        Dataset<Row> results = evaluator.evaluate(StructureSources.extxyz(spark, shards));
        Dataset<Row> energies = results.filter(functions.col("error").isNull()).select("id", "energy");
        long errors = EvaluationOutput.write(spark, results, output, false, false);
        // end README
        assertEquals(1, errors);
        Map<String, Row> byId = byId(energies);
        assertEquals(structures.size() - 1, byId.size());
        assertEquals(expected.get(shardId(1)).energy(), byId.get(shardId(1)).getDouble(1));
        assertLibraryPredictions(Path.of(output));
    }

    @Test
    void aDirectoryThatIsNoCheckpointFailsOnTheDriverAndWritesNothing() {
        JobArguments args = JobArguments.parse("--checkpoint", dir.resolve("shards").toString(),
                "--input", dir.resolve("shards").toString(), "--output", dir.resolve("out-no-model").toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EvaluateJob.run(spark, args));
        assertEquals("checkpoint " + dir.resolve("shards") + ": holds neither model.safetensors nor best/model.safetensors",
                e.getMessage());
        assertFalse(Files.exists(dir.resolve("out-no-model")));
    }

    @Test
    void theModelIsLoadedOncePerJvmAndAnExistingOutputIsRefused() throws IOException {
        EvaluateJob.run(spark, arguments("out-first"));
        int models = ExecutorPotentials.size();
        EvaluateJob.run(spark, arguments("out-second"));
        assertEquals(models, ExecutorPotentials.size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EvaluateJob.run(spark, arguments("out-first")));
        assertTrue(e.getMessage().endsWith("out-first: exists already; choose a new folder"), e.getMessage());
    }
}
