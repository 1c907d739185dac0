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
    /** The plan this executor runs. */
    Plan plan();

    /** {@code out = TP(x1, x2, weights)} in float64. */
    void forward(double[] x1, double[] x2, double[] weights, double[] out, int batch);

    /** {@code out = TP(x1, x2, weights)} in float32. */
    void forward(float[] x1, float[] x2, float[] weights, float[] out, int batch);

    /**
     * Gradients of {@code Σ out · gradOut} with respect to x1, x2 and the weights, in float64.
     * A null gradient array is not computed. With shared weights {@code gradWeights} is the sum
     * over the batch.
     */
    void backward(double[] x1, double[] x2, double[] weights, double[] gradOut,
                  double[] gradX1, double[] gradX2, double[] gradWeights, int batch);

    /** {@link #backward(double[], double[], double[], double[], double[], double[], double[], int)} in float32. */
    void backward(float[] x1, float[] x2, float[] weights, float[] gradOut,
                  float[] gradX1, float[] gradX2, float[] gradWeights, int batch);

    /**
     * {@link #forward(double[], double[], double[], double[], int)} or its float32 twin, chosen
     * by the arrays' type, for code that handles both precisions once.
     */
    default void forwardAny(Object x1, Object x2, Object weights, Object out, int batch) {
        if (x1 instanceof double[]) {
            forward((double[]) x1, (double[]) x2, (double[]) weights, (double[]) out, batch);
        } else {
            forward((float[]) x1, (float[]) x2, (float[]) weights, (float[]) out, batch);
        }
    }

    /** {@link #backward} on double[] or float[] arrays, chosen by the arrays' type. */
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
