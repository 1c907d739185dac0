package org.equikern.spark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The command line of {@link EvaluateJob}:
 * {@code --checkpoint DIR --input PATH[,PATH...] --output DIR [--format extxyz|parquet]
 * [--device java|opencl:N|cuda:N] [--batch-size N] [--strict] [--per-atom]}. The format defaults to Parquet for paths
 * ending in {@code .parquet}, else extended XYZ.
 *
 * @param checkpoint a checkpoint or training output directory, readable on the driver
 * @param inputs     structure files, folders or globs
 * @param format     their format
 * @param output     the output folder, which must not exist
 * @param settings   device, batch size and per-atom energies
 * @param strict     whether a structure that cannot be evaluated fails the job
 */
record JobArguments(String checkpoint, List<String> inputs, StructureSources.Format format, String output,
        EvaluationSettings settings, boolean strict) {
    static final String USAGE = "usage: EvaluateJob --checkpoint DIR --input PATH[,PATH...] --output DIR"
            + " [--format extxyz|parquet] [--device java|opencl:N|cuda:N] [--batch-size N] [--strict] [--per-atom]";

    private static final Set<String> VALUED = Set.of("--checkpoint", "--input", "--output", "--format", "--device",
            "--batch-size");
    private static final Set<String> FLAGS = Set.of("--strict", "--per-atom");

    /**
     * Parses {@code args}.
     *
     * @throws IllegalArgumentException naming the option and the value at fault, followed by the usage
     */
    static JobArguments parse(String... args) {
        Map<String, String> values = new TreeMap<>();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (FLAGS.contains(option)) {
                values.put(option, "true");
            } else if (VALUED.contains(option) && i + 1 < args.length) {
                values.put(option, args[++i]);
            } else {
                throw usageError(VALUED.contains(option) ? option + " needs a value" : "unknown option '" + option + "'");
            }
        }
        String checkpoint = required(values, "--checkpoint");
        List<String> inputs = new ArrayList<>(List.of(required(values, "--input").split(",")));
        String output = required(values, "--output");
        EvaluationSettings settings;
        try {
            settings = EvaluationSettings.defaults()
                    .device(values.getOrDefault("--device", EvaluationSettings.HOST_DEVICE))
                    .batchSize(batchSize(values.getOrDefault("--batch-size", "16")))
                    .atomEnergies(values.containsKey("--per-atom"));
        } catch (IllegalArgumentException e) {
            throw usageError(e.getMessage());
        }
        return new JobArguments(checkpoint, List.copyOf(inputs), format(values.get("--format"), inputs), output,
                settings, values.containsKey("--strict"));
    }

    private static String required(Map<String, String> values, String option) {
        String value = values.get(option);
        if (value == null || value.isBlank()) {
            throw usageError(option + " is required");
        }
        return value;
    }

    private static int batchSize(String text) {
        try {
            return Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--batch-size '" + text + "': not an integer");
        }
    }

    private static StructureSources.Format format(String name, List<String> inputs) {
        if (name == null) {
            return inputs.stream().allMatch(p -> p.endsWith(".parquet"))
                    ? StructureSources.Format.PARQUET : StructureSources.Format.EXTXYZ;
        }
        switch (name) {
            case "extxyz":
                return StructureSources.Format.EXTXYZ;
            case "parquet":
                return StructureSources.Format.PARQUET;
            default:
                throw usageError("--format '" + name + "': known: extxyz, parquet");
        }
    }

    private static IllegalArgumentException usageError(String problem) {
        return new IllegalArgumentException(problem + "\n" + USAGE);
    }
}
