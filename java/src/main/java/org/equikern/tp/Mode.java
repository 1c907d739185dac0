package org.equikern.tp;

/**
 * How a tensor-product path treats the multiplicities (channels) of its three blocks, as e3nn's
 * connection modes. With {@code u} the channel of input 1, {@code v} of input 2 and {@code w} of
 * the output:
 * <ul>
 *   <li>{@code uvw}: every (u, v) pair mixed into every w by a weight {@code [mul1, mul2, mulOut]};</li>
 *   <li>{@code uvu} / {@code uvv}: pairs (u, v) written to channel u / v, summed over the other;</li>
 *   <li>{@code uuw}: equal channels u of both inputs mixed into every w;</li>
 *   <li>{@code uuu}: channel u with channel u into channel u (elementwise);</li>
 *   <li>{@code uvuv}: every pair (u, v) to its own output channel {@code u·mul2 + v};</li>
 *   <li>{@code uvu<v}: pairs u &lt; v of equal-multiplicity inputs, each to its own channel;</li>
 *   <li>{@code u<vw}: pairs u &lt; v mixed into every w.</li>
 * </ul>
 * Internally every mode is a set of channel pairs (which (u, v) are multiplied) and a rule that
 * takes each pair to output channels, which is all an executor needs to know.
 */
public enum Mode {
    /** Fully connected: weights {@code [mul1, mul2, mulOut]}. */
    UVW("uvw", Pairs.ALL, Target.MIXED),
    /** Pair (u, v) to channel u (needs mulOut = mul1): weights {@code [mul1, mul2]}. */
    UVU("uvu", Pairs.ALL, Target.FIRST),
    /** Pair (u, v) to channel v (needs mulOut = mul2): weights {@code [mul1, mul2]}. */
    UVV("uvv", Pairs.ALL, Target.SECOND),
    /** Equal channels mixed into every w (needs mul1 = mul2): weights {@code [mul1, mulOut]}. */
    UUW("uuw", Pairs.DIAGONAL, Target.MIXED),
    /** Elementwise (needs equal multiplicities): weights {@code [mul1]}. */
    UUU("uuu", Pairs.DIAGONAL, Target.PAIR),
    /** Every pair to its own channel (needs mulOut = mul1·mul2): weights {@code [mul1, mul2]}. */
    UVUV("uvuv", Pairs.ALL, Target.PAIR),
    /** Pairs u &lt; v, each to its own channel: weights {@code [mul1(mul2−1)/2]}. */
    UVU_LT_V("uvu<v", Pairs.UPPER, Target.PAIR),
    /** Pairs u &lt; v mixed into every w: weights {@code [mul1(mul2−1)/2, mulOut]}. */
    U_LT_VW("u<vw", Pairs.UPPER, Target.MIXED);

    /** Which channel pairs (u, v) a mode multiplies, in e3nn's row-major order. */
    public enum Pairs {
        /** Every (u, v): {@code mul1 · mul2} pairs. */
        ALL,
        /** (u, u): {@code mul1} pairs (needs mul1 = mul2). */
        DIAGONAL,
        /** u &lt; v: {@code mul1·(mul2−1)/2} pairs (needs mul1 = mul2), as {@code torch.triu_indices(m, m, 1)}. */
        UPPER
    }

    /** Where the product of pair p goes. */
    public enum Target {
        /** To every output channel w, through weight {@code [p, w]}. */
        MIXED,
        /** To output channel u, through weight {@code [p]}. */
        FIRST,
        /** To output channel v, through weight {@code [p]}. */
        SECOND,
        /** To output channel p, through weight {@code [p]}. */
        PAIR
    }

    private final String text;
    private final Pairs pairs;
    private final Target target;

    Mode(String text, Pairs pairs, Target target) {
        this.text = text;
        this.pairs = pairs;
        this.target = target;
    }

    /**
     * Parses e3nn's spelling, e.g. {@code "uvu<v"}.
     *
     * @param text the spelling
     * @return the mode
     * @throws IllegalArgumentException for an unknown spelling, listing the known ones
     */
    public static Mode parse(String text) {
        for (Mode m : values()) {
            if (m.text.equals(text)) return m;
        }
        throw new IllegalArgumentException("unknown tensor product mode '" + text
                + "'; known: uvw, uvu, uvv, uuw, uuu, uvuv, uvu<v, u<vw");
    }

    /**
     * e3nn's spelling.
     *
     * @return the spelling, e.g. {@code "uvw"}
     */
    public String text() {
        return text;
    }

    /**
     * Which channel pairs the mode multiplies.
     *
     * @return the pairing
     */
    public Pairs pairs() {
        return pairs;
    }

    /**
     * Where each pair's product goes.
     *
     * @return the target
     */
    public Target target() {
        return target;
    }

    /**
     * Number of channel pairs the mode multiplies, for blocks of these multiplicities (at most a
     * valid spec's path size, so it fits an int; more is an {@link IllegalArgumentException}).
     *
     * @param mul1 multiplicity of the in1 block
     * @param mul2 multiplicity of the in2 block
     * @return the number of pairs, ≥ 0
     */
    public int pairCount(int mul1, int mul2) {
        switch (pairs) {
            case ALL: return Math.toIntExact((long) mul1 * mul2);
            case DIAGONAL: return mul1;
            default: return pairsAsInt(mul1, mul2);
        }
    }

    /** Pairs u &lt; v: {@code mul1·(mul2−1)/2}, taken as 0 when a multiplicity is 0 (never negative); exact. */
    private static long upperPairs(int mul1, int mul2) {
        return mul1 == 0 || mul2 == 0 ? 0 : (long) mul1 * (mul2 - 1) / 2;
    }

