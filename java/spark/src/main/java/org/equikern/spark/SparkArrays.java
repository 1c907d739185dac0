package org.equikern.spark;

import java.util.Arrays;
import java.util.List;
import scala.collection.immutable.Seq;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Conversions between Java arrays and the values Spark rows hold for array columns: Scala sequences
 * going in (what Spark's row encoder accepts), Java lists coming out ({@link org.apache.spark.sql.Row#getList}).
 */
final class SparkArrays {
    private SparkArrays() {
    }

    static Seq<String> seq(String[] values) {
        return CollectionConverters.asScala(Arrays.asList(values)).toSeq();
    }

    static Seq<Double> seq(double[] values) {
        Double[] out = new Double[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return CollectionConverters.asScala(Arrays.asList(out)).toSeq();
    }

    static Seq<Boolean> seq(boolean[] values) {
        Boolean[] out = new Boolean[values.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i];
        }
        return CollectionConverters.asScala(Arrays.asList(out)).toSeq();
    }

    /** The values of array column {@code column}; a null element is an error naming its index. */
    static double[] doubles(String column, List<Double> values) {
        double[] out = new double[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nonNull(column, i, values.get(i));
        }
        return out;
    }

    /** The values of array column {@code column}; a null element is an error naming its index. */
    static boolean[] booleans(String column, List<Boolean> values) {
        boolean[] out = new boolean[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = nonNull(column, i, values.get(i));
        }
        return out;
    }

    private static <T> T nonNull(String column, int index, T value) {
        if (value == null) {
            throw new IllegalArgumentException(column + "[" + index + "] is null");
        }
        return value;
    }
}
