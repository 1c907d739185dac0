package org.equikern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The e3nn oracle's timings over several runs in one sitting: {@code bench_e3nn.py} and
 * {@code e3nn_conv.py} print one {@code name batch=… fwd_ms=… fwdbwd_ms=…} line per workload and
 * run, and the suite runs them several times because e3nn's own time varies by up to 3× between
 * runs. Ratios are taken against the minimum; the spread is reported beside it.
 */
final class OracleRuns {
    /** name → key ({@code fwd_ms}, {@code batch}, …) → one value per run, in file order. */
    private final Map<String, Map<String, List<Double>>> values;

    private OracleRuns(Map<String, Map<String, List<Double>>> values) {
        this.values = values;
    }

    /** No oracle timings (the suite ran without e3nn). */
    static OracleRuns none() {
        return new OracleRuns(Map.of());
    }

    /** Reads every result line of {@code file}; other lines (warnings, headers) are skipped. */
    static OracleRuns read(Path file) throws IOException {
        return parse(Files.readAllLines(file));
    }

    static OracleRuns parse(List<String> lines) {
        Map<String, Map<String, List<Double>>> byName = new HashMap<>();
        for (String line : lines) {
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length < 2 || !tokens[1].startsWith("batch=")) continue;
            Map<String, List<Double>> keys = byName.computeIfAbsent(tokens[0], k -> new HashMap<>());
            for (int i = 1; i < tokens.length; i++) {
                String[] kv = tokens[i].split("=", 2);
                keys.computeIfAbsent(kv[0], k -> new ArrayList<>()).add(Double.parseDouble(kv[1]));
            }
        }
        return new OracleRuns(byName);
    }

    /** The runs of {@code key} for workload {@code name}; empty when the oracle did not time it. */
    List<Double> runs(String name, String key) {
        return values.getOrDefault(name, Map.of()).getOrDefault(key, List.of());
    }

    /** The smallest value of {@code key} over the runs; NaN when there are none. */
    double min(String name, String key) {
        return runs(name, key).stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
    }

    /** The largest value of {@code key} over the runs; NaN when there are none. */
    double max(String name, String key) {
        return runs(name, key).stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }
}
