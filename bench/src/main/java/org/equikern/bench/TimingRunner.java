package org.equikern.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Times the suite's workloads without JMH (the GPU acceptance kit carries no Maven and no JMH
 * forks): per workload, precision and mode, warm-up calls, then timed calls each waited for on the
 * device, and the median and minimum in a CSV row. A case that fails gets a row with its error, so
 * one unsupported case does not cost the others.
 *
 * <pre>
 * TimingRunner --backend cuda --precisions f32,f64 --out equikern.csv
 * TimingRunner --list --scale 0.001     (the workloads as TSV, for bench_e3nn_gpu.py)
 * </pre>
 */
public final class TimingRunner {
    /** The CSV header; bench_e3nn_gpu.py writes the same columns. */
    public static final String HEADER = "impl,backend,workload,precision,mode,batch,median_ms,min_ms,repeats,note";

    private final String backend;
    private final double scale;
    private final int warmup;
    private final int repeats;
    private final long budgetNanos;

    private TimingRunner(String backend, double scale, int warmup, int repeats, double budgetSeconds) {
        if (warmup < 0) throw new IllegalArgumentException("--warmup must be >= 0, got " + warmup);
        if (repeats < 1) throw new IllegalArgumentException("--repeats must be >= 1, got " + repeats);
        if (!(budgetSeconds > 0)) throw new IllegalArgumentException("--budget-s must be > 0, got " + budgetSeconds);
        this.backend = backend;
        this.scale = scale;
        this.warmup = warmup;
        this.repeats = repeats;
        this.budgetNanos = (long) (budgetSeconds * 1e9);
    }

    /**
     * Options: {@code --backend} (default cuda), {@code --precisions} (default f32,f64),
     * {@code --workloads} (ids, default all), {@code --scale} (batch factor, default 1),
     * {@code --warmup} (default 3), {@code --repeats} (default 10), {@code --budget-s} (timed
     * seconds per case and mode at most, default 2), {@code --out} (CSV file, default stdout),
     * {@code --list} (print the workloads instead of timing them).
     */
    public static void main(String[] args) throws IOException {
        Map<String, String> options = options(args);
        double scale = Double.parseDouble(options.getOrDefault("scale", "1"));
        List<Workload> workloads = workloads(options.getOrDefault("workloads", "all"));
        if (options.containsKey("list")) {
            for (Workload w : workloads) System.out.println(listing(w, scale));
            return;
        }
        TimingRunner runner = new TimingRunner(options.getOrDefault("backend", "cuda"), scale,
                Integer.parseInt(options.getOrDefault("warmup", "3")),
                Integer.parseInt(options.getOrDefault("repeats", "10")),
                Double.parseDouble(options.getOrDefault("budget-s", "2")));
        List<String> precisions = Arrays.asList(options.getOrDefault("precisions", "f32,f64").split(","));
        String out = options.get("out");
        if (out == null) {
            runner.write(workloads, precisions, System.out, false);
            return;
        }
        try (PrintStream csv = new PrintStream(Files.newOutputStream(Path.of(out)), true, StandardCharsets.UTF_8)) {
            runner.write(workloads, precisions, csv, true);
        }
    }

    /**
     * The header, then each case's rows as soon as it finishes (so a run stopped by its time budget
     * keeps what it measured); {@code progress} echoes the rows to stderr.
     */
    private void write(List<Workload> workloads, List<String> precisions, PrintStream csv, boolean progress) {
        csv.println(HEADER);
        for (Workload w : workloads) {
            for (String precision : precisions) {
                for (String row : time(w, precision)) {
                    csv.println(row);
                    if (progress) System.err.println(row);
                }
            }
        }
    }

    /** {@code --name value} pairs; {@code --list} alone. */
    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--")) throw new IllegalArgumentException("expected an option, got '" + args[i] + "'");
            String name = args[i].substring(2);
            if (name.equals("list")) options.put(name, "");
            else if (i + 1 < args.length) options.put(name, args[++i]);
            else throw new IllegalArgumentException("option --" + name + " needs a value");
        }
        return options;
    }

    private static List<Workload> workloads(String ids) {
        if (ids.equals("all")) return List.of(Workload.values());
        List<Workload> list = new ArrayList<>();
        for (String id : ids.split(",")) list.add(Workload.of(id.trim()));
        return list;
    }

    /** One TSV line: id, kind, batch at {@code scale}, irreps in1, in2, out ("-" where none), lmax. */
    static String listing(Workload w, double scale) {
        return String.join("\t", w.id(), w.kind().name().toLowerCase(Locale.ROOT), String.valueOf(w.batch(scale)),
                orDash(w.irrepsIn1()), orDash(w.irrepsIn2()), orDash(w.irrepsOut()), String.valueOf(w.lmax()));
    }

    private static String orDash(String s) {
        return s == null ? "-" : s;
    }

    /** The rows of {@code workload} in {@code precision}: forward, and forward+backward where timed. */
    private List<String> time(Workload workload, String precision) {
        int batch = workload.batch(scale);
        List<String> rows = new ArrayList<>();
        try (TimedCase c = TimedCase.open(workload, backend, precision, scale)) {
            rows.add(row(workload, precision, "forward", batch, measure(c.forward()), ""));
            if (c.forwardBackward() != null) {
                rows.add(row(workload, precision, "forward_backward", batch, measure(c.forwardBackward()), ""));
            }
        } catch (RuntimeException | LinkageError | OutOfMemoryError e) {
            rows.add(row(workload, precision, "forward", batch, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        return rows;
    }

    /** Call times in ms, after the warm-up: {@link #repeats} calls, fewer if the budget runs out first (at least one). */
    private double[] measure(Runnable call) {
        for (int i = 0; i < warmup; i++) call.run();
        double[] times = new double[repeats];
        long started = System.nanoTime();
        int n = 0;
        while (n < repeats && (n == 0 || System.nanoTime() - started < budgetNanos)) {
            long t = System.nanoTime();
            call.run();
            times[n++] = (System.nanoTime() - t) / 1e6;
        }
        return Arrays.copyOf(times, n);
    }

    private String row(Workload w, String precision, String mode, int batch, double[] times, String note) {
        String median = "";
        String min = "";
        int count = 0;
        if (times != null) {
            double[] sorted = times.clone();
            Arrays.sort(sorted);
            count = sorted.length;
            median = format(count % 2 == 1 ? sorted[count / 2] : (sorted[count / 2 - 1] + sorted[count / 2]) / 2);
            min = format(sorted[0]);
        }
        return String.join(",", "equikern", backend, w.id(), precision, mode, String.valueOf(batch), median, min,
                String.valueOf(count), csvText(note));
    }

    private static String format(double ms) {
        return String.format(Locale.ROOT, "%.4f", ms);
    }

    /** A note as one CSV field: quoted, inner quotes doubled, line breaks flattened. */
    private static String csvText(String note) {
        if (note.isEmpty()) return "";
        return '"' + note.replace("\"", "\"\"").replaceAll("\\s+", " ") + '"';
    }
}
