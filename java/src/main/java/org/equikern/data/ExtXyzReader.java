package org.equikern.data;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads an extended XYZ file one frame at a time: only the current frame's lines are held. Blank
 * lines between frames are skipped. Malformed input throws {@link ExtXyzFormatException} naming the
 * line; I/O failures throw {@link UncheckedIOException}. Not thread-safe.
 */
public final class ExtXyzReader implements Iterator<Structure>, Closeable {
    private final BufferedReader in;
    private final FrameParser parser;
    private final String source;
    private long lineNumber;
    /** The next non-blank line (an atom count), or null at the end of the file. */
    private String pending;
    private boolean peeked;

    ExtXyzReader(BufferedReader in, FrameParser parser, String source) {
        this.in = in;
        this.parser = parser;
        this.source = source;
    }

    @Override
    public boolean hasNext() {
        if (!peeked) {
            do {
                pending = readLine();
            } while (pending != null && pending.isBlank());
            peeked = true;
        }
        return pending != null;
    }

    @Override
    public Structure next() {
        if (!hasNext()) {
            throw new NoSuchElementException(source + ": no more frames after line " + lineNumber);
        }
        peeked = false;
        long countLine = lineNumber;
        Long count = ValueType.parseInteger(pending.trim());
        if (count == null || count < 0 || count > Integer.MAX_VALUE - 8) {
            throw new ExtXyzFormatException(source, countLine, "expected the number of atoms of a frame, got '"
                    + pending.trim() + "'", null);
        }
        String comment = readLine();
        if (comment == null) {
            throw new ExtXyzFormatException(source, countLine, "file ends before the comment line of the frame",
                    null);
        }
        List<String> atoms = new ArrayList<>((int) Math.min(count, 1 << 16));
        for (long k = 0; k < count; k++) {
            String line = readLine();
            if (line == null) {
                throw truncated(countLine, count, k);
            }
            atoms.add(line);
        }
        return parser.parse(countLine, comment, atoms);
    }

    private ExtXyzFormatException truncated(long countLine, long count, long found) {
        return new ExtXyzFormatException(source, lineNumber, "file ends after " + found + " of the " + count
                + " atom lines of the frame that starts at line " + countLine, null);
    }

    private String readLine() {
        try {
            String line = in.readLine();
            if (line != null) {
                lineNumber++;
            }
            return line;
        } catch (IOException e) {
            throw new UncheckedIOException(source + ":" + (lineNumber + 1) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing " + source + ": " + e.getMessage(), e);
        }
    }
}
