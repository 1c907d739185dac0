package org.equikern.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.equikern.data.Structure;
import org.equikern.train.Batching;
import org.equikern.train.Checkpoint;
import org.equikern.train.PairDatasets;
import org.equikern.train.Potential;
import org.equikern.train.StructurePrediction;

/**
 * Structures per second of the Spark job in {@code local[1]} and {@code local[2]}, and of the same
 * evaluation called directly (the path of {@code equikern evaluate}), on a tiny NequIP checkpoint:
 * each measured several times after a warm-up run, reported as the minimum and the spread. Run by
 * {@code bench/spark-scaling.sh}, which names the markdown file to write.
 *
 * <p>Arguments: {@code OUTPUT.md [STRUCTURES] [REPEATS]} (defaults 256 and 3).
 */
public final class SparkScalingBenchmark {
    private static final int ATOMS = 8;
    private static final int BATCH = 16;
    /** Input Parquet files: partitions enough for two task threads to share evenly. */
    private static final int INPUT_FILES = 8;

    private SparkScalingBenchmark() {
    }

    /** Seconds of each repetition of one configuration. */
    private record Timing(String mode, List<Double> seconds) {
        double min() {
            return Collections.min(seconds);
        }

        double spread() {
            return (Collections.max(seconds) - min()) / min();
        }
    }

    public static void main(String[] args) throws IOException {
        Path report = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 256;
        int repeats = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        Path work = Files.createTempDirectory("equikern-spark-bench");
        Path checkpoint = TinyCheckpoints.nequip(work.resolve("run"));
        List<Structure> structures = PairDatasets.generate(count, ATOMS, 5);

        List<Timing> timings = new ArrayList<>();
        timings.add(direct(checkpoint, structures, repeats));
        String input = work.resolve("structures.parquet").toString();
        for (int threads = 1; threads <= 2; threads++) {
            timings.add(spark(threads, checkpoint, structures, input, work, repeats));
        }
        Files.writeString(report, markdown(timings, count, repeats));
        System.out.print(markdown(timings, count, repeats));
    }

    private static Timing direct(Path checkpoint, List<Structure> structures, int repeats) throws IOException {
        Potential potential = Checkpoint.loadPotential(Checkpoint.modelDirectory(checkpoint));
        List<Double> seconds = new ArrayList<>();
        for (int r = -1; r < repeats; r++) {
            long start = System.nanoTime();
            int predicted = 0;
            for (var batch : Batching.consecutive(structures, BATCH, potential.cutoff())) {
                predicted += StructurePrediction.split(batch, potential.evaluate(batch), false).size();
            }
            check(predicted, structures.size());
            record(seconds, r, start);
        }
        return new Timing("direct (library, one caller thread)", seconds);
    }

    private static Timing spark(int threads, Path checkpoint, List<Structure> structures, String input, Path work,
            int repeats) throws IOException {
        SparkSession spark = SparkSession.builder().master("local[" + threads + "]").appName("equikern-bench")
                .config("spark.ui.enabled", "false").config("spark.driver.host", "127.0.0.1").getOrCreate();
        try {
            if (!Files.exists(Path.of(input))) {
                List<Row> rows = new ArrayList<>();
                for (int s = 0; s < structures.size(); s++) {
                    rows.add(StructureSchema.toRow("s" + s, structures.get(s)));
                }
                spark.createDataFrame(rows, StructureSchema.STRUCTURES).repartition(INPUT_FILES).write().parquet(input);
            }
            List<Double> seconds = new ArrayList<>();
            for (int r = -1; r < repeats; r++) {
                long start = System.nanoTime();
                JobArguments args = JobArguments.parse("--checkpoint", checkpoint.toString(), "--input", input,
                        "--output", work.resolve("out-" + threads + "-" + r).toString(),
                        "--batch-size", Integer.toString(BATCH));
                check(EvaluateJob.run(spark, args), 0);
                record(seconds, r, start);
            }
            return new Timing("Spark local[" + threads + "] (whole job: read, evaluate, write)", seconds);
        } finally {
            spark.stop();
        }
    }

    /** Keeps the time since {@code start} unless {@code repeat} is the warm-up run (-1). */
    private static void record(List<Double> seconds, int repeat, long start) {
        double s = (System.nanoTime() - start) / 1e9;
        if (repeat >= 0) {
            seconds.add(s);
        }
    }

    private static void check(long got, long expected) {
        if (got != expected) {
            throw new IllegalStateException("expected " + expected + ", got " + got);
        }
    }

    private static String markdown(List<Timing> timings, int count, int repeats) {
        double direct = timings.get(0).min();
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%d structures of %d atoms, tiny NequIP (1 layer, l_max 1, 4 features), "
                + "batch %d, %d timed runs after one warm-up each; minimum and spread (max − min) / min.%n"
                + "Device `java` (the host model in float64); `--device opencl:N|cuda:N`, which runs NequIP and MACE "
                + "through%n`DevicePotential`, was not measured here.%n%n",
                count, ATOMS, BATCH, repeats));
        b.append("| mode | min time (s) | structures/s | spread | time vs direct | overhead vs direct (s) |\n"
                + "|---|---:|---:|---:|---:|---:|\n");
        for (Timing t : timings) {
            b.append(String.format(Locale.ROOT, "| %s | %.2f | %.0f | %.0f%% | %.2f× | %+.2f |%n", t.mode(), t.min(),
                    count / t.min(), 100 * t.spread(), t.min() / direct, t.min() - direct));
        }
        double scaling = timings.get(1).min() / timings.get(2).min();
        b.append(String.format(Locale.ROOT, "%nScaling local[1] → local[2]: %.2f× the throughput.%n", scaling));
        return b.toString();
    }
}
