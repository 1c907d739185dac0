package org.equikern.ops.lorentzproduct;

import java.util.Arrays;

/**
 * Complex channel mixing per irrep, LGN's {@code MixReps}: out[so][w] = Σ_u W[p][u][w]·x[si][u] for
 * every pair of input and output segments holding the same irrep, with complex weights. It is the
 * fully connected {@link LorentzProduct} of x with the constant (0,0) feature 1, whose coupling
 * (k,n) ⊗ (0,0) → (k,n) is the identity, so it shares that op's arithmetic, layouts and
 * gradients (weights {@code [mulIn][mulOut]} per path). Immutable and thread-safe.
 */
public final class ComplexLinear {
    private static final LorentzIrreps ONE = LorentzIrreps.parse("1x(0,0)");
    private final LorentzProduct product;

    /**
     * Mixing from {@code in} to {@code out}.
     *
     * @param in the input irreps
     * @param out the output irreps
     * @throws IllegalArgumentException when no irrep of {@code out} is in {@code in}
     */
    public ComplexLinear(LorentzIrreps in, LorentzIrreps out) {
        product = new LorentzProduct(in, ONE, out, LorentzProduct.Mode.FULLY_CONNECTED);
    }

    /** The product with the constant feature 1 this mixing is, for {@link ComplexLinearOp}. */
    LorentzProduct product() {
        return product;
    }

    /**
     * Complex weights per call.
     *
     * @return the number of complex weights
     */
    public int weightLength() {
        return product.weightLength();
    }

    /**
     * Input irreps.
     *
     * @return the irreps
     */
    public LorentzIrreps irrepsIn() {
        return product.irreps1();
    }

    /**
     * Output irreps.
     *
     * @return the irreps
     */
    public LorentzIrreps irrepsOut() {
        return product.irrepsOut();
    }

    /**
     * out = W·x per irrep, overwritten.
     *
     * @param x {@code [batch][irrepsIn.dim]}
     * @param w {@link #weightLength()} complex weights
     * @param out receives {@code [batch][irrepsOut.dim]}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void forward(ComplexTensor x, ComplexTensor w, ComplexTensor out, int batch) {
        product.forward(x, ones(batch), w, out, batch);
    }

    /**
     * Gradients with respect to x and W (null: not computed) of a real loss with ∂L/∂out = gradOut.
     *
     * @param x {@code [batch][irrepsIn.dim]}
     * @param w {@link #weightLength()} complex weights
     * @param gradOut ∂L/∂out, {@code [batch][irrepsOut.dim]}
     * @param gradX receives ∂L/∂x, or null
     * @param gradW receives ∂L/∂W, summed over the batch, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void backward(ComplexTensor x, ComplexTensor w, ComplexTensor gradOut, ComplexTensor gradX,
            ComplexTensor gradW, int batch) {
        product.backward(x, ones(batch), w, gradOut, gradX, null, gradW, batch);
    }

    /**
     * Float32 version of {@link #forward(ComplexTensor, ComplexTensor, ComplexTensor, int)}.
     *
     * @param x {@code [batch][irrepsIn.dim]}
     * @param w {@link #weightLength()} complex weights
     * @param out receives {@code [batch][irrepsOut.dim]}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void forward(ComplexTensor32 x, ComplexTensor32 w, ComplexTensor32 out, int batch) {
        product.forward(x, ones(batch).toFloat(), w, out, batch);
    }

    private static ComplexTensor ones(int batch) {
        if (batch < 0) throw new IllegalArgumentException("ComplexLinear: batch must be >= 0, got " + batch);
        double[] re = new double[batch];
        Arrays.fill(re, 1);
        return ComplexTensor.of(re, new double[batch]);
    }

    @Override
    public String toString() {
        return "ComplexLinear(" + irrepsIn() + " -> " + irrepsOut() + ")";
    }
}
