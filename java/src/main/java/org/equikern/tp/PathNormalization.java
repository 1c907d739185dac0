package org.equikern.tp;

import java.util.Locale;

/**
 * How the paths into one output block share its variance (e3nn's {@code path_normalization}).
 */
public enum PathNormalization {
    /** Divide by the total number of products summed into the output block, over all its paths. */
    ELEMENT,
    /** Divide by this path's number of products times the number of paths into the block. */
    PATH,
    /** No division. */
    NONE;

    /**
     * Parses e3nn's spelling: {@code element}, {@code path} or {@code none}.
     *
     * @param text the name
     * @return the normalization
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static PathNormalization parse(String text) {
        for (PathNormalization n : values()) {
            if (n.text().equals(text)) return n;
        }
        throw new IllegalArgumentException("unknown path normalization '" + text + "'; known: element, path, none");
    }

    /**
     * e3nn's spelling.
     *
     * @return the lower-case name
     */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }
}
