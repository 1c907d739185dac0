package org.equikern.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns a JMH JSON result file and, optionally, the output of the e3nn oracle's
 * {@code bench_e3nn.py} into the Markdown table of {@code bench/results/RESULTS.md}.
 *
 * <p>Usage: {@code ResultsReport JMH_JSON E3NN_TXT|- OUT_MD "how it was run"}.
 *
 * <p>FLOPs: {@link org.equikern.tp.Plan#flopsPerSample()} counts multiply-adds, so a forward pass
 * is 2 × that per item; forward+backward is taken as 3 forward passes (the gradients of x1, x2 and
 * the weights each cost about one forward pass). Harmonics have no FLOP count here.
 */
public final class ResultsReport {
    private static final String PACKAGE = "org.equikern.bench.";

    private ResultsReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ResultsReport JMH_JSON E3NN_TXT|- OUT_MD \"how it was run\"");
            System.exit(2);
        }
        List<?> runs = new ObjectMapper().readValue(Path.of(args[0]).toFile(), List.class);
        Map<String, Map<String, Double>> e3nn = args[1].equals("-") ? Map.of() : readOracle(Path.of(args[1]));
        MachinePeak peak = MachinePeak.read();
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(runs, e3nn, peak, args[3]));
        System.out.println("wrote " + out);
    }

    /** {@code name → {fwd_ms, fwdbwd_ms, batch, …}} from the oracle's {@code name key=value …} lines. */
    static Map<String, Map<String, Double>> readOracle(Path file) throws IOException {
        Map<String, Map<String, Double>> byName = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] tokens = line.trim().split("\\s+");
            if (tokens.length < 2 || !tokens[1].startsWith("batch=")) continue;
            Map<String, Double> values = new HashMap<>();
            for (int i = 1; i < tokens.length; i++) {
                String[] kv = tokens[i].split("=", 2);
                values.put(kv[0], Double.parseDouble(kv[1]));
            }
            byName.put(tokens[0], values);
        }
        return byName;
    }

    /** JMH writes {@code "NaN"} as a string where a single iteration gives no error bound. */
    private static double number(Object value) {
        return value instanceof Number ? ((Number) value).doubleValue() : Double.parseDouble(String.valueOf(value));
    }

    static String render(List<?> runs, Map<String, Map<String, Double>> e3nn, MachinePeak peak, String how) {
        StringBuilder md = new StringBuilder();
        md.append("# Equikern benchmark results\n\n")
                .append("Machine: ").append(peak.model).append(" (").append(peak.vendor).append(" family ")
                .append(peak.family).append(" model ").append(peak.modelNumber).append("), ").append(peak.cores)
                .append(" cores, SIMD flags ").append(String.join(" ", peak.simd)).append(".\n\n")
                .append("Run: ").append(how).append("\n\n")
                .append("Peak estimate: ").append(peak.formula())
                .append(". See `MachinePeak` for why AVX-512 counts as 8 lanes on AMD Zen 4.\n\n")
                .append("- items/s = batch / time per call (edges, samples or vectors).\n")
                .append("- ratio = Equikern items/s ÷ e3nn 0.5.6 items/s (CPU PyTorch, float32, 2 threads),")
                .append(" measured in the same sitting; > 1 means Equikern is faster. Only float32 rows")
                .append(" are compared.\n")
                .append("- GFLOP/s counts 2 FLOP per multiply-add of `Plan.flopsPerSample()`; forward+backward")
                .append(" counts 3 forward passes. % peak is against the FP32 or FP64 estimate above.\n")
                .append("- Timings on a shared 2-core machine are noisy; the ± is JMH's 99.9% interval.\n\n")
                .append("| workload | pass | backend | precision | batch | ms/call | items/s | e3nn items/s")
                .append(" | ratio to e3nn | GFLOP/s | % peak |\n")
                .append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Object o : runs) md.append(row((Map<?, ?>) o, e3nn, peak)).append('\n');
        return md.toString();
    }

    private static String row(Map<?, ?> run, Map<String, Map<String, Double>> e3nn, MachinePeak peak) {
        String method = ((String) run.get("benchmark")).replace(PACKAGE, "");
        boolean backward = method.endsWith(".forwardBackward");
        Map<?, ?> params = (Map<?, ?>) run.get("params");
        Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
        if (!"ms/op".equals(metric.get("scoreUnit"))) {
            throw new IllegalArgumentException(method + ": expected ms/op, got " + metric.get("scoreUnit"));
        }
        Workload workload = Workload.of((String) params.get("workload"));
        String precision = (String) params.get("precision");
        Object backend = params.get("backend");
        int batch = workload.batch(Double.parseDouble((String) params.get("scale")));
        double ms = number(metric.get("score"));
        double error = number(metric.get("scoreError"));
        double itemsPerSecond = batch / ms * 1e3;

        String e3nnItems = "—";
        String ratio = "—";
        Map<String, Double> oracle = e3nn.get(workload.oracleName());
        Double oracleMs = oracle == null ? null : oracle.get(backward ? "fwdbwd_ms" : "fwd_ms");
        if (oracleMs != null && precision.equals("f32")) {
            double oracleItems = oracle.get("batch") / oracleMs * 1e3;
            e3nnItems = String.format("%.4g", oracleItems);
            ratio = String.format("%.2f", itemsPerSecond / oracleItems);
        }
        String gflops = "—";
        String percent = "—";
        if (workload.isTensorProduct()) {
            double flops = 2.0 * workload.plan().flopsPerSample() * (backward ? 3 : 1) * itemsPerSecond;
            gflops = String.format("%.2f", flops / 1e9);
            percent = String.format("%.1f%%", 100 * flops / 1e9 / peak.gflops(precision.equals("f64")));
        }
        return String.format("| %s | %s | %s | %s | %d | %.1f%s | %.4g | %s | %s | %s | %s |", workload.id(),
                backward ? "fwd+bwd" : "fwd", backend == null ? "java (host)" : backend, precision, batch, ms,
                Double.isNaN(error) ? "" : String.format(" ± %.1f", error), itemsPerSecond, e3nnItems, ratio, gflops, percent);
    }
}
