package org.equikern.train;

/** Gradient clipping with PyTorch's semantics ({@code torch.nn.utils.clip_grad_norm_} and {@code clip_grad_value_}). */
public final class GradientClipping {
    private GradientClipping() {
    }

    /**
     * Scales every gradient by {@code min(1, maxNorm / (total + 1e-6))}, where {@code total} is the
     * 2-norm of the per-parameter 2-norms (the 2-norm of all gradients together). As in PyTorch, a
     * non-finite total is returned and propagates into the gradients.
     *
     * @param parameters the parameters whose gradients are scaled
     * @param maxNorm the largest total norm, ≥ 0
     * @return the total norm before clipping
     * @throws IllegalArgumentException for a negative or non-finite bound
     */
    public static double clipByNorm(Parameters parameters, double maxNorm) {
        Optimizer.checkRange("max_norm", maxNorm, 0, Double.MAX_VALUE, true);
        double sumOfNorms = 0;
        for (Parameter p : parameters) {
            double norm = norm(p.grad());
            sumOfNorms += norm * norm;
        }
        double total = Math.sqrt(sumOfNorms);
        double coefficient = Math.min(maxNorm / (total + 1e-6), 1.0);
        if (!(coefficient == 1.0)) {
            for (Parameter p : parameters) {
                double[] g = p.grad();
                for (int k = 0; k < g.length; k++) {
                    g[k] *= coefficient;
                }
            }
        }
        return total;
    }

    private static double norm(double[] g) {
        double s = 0;
        for (double v : g) {
            s += v * v;
        }
        return Math.sqrt(s);
    }

    /**
     * Clamps every gradient element into {@code [-clipValue, clipValue]}.
     *
     * @param parameters the parameters whose gradients are clamped
     * @param clipValue the bound, ≥ 0
     * @throws IllegalArgumentException for a negative or non-finite bound
     */
    public static void clipByValue(Parameters parameters, double clipValue) {
        Optimizer.checkRange("clip_value", clipValue, 0, Double.MAX_VALUE, true);
        for (Parameter p : parameters) {
            double[] g = p.grad();
            for (int k = 0; k < g.length; k++) {
                g[k] = Math.max(-clipValue, Math.min(clipValue, g[k]));
            }
        }
    }
}
