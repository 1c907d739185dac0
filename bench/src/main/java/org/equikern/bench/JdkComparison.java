package org.equikern.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The table of {@code bench/jdk-compare.sh}: the same JMH subset run on two JDKs in interleaved
 * rounds, one JMH JSON file per JDK and round ({@code jdk17-round1.json}, {@code jdk25-round1.json},
 * …). Per benchmark and parameters it gives each JDK's fastest and slowest round and the ratio of
 * the fastest rounds (above 1: the second JDK is faster).
 *
 * <p>Usage: {@code JdkComparison DIR FIRST SECOND OUT_MD "how it was run"}, e.g. {@code DIR 17 25 …}.
 */
public final class JdkComparison {
    private JdkComparison() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 5) {
            System.err.println("usage: JdkComparison DIR FIRST SECOND OUT_MD \"how it was run\"");
            System.exit(2);
        }
        Path dir = Path.of(args[0]);
        Map<String, List<Double>> first = scores(dir, args[1]);
        Map<String, List<Double>> second = scores(dir, args[2]);
        Files.writeString(Path.of(args[3]), render(args[1], first, args[2], second, args[4]));
        System.out.println("wrote " + args[3]);
    }

    /** benchmark (with parameters) → its score in each {@code jdkVERSION-round*.json} of {@code dir}. */
    private static Map<String, List<Double>> scores(Path dir, String version) throws IOException {
        List<List<?>> rounds = new ArrayList<>();
        try (var files = Files.newDirectoryStream(dir, "jdk" + version + "-round*.json")) {
            for (Path file : files) rounds.add(new ObjectMapper().readValue(file.toFile(), List.class));
        }
        return collect(rounds);
    }

    /** Each round's JMH runs gathered by benchmark and parameters. */
    static Map<String, List<Double>> collect(List<List<?>> rounds) {
        Map<String, List<Double>> byKey = new TreeMap<>();
        for (List<?> runs : rounds) {
            for (Object o : runs) {
                Map<?, ?> run = (Map<?, ?>) o;
                String key = JmhRun.benchmark(run).replace("org.equikern.bench.", "") + " " + JmhRun.params(run);
                byKey.computeIfAbsent(key.trim(), k -> new ArrayList<>()).add(JmhRun.score(run));
            }
        }
        return byKey;
    }

    static String render(String firstName, Map<String, List<Double>> first, String secondName,
                         Map<String, List<Double>> second, String how) {
        StringBuilder md = new StringBuilder();
        md.append("# JDK ").append(firstName).append(" against JDK ").append(secondName).append("\n\n")
                .append("Run: ").append(how).append("\n\n")
                .append("Each JDK ran the same benchmarks in alternating rounds; ms/call per round is JMH's mean.")
                .append(" ratio = JDK ").append(firstName).append("'s fastest round ÷ JDK ").append(secondName)
                .append("'s fastest round (> 1: JDK ").append(secondName).append(" is faster).\n\n")
                .append("| benchmark | JDK ").append(firstName).append(" ms min–max (rounds) | JDK ").append(secondName)
                .append(" ms min–max (rounds) | ratio |\n|---|---:|---:|---:|\n");
        for (Map.Entry<String, List<Double>> e : first.entrySet()) {
            List<Double> other = second.get(e.getKey());
            if (other == null) continue;
            double min1 = min(e.getValue());
            double min2 = min(other);
            md.append(String.format("| %s | %.3f–%.3f (%d) | %.3f–%.3f (%d) | %.2f |%n", e.getKey(), min1,
                    max(e.getValue()), e.getValue().size(), min2, max(other), other.size(), min1 / min2));
        }
        return md.toString();
    }

    private static double min(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
    }
}
