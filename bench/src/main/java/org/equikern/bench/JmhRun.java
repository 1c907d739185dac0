package org.equikern.bench;

import java.util.List;
import java.util.Map;

/** Fields of one entry of JMH's JSON result list (read with Jackson as maps and lists). */
final class JmhRun {
    private JmhRun() {}

    /** The benchmark's full name, e.g. {@code org.equikern.bench.FmaPeakBenchmark.fmaPeak}. */
    static String benchmark(Map<?, ?> run) {
        return (String) run.get("benchmark");
    }

    /** A {@code @Param} value, or null when the benchmark has no such parameter. */
    static String param(Map<?, ?> run, String name) {
        Map<?, ?> params = (Map<?, ?>) run.get("params");
        return params == null ? null : (String) params.get(name);
    }

    /** Every {@code @Param} as {@code name=value}, comma-separated in JMH's order; empty without any. */
    static String params(Map<?, ?> run) {
        Map<?, ?> params = (Map<?, ?>) run.get("params");
        if (params == null) return "";
        StringBuilder text = new StringBuilder();
        params.forEach((k, v) -> text.append(text.length() == 0 ? "" : ", ").append(k).append('=').append(v));
        return text.toString();
    }

    /** The primary score in ms/op (the suite's unit; anything else is refused). */
    static double score(Map<?, ?> run) {
        return number(metric(run).get("score"));
    }

    /** JMH's 99.9% error bound of the score; NaN with a single iteration. */
    static double error(Map<?, ?> run) {
        return number(metric(run).get("scoreError"));
    }

    /** The fastest and slowest measurement iteration, ms/op, over all forks. */
    static double[] range(Map<?, ?> run) {
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        for (Object fork : (List<?>) metric(run).get("rawData")) {
            for (Object value : (List<?>) fork) {
                min = Math.min(min, number(value));
                max = Math.max(max, number(value));
            }
        }
        return new double[] {min, max};
    }

    private static Map<?, ?> metric(Map<?, ?> run) {
        Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
        if (!"ms/op".equals(metric.get("scoreUnit"))) {
            throw new IllegalArgumentException(benchmark(run) + ": expected ms/op, got " + metric.get("scoreUnit"));
        }
        return metric;
    }

    /** JMH writes {@code "NaN"} as a string where a single iteration gives no error bound. */
    private static double number(Object value) {
        return value instanceof Number ? ((Number) value).doubleValue() : Double.parseDouble(String.valueOf(value));
    }
}
