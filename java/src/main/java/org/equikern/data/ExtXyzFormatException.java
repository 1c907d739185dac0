package org.equikern.data;

/**
 * A malformed extended XYZ file. The message starts with the source and the 1-based line number, as
 * compilers write them: {@code frames.xyz:12: Properties says 7 columns, line has 6}.
 */
public final class ExtXyzFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The file name (or the name the caller gave a stream). */
    private final String source;
    /** The 1-based line at fault. */
    private final long line;

    ExtXyzFormatException(String source, long line, String detail, Throwable cause) {
        super(source + ":" + line + ": " + detail, cause);
        this.source = source;
        this.line = line;
    }

    /**
     * The file name (or the name the caller gave a stream).
     *
     * @return the source's name
     */
    public String source() {
        return source;
    }

    /**
     * The 1-based line at fault.
     *
     * @return the line number, ≥ 1
     */
    public long line() {
        return line;
    }
}