    /**
     * The number of weights of a path, the product of {@link #pathShape}, in exact arithmetic
     * (uvw's three multiplicities can exceed a long: that saturates at {@link Long#MAX_VALUE}).
     *
     * @param mul1 multiplicity of the in1 block
     * @param mul2 multiplicity of the in2 block
     * @param mulOut multiplicity of the output block
     * @return the number of weights, saturated at {@link Long#MAX_VALUE}
     */
    public long pathSize(int mul1, int mul2, int mulOut) {
        switch (this) {
            case UVW: return saturatingProduct((long) mul1 * mul2, mulOut);
            case UVU:
            case UVV:
            case UVUV: return (long) mul1 * mul2;
            case UUW: return (long) mul1 * mulOut;
            case UUU: return mul1;
            case UVU_LT_V: return upperPairs(mul1, mul2);
            default: return saturatingProduct(upperPairs(mul1, mul2), mulOut);
        }
    }

    private static long saturatingProduct(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    /**
     * e3nn's {@code path_shape}: the shape of this path's weight block (also defined without weights).
     *
     * @param mul1 multiplicity of the in1 block
     * @param mul2 multiplicity of the in2 block
     * @param mulOut multiplicity of the output block
     * @return a new array with the extent of each weight axis
     */
    public int[] pathShape(int mul1, int mul2, int mulOut) {
        switch (this) {
            case UVW: return new int[] {mul1, mul2, mulOut};
            case UVU:
            case UVV:
            case UVUV: return new int[] {mul1, mul2};
            case UUW: return new int[] {mul1, mulOut};
            case UUU: return new int[] {mul1};
            case UVU_LT_V: return new int[] {pairsAsInt(mul1, mul2)};
            default: return new int[] {pairsAsInt(mul1, mul2), mulOut};
        }
    }

    private static int pairsAsInt(int mul1, int mul2) {
        long pairs = upperPairs(mul1, mul2);
        if (pairs > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("mul1 = " + mul1 + ", mul2 = " + mul2 + ": " + pairs
                    + " pairs u < v, above the limit " + Integer.MAX_VALUE);
        }
        return (int) pairs;
    }

    /**
     * e3nn's {@code num_elements}: how many products are summed into one output component, used
     * by path normalization.
     *
     * @param mul1 multiplicity of the in1 block
     * @param mul2 multiplicity of the in2 block
     * @return the number of summed products per output component
     */
    public long numElements(int mul1, int mul2) {
        switch (this) {
            case UVW: return (long) mul1 * mul2;
            case UVU: return mul2;
            case UVV:
            case UUW: return mul1;
            case U_LT_VW: return upperPairs(mul1, mul2);
            default: return 1;
        }
    }

    /**
     * Why these multiplicities cannot be used with this mode, or null when they can: uvu needs
     * mulOut = mul1; uvv mulOut = mul2; uuw mul1 = mul2; uuu all equal; uvuv mulOut = mul1·mul2;
     * uvu&lt;v mul1 = mul2 and mulOut = mul1(mul1−1)/2; u&lt;vw mul1 = mul2.
     *
     * @param mul1 multiplicity of the in1 block
     * @param mul2 multiplicity of the in2 block
     * @param mulOut multiplicity of the output block
     * @return the reason, or null
     */
    public String multiplicityProblem(int mul1, int mul2, int mulOut) {
        switch (this) {
            case UVU:
                return mulOut == mul1 ? null : "mode uvu needs mul_out = mul1, got mul1=" + mul1 + ", mul_out=" + mulOut;
            case UVV:
                return mulOut == mul2 ? null : "mode uvv needs mul_out = mul2, got mul2=" + mul2 + ", mul_out=" + mulOut;
            case UUW:
                return mul1 == mul2 ? null : "mode uuw needs mul1 = mul2, got " + mul1 + " and " + mul2;
            case UUU:
                return mul1 == mul2 && mul2 == mulOut ? null
                        : "mode uuu needs mul1 = mul2 = mul_out, got " + mul1 + ", " + mul2 + ", " + mulOut;
            case UVUV:
                return mulOut == (long) mul1 * mul2 ? null
                        : "mode uvuv needs mul_out = mul1*mul2, got " + mul1 + "*" + mul2 + " and mul_out=" + mulOut;
            case UVU_LT_V:
                return mul1 == mul2 && mulOut == upperPairs(mul1, mul2) ? null
                        : "mode uvu<v needs mul1 = mul2 and mul_out = mul1*(mul1-1)/2, got " + mul1 + ", " + mul2
                                + ", " + mulOut;
            case U_LT_VW:
                return mul1 == mul2 ? null : "mode u<vw needs mul1 = mul2, got " + mul1 + " and " + mul2;
            default:
                return null;
        }
    }

    /**
     * Why this mode cannot run without weights, or null when it can. e3nn 0.5.6 asserts
     * {@code has_weight} for uvw and u&lt;vw (the mixing into w has no unweighted meaning) and,
     * for uuw without weights, mul_out = 1 (the sum over u); all other modes run unweighted
     * (uvu sums over v, uvv over u).
     *
     * @param mulOut multiplicity of the output block
     * @return the reason, or null
     */
    public String unweightedProblem(int mulOut) {
        if (needsWeights()) {
            return "mode " + text + " needs weights (e3nn rejects has_weight=false too)";
        }
        if (this == UUW && mulOut != 1) {
            return "mode uuw without weights needs mul_out = 1 (it sums over u), got " + mulOut;
        }
        return null;
    }

    /**
     * Whether the mode always needs weights (uvw and u&lt;vw, as e3nn asserts).
     *
     * @return true for uvw and u&lt;vw
     */
    public boolean needsWeights() {
        return this == UVW || this == U_LT_VW;
    }

    @Override
    public String toString() {
        return text;
    }
}
