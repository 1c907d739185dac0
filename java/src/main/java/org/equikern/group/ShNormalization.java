package org.equikern.group;

import java.util.Locale;

/**
 * Normalization of spherical harmonics, as e3nn's {@code normalization} argument. On the unit
 * sphere: {@code COMPONENT} gives Σ_m Y_lm² = 2l+1, {@code NORM} gives Σ_m Y_lm² = 1, and
 * {@code INTEGRAL} is component / √(4π), so that ∫ Y_lm² = 1 over the sphere.
 */
public enum ShNormalization {
    /** e3nn's {@code integral}: each component's square integrates to 1 over the sphere (Y_0 = 1/√(4π)). */
    INTEGRAL,
    /** e3nn's {@code component}: each component has mean square 1 over the sphere (‖Y_l‖² = 2l+1). */
    COMPONENT,
    /** e3nn's {@code norm}: each degree's block has norm 1 on the sphere. */
    NORM;

    /**
     * e3nn's name: {@code integral}, {@code component} or {@code norm}.
     *
     * @return the lower-case name
     */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses e3nn's name; the error lists the known names.
     *
     * @param text e3nn's name
     * @return the normalization
     * @throws IllegalArgumentException for an unknown name
     */
    public static ShNormalization parse(String text) {
        for (ShNormalization n : values()) {
            if (n.label().equals(text)) return n;
        }
        throw new IllegalArgumentException("unknown spherical harmonics normalization '" + text
                + "'; known: integral, component, norm");
    }

    /** The factor applied to the component-normalized degree-l block. */
    double scale(int l) {
        switch (this) {
            case INTEGRAL: return 1 / Math.sqrt(4 * Math.PI);
            case NORM: return 1 / Math.sqrt(2 * l + 1);
            default: return 1;
        }
    }
}
