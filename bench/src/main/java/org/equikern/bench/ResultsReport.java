package org.equikern.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Turns a JMH JSON result file and, optionally, the output of several runs of the e3nn oracle
 * ({@code bench_e3nn.py}, {@code e3nn_conv.py}) into the Markdown table of
 * {@code bench/results/RESULTS.md}, with each workload's place against the limits measured in the
 * same sitting ({@link MachineLimits}, {@link Roofline}).
 *
 * <p>Usage: {@code ResultsReport JMH_JSON E3NN_TXT|- OUT_MD "how it was run"}.
 *
 * <p>FLOPs: {@link org.equikern.tp.Plan#flopsPerSample()} counts multiply-adds, so a forward pass
 * is 2 × that per item; forward+backward is taken as 3 forward passes (the gradients of x1, x2 and
 * the weights each cost about one forward pass). Harmonics and the symmetric contraction have no
 * FLOP count here; their roofline is the bytes model's ({@link WorkloadBytes}).
 */
public final class ResultsReport {
    private static final String PACKAGE = "org.equikern.bench.";
    private static final String DASH = "—";

    private ResultsReport() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            System.err.println("usage: ResultsReport JMH_JSON E3NN_TXT|- OUT_MD \"how it was run\"");
            System.exit(2);
        }
        List<?> runs = new ObjectMapper().readValue(Path.of(args[0]).toFile(), List.class);
        OracleRuns e3nn = args[1].equals("-") ? OracleRuns.none() : OracleRuns.read(Path.of(args[1]));
        MachinePeak peak = MachinePeak.read();
        Path out = Path.of(args[2]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(runs, e3nn, peak, args[3]));
        System.out.println("wrote " + out);
    }

    static String render(List<?> runs, OracleRuns e3nn, MachinePeak peak, String how) {
        MachineLimits limits = MachineLimits.from(runs);
        StringBuilder md = new StringBuilder();
        md.append("# Equikern benchmark results\n\n")
                .append("Machine: ").append(peak.model).append(" (").append(peak.vendor).append(" family ")
                .append(peak.family).append(" model ").append(peak.modelNumber).append("), ").append(peak.cores)
                .append(" cores, SIMD flags ").append(String.join(" ", peak.simd)).append(".\n\n")
                .append("Run: ").append(how).append("\n\n")
                .append("Peak estimate from the CPU's data sheet: ").append(peak.formula())
                .append(". See `MachinePeak` for why AVX-512 counts as 8 lanes on AMD Zen 4.\n\n")
                .append(limitsSection(limits))
                .append("- items/s = batch / time per call (edges, samples or vectors). ms/call is JMH's mean;")
                .append(" min–max are its fastest and slowest measurement iterations.\n")
                .append("- e3nn 0.5.6 (CPU PyTorch, float32, 2 threads) ran several times in the same sitting,")
                .append(" each run the median of 7 calls: its column gives the minimum, the maximum and the")
                .append(" number of runs. ratio = Equikern items/s ÷ e3nn items/s at e3nn's minimum time; > 1")
                .append(" means Equikern is faster. Only float32 rows are compared.\n")
                .append("- GFLOP/s counts 2 FLOP per multiply-add of `Plan.flopsPerSample()`; forward+backward")
                .append(" counts 3 forward passes. GB/s is `WorkloadBytes`'s model: every input read once and")
                .append(" every output written once (a lower bound on the real traffic).\n")
                .append("- % peak and % bw are against the measured limits above; bound is the limit that allows")
                .append(" the longer time (memory where there is no FLOP count); % roofline = that shortest")
                .append(" possible time ÷ the measured time.\n")
                .append("- write only: `SphericalHarmonicsBenchmark.writeOutput` writes the harmonics' output and")
                .append(" nothing else, in the evaluation's chunks: the bound of the fwd row above it.\n")
                .append("- Timings on a shared 2-core machine are noisy; compare rows of one sitting only.\n\n")
                .append("| workload | pass | backend | precision | batch | ms/call | min–max | items/s")
                .append(" | e3nn ms min–max (runs) | ratio to e3nn min | GFLOP/s | % peak | GB/s | % bw | bound")
                .append(" | % roofline |\n")
                .append("|---|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|\n");
        StringBuilder others = new StringBuilder();
        for (Object o : runs) {
            Map<?, ?> run = (Map<?, ?>) o;
            if (MachineLimits.isLimit(JmhRun.benchmark(run))) continue;
            if (JmhRun.param(run, "workload") == null) {
                others.append(otherRow(run)).append('\n');
            } else {
                md.append(row(run, e3nn, limits)).append('\n');
            }
        }
        if (others.length() > 0) {
            md.append("\n## Other benchmarks\n\n")
                    .append("Kernels and bounds timed beside the workloads (`GemmBenchmark`: ChannelMix against")
                    .append(" netlib BLAS, see the README).\n\n")
                    .append("| benchmark | parameters | ms/call | min–max |\n|---|---|---:|---:|\n").append(others);
        }
        return md.toString();
    }

    private static String otherRow(Map<?, ?> run) {
        double[] range = JmhRun.range(run);
        return String.format("| %s | %s | %.3f | %.3f–%.3f |", JmhRun.benchmark(run).replace(PACKAGE, ""),
                JmhRun.params(run), JmhRun.score(run), range[0], range[1]);
    }

    private static String limitsSection(MachineLimits limits) {
        if (limits == null) {
            return "Measured limits: not in this run (`FmaPeakBenchmark`, `MemoryBandwidthBenchmark`);"
                    + " the % columns are empty.\n\n";
        }
        return String.format("Measured limits (same sitting, every core): FMA peak %s FP32, %s FP64"
                        + " (`FmaPeakBenchmark`, register-resident vector FMAs, in the precisions run); memory"
                        + " bandwidth %.1f GB/s (`MemoryBandwidthBenchmark`, STREAM triad, 24 bytes per element).%n%n",
                peak(limits, "f32"), peak(limits, "f64"), limits.bandwidthGBs);
    }

    private static String peak(MachineLimits limits, String precision) {
        double gflops = limits.peakGflops(precision);
        return Double.isNaN(gflops) ? "not measured" : String.format("%.1f GFLOP/s", gflops);
    }

    private static String row(Map<?, ?> run, OracleRuns e3nn, MachineLimits limits) {
        String method = JmhRun.benchmark(run).replace(PACKAGE, "");
        boolean backward = method.endsWith(".forwardBackward");
        boolean writeOnly = method.endsWith(".writeOutput");
        Workload workload = Workload.of(JmhRun.param(run, "workload"));
        String precision = JmhRun.param(run, "precision");
        String backend = JmhRun.param(run, "backend");
        double scale = Double.parseDouble(JmhRun.param(run, "scale"));
        int batch = workload.batch(scale);
        double ms = JmhRun.score(run);
        double error = JmhRun.error(run);
        double[] range = JmhRun.range(run);
        double itemsPerSecond = batch / ms * 1e3;

        String oracle = DASH;
        String ratio = DASH;
        String key = backward ? "fwdbwd_ms" : "fwd_ms";
        double oracleMin = e3nn.min(workload.oracleName(), key);
        if (!Double.isNaN(oracleMin) && precision.equals("f32") && !writeOnly) {
            oracle = String.format("%.1f–%.1f (%d)", oracleMin, e3nn.max(workload.oracleName(), key),
                    e3nn.runs(workload.oracleName(), key).size());
            double oracleItems = e3nn.min(workload.oracleName(), "batch") / oracleMin * 1e3;
            ratio = String.format("%.2f", itemsPerSecond / oracleItems);
        }
        double flops = workload.isTensorProduct() && !writeOnly
                ? 2.0 * workload.plan().flopsPerSample() * (backward ? 3 : 1) * batch : Double.NaN;
        int elementBytes = precision.equals("f64") ? Double.BYTES : Float.BYTES;
        double bytes = writeOnly ? WorkloadBytes.output(workload, elementBytes, scale)
                : WorkloadBytes.of(workload, backward, elementBytes, scale);
        Roofline roofline = limits == null ? new Roofline(ms, flops, bytes, Double.NaN, Double.NaN)
                : new Roofline(ms, flops, bytes, limits.peakGflops(precision), limits.bandwidthGBs);
        return String.format("| %s | %s | %s | %s | %d | %.1f%s | %.1f–%.1f | %.4g | %s | %s | %s | %s | %.2f | %s | %s"
                        + " | %s |", workload.id(), backward ? "fwd+bwd" : writeOnly ? "write only" : "fwd",
                backend == null ? "java (host)" : backend, precision, batch, ms,
                Double.isNaN(error) ? "" : String.format(" ± %.1f", error), range[0], range[1], itemsPerSecond,
                oracle, ratio, fixed(roofline.gflops()), percent(roofline.percentOfPeak()), roofline.gbs(),
                percent(roofline.percentOfBandwidth()), limits == null ? DASH : roofline.bound(),
                percent(roofline.percentOfRoofline()));
    }

    private static String fixed(double value) {
        return Double.isNaN(value) ? DASH : String.format("%.2f", value);
    }

    private static String percent(double value) {
        return Double.isNaN(value) ? DASH : String.format("%.1f%%", value);
    }
}
