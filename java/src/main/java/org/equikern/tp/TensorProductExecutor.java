package org.equikern.tp;

/**
 * Runs one compiled {@link Plan} on some device. Arrays are batches in e3nn's layout: {@code x1}
 * is {@code batch × dim1}, {@code x2} {@code batch × dim2}, {@code out} {@code batch × dimOut},
 * weights {@code weightNumel} (shared) or {@code batch × weightNumel} (per sample); weights may
 * be null when {@code weightNumel} is 0. Outputs are overwritten, never accumulated into, and
 * must not be the same array as any input or other output. Implementations check every length
 * before any work ({@link TensorProductArguments}) and are safe for concurrent calls.
 */
public interface TensorProductExecutor {
    /**
     * The plan this executor runs.
     *
     * @return the plan
     */
    Plan plan();

    /**
     * {@code out = TP(x1, x2, weights)} in float64.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param out receives {@code batch × dimOut} values, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    void forward(double[] x1, double[] x2, double[] weights, double[] out, int batch);

    /**
     * {@code out = TP(x1, x2, weights)} in float32.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param out receives {@code batch × dimOut} values, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    void forward(float[] x1, float[] x2, float[] weights, float[] out, int batch);

    /**
     * Gradients of {@code Σ out · gradOut} with respect to x1, x2 and the weights, in float64.
     * A null gradient array is not computed. With shared weights {@code gradWeights} is the sum
     * over the batch.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param gradX1 receives ∂/∂x1, {@code batch × dim1} values, or null
     * @param gradX2 receives ∂/∂x2, {@code batch × dim2} values, or null
     * @param gradWeights receives ∂/∂weights, the shape of {@code weights} (summed over the batch when
     *     shared), or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    void backward(double[] x1, double[] x2, double[] weights, double[] gradOut,
                  double[] gradX1, double[] gradX2, double[] gradWeights, int batch);

    /**
     * {@link #backward(double[], double[], double[], double[], double[], double[], double[], int)} in
     * float32.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param gradX1 receives ∂/∂x1, {@code batch × dim1} values, or null
     * @param gradX2 receives ∂/∂x2, {@code batch × dim2} values, or null
     * @param gradWeights receives ∂/∂weights, the shape of {@code weights} (summed over the batch when
     *     shared), or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    void backward(float[] x1, float[] x2, float[] weights, float[] gradOut,
                  float[] gradX1, float[] gradX2, float[] gradWeights, int batch);

    /**
     * {@link #forward(double[], double[], double[], double[], int)} or its float32 twin, chosen
     * by the arrays' type, for code that handles both precisions once.
     *
     * @param x1 input 1, a {@code double[]} or {@code float[]} of {@code batch × dim1}
     * @param x2 input 2, same type, {@code batch × dim2}
     * @param weights the weights, same type, or null when the plan has none
     * @param out receives {@code batch × dimOut} values, same type
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    default void forwardAny(Object x1, Object x2, Object weights, Object out, int batch) {
        if (x1 instanceof double[]) {
            forward((double[]) x1, (double[]) x2, (double[]) weights, (double[]) out, batch);
        } else {
            forward((float[]) x1, (float[]) x2, (float[]) weights, (float[]) out, batch);
        }
    }

    /**
     * {@link #backward} on double[] or float[] arrays, chosen by the arrays' type.
     *
     * @param x1 input 1, a {@code double[]} or {@code float[]} of {@code batch × dim1}
     * @param x2 input 2, same type, {@code batch × dim2}
     * @param weights the weights, same type, or null when the plan has none
     * @param gradOut the gradient with respect to the output, same type, {@code batch × dimOut}
     * @param gradX1 receives ∂/∂x1, same type, or null
     * @param gradX2 receives ∂/∂x2, same type, or null
     * @param gradWeights receives ∂/∂weights, same type, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    default void backwardAny(Object x1, Object x2, Object weights, Object gradOut, Object gradX1, Object gradX2,
            Object gradWeights, int batch) {
        if (x1 instanceof double[]) {
            backward((double[]) x1, (double[]) x2, (double[]) weights, (double[]) gradOut, (double[]) gradX1,
                    (double[]) gradX2, (double[]) gradWeights, batch);
        } else {
            backward((float[]) x1, (float[]) x2, (float[]) weights, (float[]) gradOut, (float[]) gradX1,
                    (float[]) gradX2, (float[]) gradWeights, batch);
        }
    }
}
