package org.equikern.gemm;

/**
 * Whether float32 calls compute in float32 (the default, where a layer has such a path) or are
 * widened to float64 and rounded once, as every layer did before: the system property
 * {@code equikern.float32.widen=true} forces the widened path, for A/B comparisons of speed and
 * accuracy. Read once, when this class loads.
 */
public final class Float32Path {
    /** The system property's name. */
    public static final String PROPERTY = "equikern.float32.widen";

    private static final boolean WIDEN = Boolean.getBoolean(PROPERTY);

    private Float32Path() {}

    /**
     * True when float32 calls are to be widened to float64 (the property is {@code true}).
     *
     * @return whether {@code equikern.float32.widen} was {@code true} when the class loaded
     */
    public static boolean widened() {
        return WIDEN;
    }
}
