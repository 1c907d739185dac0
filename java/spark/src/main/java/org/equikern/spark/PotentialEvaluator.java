package org.equikern.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Evaluates a checkpoint over a structures table, partition by partition, on the executors: the
 * Dataset-level API of this module.
 *
 * <pre>{@code
 * PotentialEvaluator evaluator = PotentialEvaluator.create(spark, Path.of("runs/cu/best"),
 *         EvaluationSettings.defaults().batchSize(64));
 * Dataset<Row> results = evaluator.evaluate(StructureSources.parquet(spark, "structures.parquet"));
 * }</pre>
 *
 * <p>The checkpoint is read once on the driver and broadcast; each executor JVM builds the model on
 * its first task and keeps it ({@link ExecutorPotentials}). Each partition batches
 * {@link EvaluationSettings#batchSize()} structures into one graph per call.
 */
public final class PotentialEvaluator {
    private final Broadcast<CheckpointBundle> checkpoint;
    private final EvaluationSettings settings;

    private PotentialEvaluator(Broadcast<CheckpointBundle> checkpoint, EvaluationSettings settings) {
        this.checkpoint = checkpoint;
        this.settings = settings;
    }

    /**
     * An evaluator of the checkpoint {@code checkpoint} names (a checkpoint directory, or a training
     * output directory for its {@code best} checkpoint), a path readable on the driver.
     *
     * @throws IllegalArgumentException when it is not a checkpoint
     * @throws IOException when it cannot be read
     */
    public static PotentialEvaluator create(SparkSession spark, Path checkpoint, EvaluationSettings settings)
            throws IOException {
        CheckpointBundle bundle = CheckpointBundle.read(checkpoint);
        return new PotentialEvaluator(JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(bundle),
                settings);
    }

    /**
     * The result rows ({@link ResultSchema#RESULTS}) of {@code structures}, a table of
     * {@link StructureSchema#STRUCTURES} with or without the {@value StructureSchema#ERROR} column;
     * one result row per input row. Lazy, as every Dataset transformation.
     */
    public Dataset<Row> evaluate(Dataset<Row> structures) {
        Broadcast<CheckpointBundle> model = checkpoint;
        EvaluationSettings s = settings;
        MapPartitionsFunction<Row, Row> perPartition = (Iterator<Row> rows) -> new BatchedEvaluation(
                ExecutorPotentials.get(model.value(), s.device()), rows, s.batchSize(), s.atomEnergies());
        return StructureSources.withErrorColumn(structures).mapPartitions(perPartition,
                Encoders.row(ResultSchema.RESULTS));
    }
}
