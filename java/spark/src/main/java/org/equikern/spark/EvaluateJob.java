package org.equikern.spark;

import java.io.IOException;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The {@code spark-submit} entry point: evaluates a checkpoint over structure files and writes the
 * predictions and errors tables ({@link EvaluationOutput}). Options: {@link JobArguments#USAGE}.
 *
 * <pre>
 * spark-submit --class org.equikern.spark.EvaluateJob equikern-spark.jar \
 *     --checkpoint runs/cu/best --input 'shards/*.xyz' --output results --batch-size 64
 * </pre>
 */
public final class EvaluateJob {
    private EvaluateJob() {
    }

    /** Runs the job in the session {@code spark-submit} configures; a failure exits non-zero. */
    public static void main(String[] args) throws IOException {
        JobArguments arguments = JobArguments.parse(args);
        SparkSession spark = SparkSession.builder().appName("equikern evaluate").getOrCreate();
        try {
            long errors = run(spark, arguments);
            System.out.println("wrote " + arguments.output() + " (" + errors + " error rows)");
        } finally {
            spark.stop();
        }
    }

    /** Runs the job in {@code spark} and returns the number of error rows. */
    static long run(SparkSession spark, JobArguments arguments) throws IOException {
        PotentialEvaluator evaluator = PotentialEvaluator.create(spark, Path.of(arguments.checkpoint()),
                arguments.settings());
        Dataset<Row> structures = StructureSources.read(spark, arguments.format(),
                arguments.inputs().toArray(String[]::new));
        return EvaluationOutput.write(spark, evaluator.evaluate(structures), arguments.output(),
                arguments.settings().atomEnergies(), arguments.strict());
    }
}
