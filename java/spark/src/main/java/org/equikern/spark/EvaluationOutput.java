package org.equikern.spark;

import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.storage.StorageLevel;

/**
 * Writes evaluation results as two Parquet tables under one output folder: {@value #PREDICTIONS}
 * ({@code id}, {@code energy}, {@code forces} and, when asked for, {@code atom_energies}) and
 * {@value #ERRORS} ({@code id}, {@code error}).
 *
 * <p>Atomic: each table is written with Spark's commit protocol (a task's output becomes visible only
 * when the task commits, so a retried task adds its rows once), both into a hidden sibling folder
 * that is renamed to the output only when both are complete. A failed job leaves no output; in strict
 * mode, any error row fails the job and leaves no output either.
 */
public final class EvaluationOutput {
    /** The predictions table's folder. */
    public static final String PREDICTIONS = "predictions";
    /** The errors table's folder. */
    public static final String ERRORS = "errors";
    /** Error rows named in a strict-mode failure. */
    static final int ERRORS_SHOWN = 5;

    private EvaluationOutput() {
    }

    /**
     * Writes {@code results} ({@link ResultSchema#RESULTS}) to {@code output}, which must not exist.
     *
     * @param withAtomEnergies whether the predictions table gets {@code atom_energies}
     * @param strict           whether an error row fails the job
     * @return the number of error rows
     * @throws IllegalArgumentException when {@code output} exists
     * @throws IllegalStateException in strict mode when a structure could not be evaluated, naming the first
     */
    public static long write(SparkSession spark, Dataset<Row> results, String output, boolean withAtomEnergies,
            boolean strict) throws IOException {
        FileSystem fs = new Path(output).getFileSystem(spark.sparkContext().hadoopConfiguration());
        Path target = fs.makeQualified(new Path(output));
        if (fs.exists(target)) {
            throw new IllegalArgumentException("output " + output + ": exists already; choose a new folder");
        }
        Path staging = new Path(target.getParent(), "." + target.getName() + "-" + UUID.randomUUID() + ".tmp");
        // Both tables come from one evaluation: keep its rows instead of evaluating twice.
        Dataset<Row> kept = results.persist(StorageLevel.MEMORY_AND_DISK());
        try {
            Column ok = functions.col(StructureSchema.ERROR).isNull();
            List<String> columns = withAtomEnergies
                    ? List.of(StructureSchema.ID, ResultSchema.ENERGY, ResultSchema.FORCES, ResultSchema.ATOM_ENERGIES)
                    : List.of(StructureSchema.ID, ResultSchema.ENERGY, ResultSchema.FORCES);
            kept.filter(ok).select(columns.stream().map(functions::col).toArray(Column[]::new))
                    .write().parquet(new Path(staging, PREDICTIONS).toString());
            Dataset<Row> errors = kept.filter(functions.not(ok)).select(StructureSchema.ID, StructureSchema.ERROR);
            errors.write().parquet(new Path(staging, ERRORS).toString());
            long errorCount = errors.count();
            if (strict && errorCount > 0) {
                throw new IllegalStateException(strictFailure(errors, errorCount));
            }
            if (!fs.rename(staging, target)) {
                throw new IOException("cannot rename " + staging + " to " + target);
            }
            return errorCount;
        } finally {
            fs.delete(staging, true);
            kept.unpersist();
        }
    }

    private static String strictFailure(Dataset<Row> errors, long count) {
        String first = errors.limit(ERRORS_SHOWN).collectAsList().stream()
                .map(r -> r.getString(0) + ": " + r.getString(1)).collect(Collectors.joining("\n  "));
        return "strict mode: " + count + " structure(s) could not be evaluated; no output written. First:\n  " + first;
    }
}
