package org.equikern.spark;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;

/**
 * Reads structures into the table {@link PotentialEvaluator} consumes
 * ({@link StructureSchema#STRUCTURES_WITH_ERRORS}): extended XYZ shards, each read whole by one task
 * (Spark packs small shards together into a partition), or Parquet in the
 * {@link StructureSchema documented schema}. Paths may be folders and globs,
 * on any file system Spark reads.
 */
public final class StructureSources {
    /** The input formats. */
    public enum Format {
        /** Extended XYZ shards ({@code .xyz}, {@code .extxyz}, any name). */
        EXTXYZ,
        /** Parquet files of the structures schema. */
        PARQUET
    }

    private StructureSources() {
    }

    /** Reads {@code paths} in {@code format}. */
    public static Dataset<Row> read(SparkSession spark, Format format, String... paths) {
        return format == Format.EXTXYZ ? extxyz(spark, paths) : parquet(spark, paths);
    }

    /**
     * The frames of the extended XYZ shards at {@code paths}; a malformed frame is a row with its
     * reason in {@value StructureSchema#ERROR} (see {@link ExtXyzShard} for ids and recovery).
     */
    public static Dataset<Row> extxyz(SparkSession spark, String... paths) {
        requirePaths(paths);
        FlatMapFunction<Row, Row> frames = file -> new ExtXyzShard(new Path(file.getString(0)).getName(),
                new String((byte[]) file.get(1), StandardCharsets.UTF_8));
        return spark.read().format("binaryFile").load(paths).select("path", "content")
                .flatMap(frames, Encoders.row(StructureSchema.STRUCTURES_WITH_ERRORS));
    }

    /**
     * The Parquet structures at {@code paths}, with a null {@value StructureSchema#ERROR} column.
     *
     * @throws IllegalArgumentException naming a column that is missing or of another type
     */
    public static Dataset<Row> parquet(SparkSession spark, String... paths) {
        requirePaths(paths);
        return withErrorColumn(spark.read().parquet(paths));
    }

    /**
     * {@code structures} (checked against {@link StructureSchema#STRUCTURES}) with its columns in
     * schema order and an {@value StructureSchema#ERROR} column, null where the table has none.
     */
    public static Dataset<Row> withErrorColumn(Dataset<Row> structures) {
        StructureSchema.check(structures.schema());
        Dataset<Row> withError = Arrays.asList(structures.columns()).contains(StructureSchema.ERROR) ? structures
                : structures.withColumn(StructureSchema.ERROR, functions.lit(null).cast(DataTypes.StringType));
        return withError.select(Arrays.stream(StructureSchema.STRUCTURES_WITH_ERRORS.fieldNames())
                .map(functions::col).toArray(org.apache.spark.sql.Column[]::new));
    }

    private static void requirePaths(String[] paths) {
        if (paths == null || paths.length == 0) {
            throw new IllegalArgumentException("input paths: none given; need at least one");
        }
    }
}
