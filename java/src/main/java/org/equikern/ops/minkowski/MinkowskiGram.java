package org.equikern.ops.minkowski;

import org.equikern.ops.jets.JetArrays;

/**
 * The batched, masked Gram matrix of 4-momenta, PELICAN's input: {@code G[b][i][j] = ⟨p_i, p_j⟩}
 * with metric (+,−,−,−) for the real particles i, j &lt; counts[b] of jet b, and 0 where either is
 * padding.
 *
 * <p>Layouts: momenta {@code [batch][particles][4]} as (t, x, y, z); Gram {@code [batch][particles][particles]}.
 * Outputs are overwritten. Float32 overloads compute in double and round once.
 * {@link MinkowskiGramOp} runs the same computation on a device's buffers.
 */
public final class MinkowskiGram {
    private static final String FORWARD = "MinkowskiGram.forward";
    private static final String BACKWARD = "MinkowskiGram.backward";
    private static final double[] METRIC = {1, -1, -1, -1};

    private MinkowskiGram() {
    }

    /**
     * Computes the Gram matrices of {@code batch} jets of {@code particles} (padded) particles.
     *
     * @param momenta {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gram receives {@code [batch][particles][particles]}, overwritten
     * @throws IllegalArgumentException for a bad count or shape, or an array of the wrong length
     */
    public static void forward(double[] momenta, int[] counts, int batch, int particles, double[] gram) {
        check(FORWARD, counts, batch, particles, JetArrays.len(momenta), JetArrays.len(gram), "gram");
        for (int b = 0; b < batch; b++) {
            int base = b * particles;
            for (int i = 0; i < particles; i++) {
                for (int j = 0; j < particles; j++) {
                    gram[(base + i) * particles + j] = i < counts[b] && j < counts[b]
                            ? dot(momenta, (base + i) * 4, (base + j) * 4) : 0;
                }
            }
        }
    }

    /**
     * The gradient of {@code Σ gram · gradGram} with respect to the momenta:
     * {@code ∂/∂p_i = Σ_j (g_ij + g_ji)·η·p_j} over real particles; padding gets 0.
     *
     * @param momenta {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradGram {@code [batch][particles][particles]}
     * @param gradMomenta receives {@code [batch][particles][4]}, overwritten
     * @throws IllegalArgumentException for a bad count or shape, or an array of the wrong length
     */
    public static void backward(double[] momenta, int[] counts, int batch, int particles, double[] gradGram,
            double[] gradMomenta) {
        check(BACKWARD, counts, batch, particles, JetArrays.len(momenta), JetArrays.len(gradGram), "gradGram");
        JetArrays.requireLength(BACKWARD, "gradMomenta", JetArrays.len(gradMomenta), momenta.length);
        java.util.Arrays.fill(gradMomenta, 0);
        for (int b = 0; b < batch; b++) {
            int base = b * particles;
            for (int i = 0; i < counts[b]; i++) {
                for (int j = 0; j < counts[b]; j++) {
                    double g = gradGram[(base + i) * particles + j] + gradGram[(base + j) * particles + i];
                    for (int mu = 0; mu < 4; mu++) {
                        gradMomenta[(base + i) * 4 + mu] += g * METRIC[mu] * momenta[(base + j) * 4 + mu];
                    }
                }
            }
        }
    }

    /**
     * Float32 version of {@link #forward(double[], int[], int, int, double[])}.
     *
     * @param momenta {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gram receives {@code [batch][particles][particles]}, overwritten
     * @throws IllegalArgumentException for a bad count or shape, or an array of the wrong length
     */
    public static void forward(float[] momenta, int[] counts, int batch, int particles, float[] gram) {
        check(FORWARD, counts, batch, particles, JetArrays.len(momenta), JetArrays.len(gram), "gram");
        double[] out = new double[gram.length];
        forward(JetArrays.widen(momenta), counts, batch, particles, out);
        JetArrays.narrow(out, gram);
    }

    /**
     * Float32 version of {@link #backward(double[], int[], int, int, double[], double[])}.
     *
     * @param momenta {@code [batch][particles][4]} as (t, x, y, z)
     * @param counts the real particles of each jet, each in 0..particles
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param gradGram {@code [batch][particles][particles]}
     * @param gradMomenta receives {@code [batch][particles][4]}, overwritten
     * @throws IllegalArgumentException for a bad count or shape, or an array of the wrong length
     */
    public static void backward(float[] momenta, int[] counts, int batch, int particles, float[] gradGram,
            float[] gradMomenta) {
        check(BACKWARD, counts, batch, particles, JetArrays.len(momenta), JetArrays.len(gradGram), "gradGram");
        JetArrays.requireLength(BACKWARD, "gradMomenta", JetArrays.len(gradMomenta), momenta.length);
        double[] out = new double[gradMomenta.length];
        backward(JetArrays.widen(momenta), counts, batch, particles, JetArrays.widen(gradGram), out);
        JetArrays.narrow(out, gradMomenta);
    }

    private static double dot(double[] p, int a, int c) {
        return p[a] * p[c] - p[a + 1] * p[c + 1] - p[a + 2] * p[c + 2] - p[a + 3] * p[c + 3];
    }

    private static void check(String op, int[] counts, int batch, int particles, int momenta, int gram,
            String gramName) {
        JetArrays.checkCounts(op, counts, batch, particles);
        JetArrays.requireLength(op, "momenta", momenta, JetArrays.size("momenta", batch, particles, 4));
        JetArrays.requireLength(op, gramName, gram, JetArrays.size(gramName, batch, particles, particles));
    }
}
