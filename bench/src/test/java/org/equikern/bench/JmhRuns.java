package org.equikern.bench;

import java.util.List;
import java.util.Map;

/** JMH JSON entries as Jackson reads them (maps and lists), for the report's tests. */
final class JmhRuns {
    private JmhRuns() {}

    /** One ms/op result of {@code benchmark} (short name) with {@code params} and its iteration scores. */
    static Map<String, Object> run(String benchmark, Map<String, String> params, double score, double... iterations) {
        List<Double> raw = java.util.Arrays.stream(iterations).boxed().toList();
        return Map.of("benchmark", "org.equikern.bench." + benchmark, "params", params,
                "primaryMetric", Map.of("score", score, "scoreError", "NaN", "scoreUnit", "ms/op",
                        "rawData", List.of(raw)));
    }
}
