package org.equikern.tp;

import java.util.Locale;

/**
 * The variance convention of the inputs and outputs (e3nn's {@code irrep_normalization}): it sets
 * the factor {@code alpha} under the square root of each path's coefficient.
 */
public enum IrrepNormalization {
    /** Each component has variance 1: alpha = dim(out irrep). */
    COMPONENT,
    /** Each irrep has norm 1: alpha = dim(in1 irrep)·dim(in2 irrep). */
    NORM,
    /** No factor: alpha = 1. */
    NONE;

    /**
     * Parses e3nn's spelling: {@code component}, {@code norm} or {@code none}.
     *
     * @param text the name
     * @return the normalization
     * @throws IllegalArgumentException for another name, listing the known ones
     */
    public static IrrepNormalization parse(String text) {
        for (IrrepNormalization n : values()) {
            if (n.text().equals(text)) return n;
        }
        throw new IllegalArgumentException("unknown irrep normalization '" + text + "'; known: component, norm, none");
    }

    /**
     * e3nn's spelling.
     *
     * @return the lower-case name
     */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** alpha for a path coupling irreps of these dimensions. */
    double alpha(int dim1, int dim2, int dimOut) {
        switch (this) {
            case COMPONENT: return dimOut;
            case NORM: return (double) dim1 * dim2;
            default: return 1;
        }
    }
}
