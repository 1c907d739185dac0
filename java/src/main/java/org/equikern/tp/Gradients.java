package org.equikern.tp;

/**
 * The gradients a backward pass returns when the caller did not supply arrays: with respect to
 * input 1, input 2 and the weights. {@code A} is {@code double[]} or {@code float[]}.
 */
public final class Gradients<A> {
    private final A x1;
    private final A x2;
    private final A weights;

    /**
     * The three gradients; any may be null where it was not computed.
     *
     * @param x1 ∂/∂x1, {@code batch × dim1}
     * @param x2 ∂/∂x2, {@code batch × dim2}
     * @param weights ∂/∂weights
     */
    public Gradients(A x1, A x2, A weights) {
        this.x1 = x1;
        this.x2 = x2;
        this.weights = weights;
    }

    /**
     * ∂/∂x1, {@code batch × dim1}.
     *
     * @return the array
     */
    public A x1() {
        return x1;
    }

    /**
     * ∂/∂x2, {@code batch × dim2}.
     *
     * @return the array
     */
    public A x2() {
        return x2;
    }

    /**
     * ∂/∂weights: {@code weightNumel} (shared, summed over the batch) or {@code batch × weightNumel}.
     *
     * @return the array
     */
    public A weights() {
        return weights;
    }
}
