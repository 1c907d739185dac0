package org.equikern.train;

/**
 * Binary cross-entropy on logits, averaged over the batch (PyTorch's {@code BCEWithLogitsLoss}):
 * ℓ(z, y) = softplus(z) − y·z, computed as max(z, 0) − y·z + log(1 + e^(−|z|)) so that no
 * exponential overflows; its gradient is (σ(z) − y) / n.
 */
public final class BinaryCrossEntropy {
    private BinaryCrossEntropy() {
    }

    /**
     * The mean loss of {@code logits} against {@code labels} (each 0 or 1, or a probability).
     *
     * @param logits the predicted logits
     * @param labels the targets, one per logit, in [0, 1]
     * @return the mean binary cross-entropy
     * @throws IllegalArgumentException for null or empty arrays or arrays of different lengths
     */
    public static double loss(double[] logits, double[] labels) {
        check(logits, labels);
        double sum = 0;
        for (int k = 0; k < logits.length; k++) {
            double z = logits[k];
            sum += Math.max(z, 0) - labels[k] * z + Math.log1p(Math.exp(-Math.abs(z)));
        }
        return sum / logits.length;
    }

    /**
     * The gradient of {@link #loss} with respect to the logits.
     *
     * @param logits the predicted logits
     * @param labels the targets, one per logit, in [0, 1]
     * @return a new array, one derivative per logit
     * @throws IllegalArgumentException for null or empty arrays or arrays of different lengths
     */
    public static double[] gradient(double[] logits, double[] labels) {
        check(logits, labels);
        double[] g = new double[logits.length];
        for (int k = 0; k < logits.length; k++) {
            g[k] = (sigmoid(logits[k]) - labels[k]) / logits.length;
        }
        return g;
    }

    /**
     * σ(z) = 1 / (1 + e^(−z)), evaluated without overflow.
     *
     * @param z the logit
     * @return σ(z) in [0, 1]
     */
    public static double sigmoid(double z) {
        if (z >= 0) return 1 / (1 + Math.exp(-z));
        double e = Math.exp(z);
        return e / (1 + e);
    }

    private static void check(double[] logits, double[] labels) {
        if (logits == null || labels == null || logits.length != labels.length || logits.length == 0) {
            throw new IllegalArgumentException("binary cross-entropy needs as many labels as logits (at least one), got "
                    + (logits == null ? "null" : logits.length) + " logits and "
                    + (labels == null ? "null" : labels.length) + " labels");
        }
    }
}
