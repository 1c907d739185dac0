package org.equikern.group;

import java.util.Arrays;
import org.equikern.concurrent.ScratchPool;

/**
 * The float32 evaluation of {@link SphericalHarmonics}: the same blocked recursion (terms grouped by
 * destination component, vector index innermost) in float arithmetic, so each vectorized loop carries
 * twice the lanes of the double one and a block's scratch is half the size; the scaled values are written
 * once into the output rows. Rounding each term to float costs accuracy: against the double evaluation the
 * error stays below {@link #relativeError} times the largest magnitude of the vector's row (tested up to
 * lmax 12). Where the JVM resolved {@code jdk.incubator.vector} the same evaluation runs on the Vector API
 * ({@link VectorHarmonicsKernel}: measured about 1.5× faster at lmax 6 in one loaded sitting); these plain
 * loops are its fallback.
 */
final class FloatHarmonics {
    /**
     * The documented bound on |float − double| relative to the row's largest magnitude (at least 1): it grows
     * with the degree, as the harmonics' slope on the sphere does, which turns the rounding of a normalized
     * vector into an error about l times as large (measured over 2^17 random vectors per lmax and
     * normalization: at most 2.4e-7 · lmax, 62% of this bound at lmax 12; a flat 2e-6 was exceeded there).
     */
    static double relativeError(int lmax) {
        return 3e-7 * (lmax + 1);
    }
    /**
     * Vectors per block: a constant, so that the JIT knows each loop's trip count (with a field as the bound
     * the float loops ran slower than the double ones); 128 floats take the room of the double evaluation's
     * 64 doubles. A divisor of the chunks {@link SphericalHarmonics} hands out.
     */
    static final int BLOCK = 128;
    /** Vectors per tile of the final transposition, as in the double evaluation. */
    private static final int TILE = 8;

    private final int dim;
    private final boolean normalize;
    private final int directRowBytes;
    private final int[] byDstStart;
    private final int[] byDstAxis;
    private final int[] byDstSrc;
    private final float[] byDstCoefficient;
    private final float[] scale;
    private final ScratchPool<Lanes> lanes;
    /** The Vector API evaluation where the JVM resolved the incubator module, else null. */
    private final VectorHarmonicsKernel vector;

    /**
     * Takes the recursion grouped by destination and the per-component scale as {@link SphericalHarmonics}
     * holds them (the coefficients and scales rounded to float here), and its buffered-row threshold.
     */
    FloatHarmonics(int dim, boolean normalize, int[] byDstStart, int[] byDstAxis, int[] byDstSrc,
            double[] byDstCoefficient, double[] scale, int directRowBytes) {
        this.dim = dim;
        this.normalize = normalize;
        this.directRowBytes = directRowBytes;
        this.byDstStart = byDstStart;
        this.byDstAxis = byDstAxis;
        this.byDstSrc = byDstSrc;
        this.byDstCoefficient = toFloat(byDstCoefficient);
        this.scale = toFloat(scale);
        this.lanes = new ScratchPool<>(Lanes::new);
        this.vector = VectorHarmonicsKernel.load(dim, normalize, byDstStart, byDstAxis, byDstSrc, byDstCoefficient,
                scale);
    }

