package org.equikern.ops.lorentznet;

import java.util.Arrays;
import org.equikern.ops.jets.JetArrays;

/**
 * The Minkowski-specific primitives of LorentzNet's LGEB block ({@code models.py},
 * sdogsq/LorentzNet-release), on a batch of padded jets whose edges are all ordered pairs i ≠ j of
 * real particles (the first counts[b]); entries of padded particles and of i = j are 0 and receive
 * no gradient. The learnable MLPs φ_e, φ_h, φ_x, φ_m around them are ordinary dense layers.
 * <ul>
 * <li>{@link #edgeFeatures}: ψ(‖x_i − x_j‖²) and ψ(⟨x_i, x_j⟩), ψ(a) = sgn(a)·log(|a| + 1)
 *     ({@code minkowski_feats});</li>
 * <li>{@link #positionUpdate}: x_i + c·mean_{j≠i} (x_i − x_j)·φ_ij ({@code x_model}; LorentzNet's
 *     clamp of the update to ±100, which it notes is never active, is left out);</li>
 * <li>{@link #messageSum}: Σ_{j≠i} m_ij ({@code h_model}'s {@code unsorted_segment_sum}).</li>
 * </ul>
 * Layouts: x {@code [batch][particles][4]}; edge arrays {@code [batch][particles][particles]}
 * (i then j); messages {@code [batch][particles][particles][hidden]}, sums
 * {@code [batch][particles][hidden]}. Outputs are overwritten. Float32 overloads compute in
 * double and round each output once.
 */
public final class LgebPrimitives {
    private static final double[] METRIC = {1, -1, -1, -1};

    private LgebPrimitives() {
    }

    /**
     * ψ(a) = sgn(a)·log(|a| + 1).
     *
     * @param a the argument
     * @return ψ(a), odd and monotone
     */
    public static double psi(double a) {
        return Math.signum(a) * Math.log1p(Math.abs(a));
    }

    /** ψ'(a) = 1 / (|a| + 1). */
    static double psiDerivative(double a) {
        return 1 / (Math.abs(a) + 1);
    }

    /**
     * norms[b][i][j] = ψ(‖x_i − x_j‖²) and dots[b][i][j] = ψ(⟨x_i, x_j⟩) for real i ≠ j.
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param norms receives ψ(‖x_i − x_j‖²), {@code [batch][particles][particles]}
     * @param dots receives ψ(⟨x_i, x_j⟩), {@code [batch][particles][particles]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void edgeFeatures(double[] x, int[] counts, int batch, int particles, double[] norms,
            double[] dots) {
        String op = "LgebPrimitives.edgeFeatures";
        checkPositions(op, x, counts, batch, particles);
        int edges = JetArrays.size("edges", batch, particles, particles);
        JetArrays.requireLength(op, "norms", JetArrays.len(norms), edges);
        JetArrays.requireLength(op, "dots", JetArrays.len(dots), edges);
        Arrays.fill(norms, 0);
        Arrays.fill(dots, 0);
        forEachEdge(counts, batch, particles, (b, i, j, e) -> {
            int pi = (b * particles + i) * 4;
            int pj = (b * particles + j) * 4;
            double norm = differenceNorm(x, pi, pj);
            double dot = minkowskiDot(x, pi, pj);
            norms[e] = psi(norm);
            dots[e] = psi(dot);
        });
    }

    /** ‖x_i − x_j‖² in the metric (+,−,−,−), the 4-vectors starting at {@code pi} and {@code pj}. */
    private static double differenceNorm(double[] x, int pi, int pj) {
        double norm = 0;
        for (int mu = 0; mu < 4; mu++) {
            double d = x[pi + mu] - x[pj + mu];
            norm += METRIC[mu] * d * d;
        }
        return norm;
    }

    /** ⟨x_i, x_j⟩ in the metric (+,−,−,−). */
    private static double minkowskiDot(double[] x, int pi, int pj) {
        double dot = 0;
        for (int mu = 0; mu < 4; mu++) {
            dot += METRIC[mu] * x[pi + mu] * x[pj + mu];
        }
        return dot;
    }

