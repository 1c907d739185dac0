package org.equikern.ops.tensorproduct.generated;

/** C source text built line by line, indented by the braces it has opened. */
final class CodeWriter {
    private final StringBuilder text = new StringBuilder();
    private int depth;

    /** One line at the current indentation. */
    CodeWriter line(String code) {
        text.append("    ".repeat(depth)).append(code).append('\n');
        return this;
    }

    /** {@code header {} (a bare block for an empty header) and one level deeper. */
    CodeWriter open(String header) {
        line(header.isEmpty() ? "{" : header + " {");
        depth++;
        return this;
    }

    /** Closes the innermost brace. */
    CodeWriter close() {
        depth--;
        return line("}");
    }

    /** How many braces are open, for {@link #closeTo}. */
    int depth() {
        return depth;
    }

    /** Closes braces until {@code mark} (a {@link #depth()} taken before opening them). */
    CodeWriter closeTo(int mark) {
        while (depth > mark) close();
        return this;
    }

    @Override
    public String toString() {
        return text.toString();
    }
}
