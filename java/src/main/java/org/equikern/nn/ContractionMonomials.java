package org.equikern.nn;

import java.util.Arrays;

/**
 * The monomials of a {@link SymmetricContraction} as flat arrays, for kernels that evaluate it
 * elsewhere (see {@link SymmetricContraction#monomials()}). Monomial {@code e} adds
 * <pre>
 *   coefficient[e] · w[elem, path[e], u] · x_u[i_1] ⋯ x_u[i_order[e]]
 * </pre>
 * to output component {@code output[e]} of channel {@code u}, with the sorted input indices
 * {@code i_s = index[3e + s]} ({@code -1} for {@code s ≥ order[e]}). The monomials run order by
 * order, in the sequence the Java layer sums them.
 *
 * <p>Components number one channel's concatenated irreps. In e3nn's {@code mul_ir} layout,
 * component {@code i} of channel {@code u} of a sample sits at {@code inputStart[i] + u·inputStride[i]}
 * (likewise for outputs). Immutable; getters return copies.
 */
public final class ContractionMonomials {
    /** Slots per monomial in {@link #index()}: the largest correlation order. */
    public static final int MAX_ORDER = 3;

    private final int[] order;
    private final int[] index;
    private final int[] output;
    private final int[] path;
    private final double[] coefficient;
    private final int[] inputStart;
    private final int[] inputStride;
    private final int[] outputStart;
    private final int[] outputStride;

    ContractionMonomials(ContractionTable[] tables, ChannelLayout input, ChannelLayout output) {
        int count = 0;
        for (ContractionTable t : tables) {
            count += t.size;
        }
        this.order = new int[count];
        this.index = new int[MAX_ORDER * count];
        this.output = new int[count];
        this.path = new int[count];
        this.coefficient = new double[count];
        Arrays.fill(index, -1);
        int e = 0;
        for (ContractionTable t : tables) {
            for (int k = 0; k < t.size; k++, e++) {
                order[e] = t.order;
                System.arraycopy(t.index, k * t.order, index, MAX_ORDER * e, t.order);
                this.output[e] = t.output[k];
                path[e] = t.path[k];
                coefficient[e] = t.coefficient[k];
            }
        }
        this.inputStart = input.starts();
        this.inputStride = input.strides();
        this.outputStart = output.starts();
        this.outputStride = output.strides();
    }

    /**
     * Number of monomials.
     *
     * @return the count
     */
    public int count() {
        return order.length;
    }

    /**
     * Per monomial: its correlation order, 1 to 3.
     *
     * @return a new array, one order per monomial
     */
    public int[] order() {
        return order.clone();
    }

    /**
     * {@link #MAX_ORDER} slots per monomial: its sorted input components, then -1.
     *
     * @return a new array of {@code count() × MAX_ORDER} indices
     */
    public int[] index() {
        return index.clone();
    }

    /**
     * Per monomial: the output component of a channel it adds to.
     *
     * @return a new array, one component per monomial
     */
    public int[] output() {
        return output.clone();
    }

    /**
     * Per monomial: its path among an element's {@link SymmetricContraction#pathCount()} weights.
     *
     * @return a new array, one path per monomial
     */
    public int[] path() {
        return path.clone();
    }

    /**
     * Per monomial: its coefficient, the basis entry times the number of orderings of its indices.
     *
     * @return a new array, one coefficient per monomial
     */
    public double[] coefficient() {
        return coefficient.clone();
    }

    /**
     * Per input component of a channel: its offset in a sample for channel 0.
     *
     * @return a new array, one offset per input component
     */
    public int[] inputStart() {
        return inputStart.clone();
    }

    /**
     * Per input component: the distance between consecutive channels (its irrep's dimension).
     *
     * @return a new array, one stride per input component
     */
    public int[] inputStride() {
        return inputStride.clone();
    }

    /**
     * Per output component of a channel: its offset in a sample for channel 0.
     *
     * @return a new array, one offset per output component
     */
    public int[] outputStart() {
        return outputStart.clone();
    }

    /**
     * Per output component: the distance between consecutive channels (its irrep's dimension).
     *
     * @return a new array, one stride per output component
     */
    public int[] outputStride() {
        return outputStride.clone();
    }
}