    /**
     * The gradient with respect to x of Σ norms·gradNorms + dots·gradDots.
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradNorms {@code [batch][particles][particles]}
     * @param gradDots {@code [batch][particles][particles]}
     * @param gradX receives {@code [batch][particles][4]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void edgeFeaturesBackward(double[] x, int[] counts, int batch, int particles, double[] gradNorms,
            double[] gradDots, double[] gradX) {
        String op = "LgebPrimitives.edgeFeaturesBackward";
        checkPositions(op, x, counts, batch, particles);
        int edges = JetArrays.size("edges", batch, particles, particles);
        JetArrays.requireLength(op, "gradNorms", JetArrays.len(gradNorms), edges);
        JetArrays.requireLength(op, "gradDots", JetArrays.len(gradDots), edges);
        JetArrays.requireLength(op, "gradX", JetArrays.len(gradX), x.length);
        Arrays.fill(gradX, 0);
        forEachEdge(counts, batch, particles, (b, i, j, e) -> {
            int pi = (b * particles + i) * 4;
            int pj = (b * particles + j) * 4;
            double norm = differenceNorm(x, pi, pj);
            double dot = minkowskiDot(x, pi, pj);
            double gn = gradNorms[e] * psiDerivative(norm);
            double gd = gradDots[e] * psiDerivative(dot);
            for (int mu = 0; mu < 4; mu++) {
                double d = x[pi + mu] - x[pj + mu];
                gradX[pi + mu] += METRIC[mu] * (2 * gn * d + gd * x[pj + mu]);
                gradX[pj + mu] += METRIC[mu] * (-2 * gn * d + gd * x[pi + mu]);
            }
        });
    }

    /**
     * out_i = x_i + c·mean_{j≠i} (x_i − x_j)·φ_ij for real i (the mean over max(1, n − 1) edges); padding 0.
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param phi φ_ij, {@code [batch][particles][particles]}
     * @param c the step c
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param out receives {@code [batch][particles][4]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void positionUpdate(double[] x, double[] phi, double c, int[] counts, int batch, int particles,
            double[] out) {
        String op = "LgebPrimitives.positionUpdate";
        checkPositions(op, x, counts, batch, particles);
        JetArrays.requireLength(op, "phi", JetArrays.len(phi), JetArrays.size("edges", batch, particles, particles));
        JetArrays.requireLength(op, "out", JetArrays.len(out), x.length);
        Arrays.fill(out, 0);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < counts[b]; i++) {
                int pi = (b * particles + i) * 4;
                for (int mu = 0; mu < 4; mu++) out[pi + mu] = x[pi + mu];
            }
        }
        forEachEdge(counts, batch, particles, (b, i, j, e) -> {
            int pi = (b * particles + i) * 4;
            int pj = (b * particles + j) * 4;
            double f = c * phi[e] / Math.max(1, counts[b] - 1);
            for (int mu = 0; mu < 4; mu++) out[pi + mu] += f * (x[pi + mu] - x[pj + mu]);
        });
    }

    /**
     * Gradients of Σ out·gradOut with respect to x and φ (padding and i = j get 0).
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param phi φ_ij, {@code [batch][particles][particles]}
     * @param c the step c
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradOut {@code [batch][particles][4]}
     * @param gradX receives {@code [batch][particles][4]}
     * @param gradPhi receives {@code [batch][particles][particles]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void positionUpdateBackward(double[] x, double[] phi, double c, int[] counts, int batch,
            int particles, double[] gradOut, double[] gradX, double[] gradPhi) {
        String op = "LgebPrimitives.positionUpdateBackward";
        checkPositions(op, x, counts, batch, particles);
        int edges = JetArrays.size("edges", batch, particles, particles);
        JetArrays.requireLength(op, "phi", JetArrays.len(phi), edges);
        JetArrays.requireLength(op, "gradOut", JetArrays.len(gradOut), x.length);
        JetArrays.requireLength(op, "gradX", JetArrays.len(gradX), x.length);
        JetArrays.requireLength(op, "gradPhi", JetArrays.len(gradPhi), edges);
        Arrays.fill(gradX, 0);
        Arrays.fill(gradPhi, 0);
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < counts[b]; i++) {
                int pi = (b * particles + i) * 4;
                for (int mu = 0; mu < 4; mu++) gradX[pi + mu] = gradOut[pi + mu];
            }
        }
        forEachEdge(counts, batch, particles, (b, i, j, e) -> {
            int pi = (b * particles + i) * 4;
            int pj = (b * particles + j) * 4;
            double scale = c / Math.max(1, counts[b] - 1);
            double g = 0;
            for (int mu = 0; mu < 4; mu++) {
                g += gradOut[pi + mu] * (x[pi + mu] - x[pj + mu]);
                gradX[pi + mu] += scale * phi[e] * gradOut[pi + mu];
                gradX[pj + mu] -= scale * phi[e] * gradOut[pi + mu];
            }
            gradPhi[e] = scale * g;
        });
    }

    /**
     * sums[b][i][h] = Σ_{real j ≠ i} m[b][i][j][h] for real i; padding 0.
     *
     * @param m the messages, {@code [batch][particles][particles][hidden]}
     * @param hidden the message width, ≥ 1
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param sums receives {@code [batch][particles][hidden]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void messageSum(double[] m, int hidden, int[] counts, int batch, int particles, double[] sums) {
        String op = "LgebPrimitives.messageSum";
        checkMessages(op, m, hidden, counts, batch, particles);
        JetArrays.requireLength(op, "sums", JetArrays.len(sums), JetArrays.size("sums", batch, particles, hidden));
        Arrays.fill(sums, 0);
        forEachEdge(counts, batch, particles, (b, i, j, e) -> {
            int to = (b * particles + i) * hidden;
            for (int h = 0; h < hidden; h++) sums[to + h] += m[e * hidden + h];
        });
    }

    /**
     * The gradient with respect to m of Σ sums·gradSums: gradSums[i] on every real edge (i, j).
     *
     * @param gradSums {@code [batch][particles][hidden]}
     * @param hidden the message width, ≥ 1
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradM receives {@code [batch][particles][particles][hidden]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void messageSumBackward(double[] gradSums, int hidden, int[] counts, int batch, int particles,
            double[] gradM) {
        String op = "LgebPrimitives.messageSumBackward";
        checkMessages(op, gradM, hidden, counts, batch, particles);
        JetArrays.requireLength(op, "gradSums", JetArrays.len(gradSums),
                JetArrays.size("sums", batch, particles, hidden));
        Arrays.fill(gradM, 0);
        forEachEdge(counts, batch, particles, (b, i, j, e) -> System.arraycopy(gradSums, (b * particles + i) * hidden,
                gradM, e * hidden, hidden));
    }

    /**
     * Float32 version of {@link #edgeFeatures(double[], int[], int, int, double[], double[])}.
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param norms receives ψ(‖x_i − x_j‖²), {@code [batch][particles][particles]}
     * @param dots receives ψ(⟨x_i, x_j⟩), {@code [batch][particles][particles]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void edgeFeatures(float[] x, int[] counts, int batch, int particles, float[] norms, float[] dots) {
        double[] n = wideOutput(norms);
        double[] d = wideOutput(dots);
        edgeFeatures(JetArrays.widen(x), counts, batch, particles, n, d);
        JetArrays.narrow(n, norms);
        JetArrays.narrow(d, dots);
    }

    /**
     * Float32 version of {@link #edgeFeaturesBackward(double[], int[], int, int, double[], double[],
     * double[])}.
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradNorms {@code [batch][particles][particles]}
     * @param gradDots {@code [batch][particles][particles]}
     * @param gradX receives {@code [batch][particles][4]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void edgeFeaturesBackward(float[] x, int[] counts, int batch, int particles, float[] gradNorms,
            float[] gradDots, float[] gradX) {
        double[] g = wideOutput(gradX);
        edgeFeaturesBackward(JetArrays.widen(x), counts, batch, particles, JetArrays.widen(gradNorms),
                JetArrays.widen(gradDots), g);
        JetArrays.narrow(g, gradX);
    }

    /**
     * Float32 version of {@link #positionUpdate(double[], double[], double, int[], int, int, double[])}.
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param phi φ_ij, {@code [batch][particles][particles]}
     * @param c the step c
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param out receives {@code [batch][particles][4]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void positionUpdate(float[] x, float[] phi, double c, int[] counts, int batch, int particles,
            float[] out) {
        double[] o = wideOutput(out);
        positionUpdate(JetArrays.widen(x), JetArrays.widen(phi), c, counts, batch, particles, o);
        JetArrays.narrow(o, out);
    }

    /** Float32 version of {@link #positionUpdateBackward(double[], double[], double, int[], int, int, double[],
     * double[], double[])}.
     *
     * @param x positions {@code [batch][particles][4]} as (t, x, y, z)
     * @param phi φ_ij, {@code [batch][particles][particles]}
     * @param c the step c
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradOut {@code [batch][particles][4]}
     * @param gradX receives {@code [batch][particles][4]}
     * @param gradPhi receives {@code [batch][particles][particles]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void positionUpdateBackward(float[] x, float[] phi, double c, int[] counts, int batch,
            int particles, float[] gradOut, float[] gradX, float[] gradPhi) {
        double[] gx = wideOutput(gradX);
        double[] gp = wideOutput(gradPhi);
        positionUpdateBackward(JetArrays.widen(x), JetArrays.widen(phi), c, counts, batch, particles,
                JetArrays.widen(gradOut), gx, gp);
        JetArrays.narrow(gx, gradX);
        JetArrays.narrow(gp, gradPhi);
    }

    /**
     * Float32 version of {@link #messageSum(double[], int, int[], int, int, double[])}.
     *
     * @param m the messages, {@code [batch][particles][particles][hidden]}
     * @param hidden the message width, ≥ 1
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param sums receives {@code [batch][particles][hidden]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void messageSum(float[] m, int hidden, int[] counts, int batch, int particles, float[] sums) {
        double[] s = wideOutput(sums);
        messageSum(JetArrays.widen(m), hidden, counts, batch, particles, s);
        JetArrays.narrow(s, sums);
    }

    /**
     * Float32 version of {@link #messageSumBackward(double[], int, int[], int, int, double[])}.
     *
     * @param gradSums {@code [batch][particles][hidden]}
     * @param hidden the message width, ≥ 1
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradM receives {@code [batch][particles][particles][hidden]}
     * @throws IllegalArgumentException for bad counts or shapes, or an array of the wrong length
     */
    public static void messageSumBackward(float[] gradSums, int hidden, int[] counts, int batch, int particles,
            float[] gradM) {
        double[] g = wideOutput(gradM);
        messageSumBackward(JetArrays.widen(gradSums), hidden, counts, batch, particles, g);
        JetArrays.narrow(g, gradM);
    }

