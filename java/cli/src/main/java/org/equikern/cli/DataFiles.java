package org.equikern.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equikern.data.ExtXyz;
import org.equikern.data.ExtXyzFormatException;
import org.equikern.data.Structure;

/** Reads the extended XYZ data sets of {@code train} and {@code evaluate}; problems are bad input (exit 2). */
final class DataFiles {
    private DataFiles() {
    }

    /** Every frame of {@code file}, at least one. */
    static List<Structure> read(Path file, String role) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(role + " " + file + ": no such file");
        }
        List<Structure> frames;
        try {
            frames = ExtXyz.DEFAULT.readAll(file);
        } catch (ExtXyzFormatException e) {
            throw new IllegalArgumentException(role + " " + file + ": " + e.getMessage(), e);
        }
        if (frames.isEmpty()) {
            throw new IllegalArgumentException(role + " " + file + ": no structures");
        }
        return frames;
    }
}