    static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }

    /** Evaluates vectors {@code [from, to)} into their rows of {@code out}: on the Vector API where it is resolved. */
    void compute(float[] vectors, float[] out, int from, int to) {
        if (vector != null) {
            vector.compute(vectors, out, from, to);
        } else {
            computePlain(vectors, out, from, to);
        }
    }

    /** Whether {@link #compute} runs on the Vector API. */
    boolean vectorized() {
        return vector != null;
    }

    /** Evaluates vectors {@code [from, to)} into their rows of {@code out} in plain Java, block by block. */
    void computePlain(float[] vectors, float[] out, int from, int to) {
        Lanes b = lanes.acquire();
        try {
            for (int s = from; s < to; s += BLOCK) {
                int count = Math.min(BLOCK, to - s);
                b.load(vectors, s, count);
                evaluate(b);
                b.store(out, s, count);
            }
        } finally {
            lanes.release(b);
        }
    }

    /** {@link SphericalHarmonics}'s blocked recursion, unscaled, in float. */
    private void evaluate(Lanes b) {
        float[][] u = b.u;
        float[][] y = b.y;
        Arrays.fill(y[0], 1f);
        if (normalize) {
            float[] x0 = u[0];
            float[] x1 = u[1];
            float[] x2 = u[2];
            for (int i = 0; i < BLOCK; i++) {
                float r = (float) Math.sqrt(x0[i] * x0[i] + x1[i] * x1[i] + x2[i] * x2[i]);
                float inv = r > 0 ? 1 / r : 0;
                x0[i] *= inv;
                x1[i] *= inv;
                x2[i] *= inv;
            }
        }
        for (int k = 1; k < dim; k++) {
            float[] yk = y[k];
            float[] sum = b.zero;
            for (int t = byDstStart[k], end = byDstStart[k + 1]; t < end; t += 3, sum = yk) {
                float c0 = byDstCoefficient[t];
                float[] u0 = u[byDstAxis[t]];
                float[] y0 = y[byDstSrc[t]];
                if (end - t == 1) {
                    for (int i = 0; i < BLOCK; i++) yk[i] = sum[i] + c0 * u0[i] * y0[i];
                    continue;
                }
                float c1 = byDstCoefficient[t + 1];
                float[] u1 = u[byDstAxis[t + 1]];
                float[] y1 = y[byDstSrc[t + 1]];
                if (end - t == 2) {
                    for (int i = 0; i < BLOCK; i++) yk[i] = sum[i] + c0 * u0[i] * y0[i] + c1 * u1[i] * y1[i];
                    continue;
                }
                float c2 = byDstCoefficient[t + 2];
                float[] u2 = u[byDstAxis[t + 2]];
                float[] y2 = y[byDstSrc[t + 2]];
                for (int i = 0; i < BLOCK; i++) {
                    yk[i] = sum[i] + c0 * u0[i] * y0[i] + c1 * u1[i] * y1[i] + c2 * u2[i] * y2[i];
                }
            }
        }
    }

    /** One work item's float scratch: u[axis][i] and y[component][i] over a block of vectors. */
    private final class Lanes {
        final float[][] u = new float[3][BLOCK];
        final float[][] y = new float[dim][BLOCK];
        /** +0 in every lane, where a component's sum starts. */
        final float[] zero = new float[BLOCK];
        /** A block's output rows, where long rows are buffered, else null. */
        final float[] rows = dim * Float.BYTES > directRowBytes ? new float[BLOCK * dim] : null;

        void load(float[] vectors, int s, int count) {
            for (int i = 0; i < BLOCK; i++) {
                boolean in = i < count;
                for (int a = 0; a < 3; a++) u[a][i] = in ? vectors[3 * (s + i) + a] : 0;
            }
        }

        /** Stores the block into rows of {@code out}, through {@link #rows} when there is one. */
        void store(float[] out, int s, int count) {
            if (rows == null) {
                transpose(out, s, count);
            } else {
                transpose(rows, 0, count);
                System.arraycopy(rows, 0, out, s * dim, count * dim);
            }
        }

        /** Scales and transposes the block into rows from vector {@code s}, a tile of vectors at a time. */
        void transpose(float[] out, int s, int count) {
            int full = count - count % TILE;
            for (int i = 0; i < full; i += TILE) {
                int row = (s + i) * dim;
                for (int k = 0; k < dim; k++) {
                    float[] yk = y[k];
                    float f = scale[k];
                    int o = row + k;
                    out[o] = yk[i] * f;
                    out[o + dim] = yk[i + 1] * f;
                    out[o + 2 * dim] = yk[i + 2] * f;
                    out[o + 3 * dim] = yk[i + 3] * f;
                    out[o + 4 * dim] = yk[i + 4] * f;
                    out[o + 5 * dim] = yk[i + 5] * f;
                    out[o + 6 * dim] = yk[i + 6] * f;
                    out[o + 7 * dim] = yk[i + 7] * f;
                }
            }
            for (int k = 0; k < dim; k++) {
                float[] yk = y[k];
                float f = scale[k];
                for (int i = full, o = (s + full) * dim + k; i < count; i++, o += dim) out[o] = yk[i] * f;
            }
        }
    }
}
