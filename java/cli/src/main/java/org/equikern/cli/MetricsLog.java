package org.equikern.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.equikern.train.EpochRecord;

/**
 * {@code metrics.csv} in a run's output directory: a header of {@link EpochRecord#columns()}, then a
 * row per epoch, appended and flushed as each epoch ends so it can be plotted while training runs.
 */
final class MetricsLog {
    /** The file name. */
    static final String FILE = "metrics.csv";

    private final Path file;

    private MetricsLog(Path file) {
        this.file = file;
    }

    /**
     * The log of the run in {@code outputDir}, keeping the rows of the first {@code epochsDone}
     * epochs (those of the checkpoint a run resumes from) and dropping any later ones.
     */
    static MetricsLog open(Path outputDir, int epochsDone) throws IOException {
        Path file = outputDir.resolve(FILE);
        List<String> lines = new ArrayList<>();
        lines.add(String.join(",", EpochRecord.columns()));
        if (epochsDone > 0 && Files.isRegularFile(file)) {
            List<String> old = Files.readAllLines(file);
            lines.addAll(old.subList(1, Math.min(old.size(), epochsDone + 1)));
        }
        Files.createDirectories(outputDir);
        Files.write(file, lines);
        return new MetricsLog(file);
    }

    /** Appends the row of {@code record}. */
    void append(EpochRecord record) throws IOException {
        Files.writeString(file, String.join(",", record.row()) + "\n", StandardOpenOption.APPEND);
    }
}
