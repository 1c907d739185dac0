package org.equikern.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.equikern.data.ExtXyz;
import org.equikern.data.ExtXyzFormatException;
import org.equikern.data.InfoValue;
import org.equikern.data.Structure;
import org.equikern.data.ValueType;

/**
 * The frames of one extended XYZ shard as rows of {@link StructureSchema#STRUCTURES_WITH_ERRORS}, read
 * lazily. A frame's id is its {@code id} value when it has one, else {@code SHARD#INDEX} (the shard's
 * file name and the 0-based frame index). A frame that does not parse becomes an error row naming the
 * shard line, and reading goes on with the next frame; a line that should be an atom count but is not,
 * or a shard cut short, loses the frame boundaries, so it becomes the shard's last (error) row.
 */
final class ExtXyzShard implements Iterator<Row> {
    /** The per-frame value that, when present, names the frame. */
    static final String ID_KEY = "id";

    private final String name;
    private final BufferedReader lines;
    private long lineNumber;
    private int frameIndex;
    private boolean broken;
    private Row next;

    /** The frames of {@code text}, the content of shard {@code name}. */
    ExtXyzShard(String name, String text) {
        this.name = name;
        this.lines = new BufferedReader(new StringReader(text));
    }

    @Override
    public boolean hasNext() {
        if (next == null && !broken) {
            next = readFrame();
        }
        return next != null;
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException(name + ": no more frames after line " + lineNumber);
        }
        Row row = next;
        next = null;
        return row;
    }

    /** The next frame's row, or null at the end of the shard. */
    private Row readFrame() {
        String countLine;
        do {
            countLine = readLine();
        } while (countLine != null && countLine.isBlank());
        if (countLine == null) {
            return null;
        }
        long start = lineNumber;
        String defaultId = name + "#" + frameIndex++;
        int count = atomCount(countLine.trim());
        if (count < 0) {
            return lastRow(defaultId, start, "expected the number of atoms of a frame, got '" + countLine.trim() + "'");
        }
        StringBuilder frame = new StringBuilder(countLine).append('\n');
        for (int k = 0; k <= count; k++) {
            String line = readLine();
            if (line == null) {
                return lastRow(defaultId, lineNumber, "shard ends inside the frame that starts at line " + start);
            }
            frame.append(line).append('\n');
        }
        try {
            Structure structure = ExtXyz.DEFAULT.open(new StringReader(frame.toString()), name).next();
            InfoValue id = structure.info().get(ID_KEY);
            return StructureSchema.readRow(id == null ? defaultId : idText(id), structure);
        } catch (ExtXyzFormatException e) {
            String prefix = e.source() + ":" + e.line() + ": ";
            String detail = e.getMessage().startsWith(prefix) ? e.getMessage().substring(prefix.length()) : e.getMessage();
            return StructureSchema.errorRow(defaultId, location(start + e.line() - 1) + detail);
        } catch (IllegalArgumentException e) {
            return StructureSchema.errorRow(defaultId, location(start) + e.getMessage());
        }
    }

    private Row lastRow(String id, long line, String detail) {
        broken = true;
        return StructureSchema.errorRow(id, location(line) + detail + "; the rest of the shard is not read");
    }

    private String location(long line) {
        return name + ":" + line + ": ";
    }

    private static String idText(InfoValue id) {
        return id.type() == ValueType.STRING && id.isScalar() ? id.asString() : id.toString();
    }

    /** The atom count a line holds, or -1 when it holds none. */
    private static int atomCount(String line) {
        try {
            long count = Long.parseLong(line);
            return count < 0 || count > Integer.MAX_VALUE - 8 ? -1 : (int) count;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private String readLine() {
        try {
            String line = lines.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
