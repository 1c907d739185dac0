package org.equikern.tp;

/**
 * Gradients of gradients of a {@link Trilinear} operation T (tensor product, fused convolution),
 * as training on forces needs: the derivatives of {@code Q = <v1, gradX1> + <v2, gradX2> +
 * <vw, gradW>} with respect to x1, x2, w and gradOut, where gradX1, gradX2 and gradW are T's
 * backward outputs and v1, v2, vw the upstream gradients on them.
 *
 * <p>T is linear in each of x1, x2 and w, so {@code <v1, gradX1>} equals
 * {@code <gradOut, T(v1, x2, w)>} and likewise for the others. Hence
 * {@code Q = <gradOut, T(v1, x2, w) + T(x1, v2, w) + T(x1, x2, vw)>}, and every derivative of Q
 * is a forward or backward of T with one argument swapped: no new kernel is needed, and it runs
 * on whatever device T runs on. Arrays are all double[] or all float[].
 */
public final class TrilinearDoubleBackward {
    private final Trilinear op;

    /**
     * The double backward of {@code op}.
     *
     * @param op the operation T
     */
    public TrilinearDoubleBackward(Trilinear op) {
        this.op = op;
    }

    /**
     * Computes the four derivatives of Q into the given outputs (overwritten; a null output is
     * not computed). A null upstream gradient counts as zero.
     *
     * @param x1 T's first argument
     * @param x2 T's second argument
     * @param weights T's third argument
     * @param gradOut the gradient T's backward received, or null
     * @param v1 the upstream gradient on gradX1, or null
     * @param v2 the upstream gradient on gradX2, or null
     * @param vw the upstream gradient on gradW, or null
     * @param gradX1 receives ∂Q/∂x1, or null
     * @param gradX2 receives ∂Q/∂x2, or null
     * @param gradWeights receives ∂Q/∂w, or null
     * @param gradGradOut receives ∂Q/∂gradOut, or null
     */
    public void compute(Object x1, Object x2, Object weights, Object gradOut, Object v1, Object v2, Object vw,
            Object gradX1, Object gradX2, Object gradWeights, Object gradGradOut) {
        if (gradGradOut != null) {
            HostArrays.fill(gradGradOut, 0);
            Object term = HostArrays.like(gradGradOut, length(gradGradOut));
            if (v1 != null) addForward(v1, x2, weights, term, gradGradOut);
            if (v2 != null) addForward(x1, v2, weights, term, gradGradOut);
            if (vw != null) addForward(x1, x2, vw, term, gradGradOut);
        }
        if (gradX1 != null) {
            HostArrays.fill(gradX1, 0);
            Object term = HostArrays.like(gradX1, length(gradX1));
            if (v2 != null) addBackward(x1, v2, weights, gradOut, term, 0, gradX1);
            if (vw != null) addBackward(x1, x2, vw, gradOut, term, 0, gradX1);
        }
        if (gradX2 != null) {
            HostArrays.fill(gradX2, 0);
            Object term = HostArrays.like(gradX2, length(gradX2));
            if (v1 != null) addBackward(v1, x2, weights, gradOut, term, 1, gradX2);
            if (vw != null) addBackward(x1, x2, vw, gradOut, term, 1, gradX2);
        }
        if (gradWeights != null) {
            HostArrays.fill(gradWeights, 0);
            Object term = HostArrays.like(gradWeights, length(gradWeights));
            if (v1 != null) addBackward(v1, x2, weights, gradOut, term, 2, gradWeights);
            if (v2 != null) addBackward(x1, v2, weights, gradOut, term, 2, gradWeights);
        }
    }

    private void addForward(Object a, Object b, Object w, Object term, Object sum) {
        op.forward(a, b, w, term);
        HostArrays.add(term, sum);
    }

    /** Adds one gradient ({@code which}: 0 = x1, 1 = x2, 2 = weights) of T at (a, b, w) into sum. */
    private void addBackward(Object a, Object b, Object w, Object gradOut, Object term, int which, Object sum) {
        op.backward(a, b, w, gradOut, which == 0 ? term : null, which == 1 ? term : null,
                which == 2 ? term : null);
        HostArrays.add(term, sum);
    }

    private static long length(Object array) {
        return array instanceof double[] ? ((double[]) array).length : ((float[]) array).length;
    }
}