    /** A double scratch output as long as {@code out} (null stays null, so the double method names it). */
    private static double[] wideOutput(float[] out) {
        return out == null ? null : new double[out.length];
    }

    /** One real edge: jet b, particles i ≠ j, flat edge index e. */
    @FunctionalInterface
    private interface Edge {
        void visit(int b, int i, int j, int e);
    }

    private static void forEachEdge(int[] counts, int batch, int particles, Edge edge) {
        for (int b = 0; b < batch; b++) {
            for (int i = 0; i < counts[b]; i++) {
                for (int j = 0; j < counts[b]; j++) {
                    if (i != j) edge.visit(b, i, j, (b * particles + i) * particles + j);
                }
            }
        }
    }

    private static void checkPositions(String op, double[] x, int[] counts, int batch, int particles) {
        JetArrays.checkCounts(op, counts, batch, particles);
        JetArrays.requireLength(op, "x", JetArrays.len(x), JetArrays.size("x", batch, particles, 4));
    }

    private static void checkMessages(String op, double[] m, int hidden, int[] counts, int batch, int particles) {
        JetArrays.checkCounts(op, counts, batch, particles);
        if (hidden < 1) throw new IllegalArgumentException(op + ": hidden must be >= 1, got " + hidden);
        JetArrays.requireLength(op, "m", JetArrays.len(m), JetArrays.size("messages", batch, particles, particles,
                hidden));
    }
}
