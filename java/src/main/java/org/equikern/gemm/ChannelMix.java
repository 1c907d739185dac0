package org.equikern.gemm;

import java.util.Arrays;

/**
 * Float32 channel mixing of one irreps block laid out {@code [sample][channel][component]} (e3nn's
 * layout), the GEMM inside {@code Linear}, a fully connected tensor product's weights and the
 * symmetric contraction's channel weights:
 *
 * <pre>
 *   mix:   y[s, w, i] += Σ_u x[s, u, i] · W[u][w]          (rows (s, i) × K = in × N = out)
 *   outer: gW[u][w]   += scale · Σ_{s,i} x[s, u, i] · g[s, w, i]
 * </pre>
 *
 * <p>Blocking: four input channels u at a time, so each accumulator load and store serves four
 * FMAs held in registers, over {@link #ROWS} rows (s, i) while those four weight rows stay in L1.
 * The inner loops index distinct arrays ({@code W} rows, one accumulator row) from 0 with one index
 * and store to one array, the shape JDK 17's C2 vectorizes (offsets it cannot prove apart, or
 * stores to several arrays, keep a loop scalar). Accumulation is in float within
 * the K sum; {@link #outer} sums at most {@link #FLUSH_ROWS} rows in float, then adds into a double
 * array, so long batch sums keep float64 accuracy.
 *
 * <p>On the packed routes ({@link GemmRoute#VECTOR}, {@link GemmRoute#NATIVE}; {@link GemmRoute}
 * says which one a new instance takes): blocks of at least {@link #DENSE_MIN_CHANNELS} channels
 * both ways are packed {@link #FLUSH_ROWS} rows at a time into dense arrays and multiplied by a
 * {@link DenseKernel} instead, with the same float sums and double flushes.
 *
 * <p>One instance holds its scratch: not thread-safe, pool one per thread.
 */
public final class ChannelMix {
    /** Rows (sample, component) computed together. */
    public static final int ROWS = 4;
    /**
     * Input channels per pass over the accumulator rows: 4 (measured on JDK 17: a loop of four
     * chained FMAs vectorizes, one of eight does not).
     */
    private static final int K_STEP = 4;
    /** Rows summed in float before {@link #outer} adds them into its double target. */
    public static final int FLUSH_ROWS = 256;

    /** Blocks with fewer input or output channels stay on the scalar loops (the vector tile is 32 wide). */
    public static final int DENSE_MIN_CHANNELS = 32;

    private final int maxIn;
    private final int maxOut;
    /** The packed route's kernel, or null: the scalar loops only. */
    private final DenseKernel dense;
    /** The packed route's dense chunks: A (rows × in), B (in × out), C or G (rows × out), partial (in × out). */
    private final float[] packedA;
    private final float[] packedB;
    private final float[] packedC;
    private final float[] packedPartial;
    private final float[][] acc;
    private final float[][] gRows;
    private final float[][] partial;
    private final int[] xBase = new int[ROWS];
    private final int[] yBase = new int[ROWS];

    /**
     * Scratch for blocks of at most {@code maxIn} input and {@code maxOut} output channels, on the
     * route {@link GemmRoute#configured()} names.
     *
     * @param maxIn the most input channels of a block, ≥ 1
     * @param maxOut the most output channels of a block, ≥ 1
     * @throws IllegalArgumentException for a channel count below 1 or an unknown route name
     * @throws IllegalStateException when the configured route cannot run in this JVM
     */
    public ChannelMix(int maxIn, int maxOut) {
        this(maxIn, maxOut, GemmRoute.configured());
    }

    /**
     * Scratch as {@link #ChannelMix(int, int)}, on {@code route}.
     *
     * @param maxIn the most input channels of a block, ≥ 1
     * @param maxOut the most output channels of a block, ≥ 1
     * @param route the kernel of blocks of at least {@link #DENSE_MIN_CHANNELS} channels both ways
     * @throws IllegalArgumentException for a channel count below 1
     * @throws IllegalStateException when {@code route} cannot run in this JVM
     */
    public ChannelMix(int maxIn, int maxOut, GemmRoute route) {
        this(maxIn, maxOut, route.kernel());
    }

    /** With {@code dense} null every block runs on the scalar loops. */
    private ChannelMix(int maxIn, int maxOut, DenseKernel dense) {
        if (maxIn < 1) throw new IllegalArgumentException("maxIn must be >= 1, got " + maxIn);
        if (maxOut < 1) throw new IllegalArgumentException("maxOut must be >= 1, got " + maxOut);
        this.maxIn = maxIn;
        this.maxOut = maxOut;
        acc = new float[ROWS][maxOut];
        gRows = new float[ROWS][maxOut];
        partial = new float[maxIn][maxOut];
        boolean large = Math.min(maxIn, maxOut) >= DENSE_MIN_CHANNELS;
        this.dense = large ? dense : null;
        packedA = this.dense == null ? null : new float[FLUSH_ROWS * maxIn];
        packedB = this.dense == null ? null : new float[maxIn * maxOut];
        packedC = this.dense == null ? null : new float[FLUSH_ROWS * maxOut];
        packedPartial = this.dense == null ? null : new float[maxIn * maxOut];
    }

    /** Whether blocks of {@code in} × {@code out} channels run packed through the dense kernel. */
    boolean runsDense(int in, int out) {
        return dense != null && Math.min(in, out) >= DENSE_MIN_CHANNELS;
    }

    /**
     * {@code y[s, w, i] += Σ_u x[s, u, i] · w[u][w]} for {@code samples} samples of {@code components}
     * components; sample s's block starts at {@code xOffset + s·xStride} in x and {@code yOffset + s·yStride}
     * in y.
     *
     * @param x the inputs
     * @param xOffset where sample 0's block starts in x
     * @param xStride the distance between samples in x
     * @param w {@code in} rows of at least {@code out} weights (row u holds the weights of input channel u)
     * @param in the input channels u, 0..maxIn
     * @param out the output channels w, 0..maxOut
     * @param y the outputs, added to
     * @param yOffset where sample 0's block starts in y
     * @param yStride the distance between samples in y
     * @param samples the number of samples, ≥ 0
     * @param components the components i per channel (2l+1), ≥ 1
     * @throws IllegalArgumentException for a channel count beyond the scratch, a negative count or no
     *     component
     */
    public void mix(float[] x, int xOffset, int xStride, float[][] w, int in, int out, float[] y, int yOffset,
                    int yStride, int samples, int components) {
        checkShape(in, out, samples, components);
        int rows = Math.multiplyExact(samples, components);
        if (runsDense(in, out)) {
            mixDense(x, xOffset, xStride, w, in, out, y, yOffset, yStride, rows, components);
            return;
        }
        for (int r0 = 0; r0 < rows; r0 += ROWS) {
            int count = Math.min(ROWS, rows - r0);
            bases(r0, count, components, xOffset, xStride, xBase);
            bases(r0, count, components, yOffset, yStride, yBase);
            for (int q = 0; q < ROWS; q++) Arrays.fill(acc[q], 0, out, 0f);
            mixBlock(x, w, in, out, components);
            for (int q = 0; q < count; q++) {
                float[] a = acc[q];
                int at = yBase[q];
                for (int j = 0; j < out; j++) y[at + j * components] += a[j];
            }
        }
    }

    /** {@link #mix} through the dense kernel, {@link #FLUSH_ROWS} rows packed densely per call. */
    private void mixDense(float[] x, int xOffset, int xStride, float[][] w, int in, int out, float[] y, int yOffset,
                           int yStride, int rows, int c) {
        for (int u = 0; u < in; u++) System.arraycopy(w[u], 0, packedB, u * out, out);
        for (int start = 0; start < rows; start += FLUSH_ROWS) {
            int count = Math.min(FLUSH_ROWS, rows - start);
            pack(x, xOffset, xStride, c, start, count, in, packedA);
            dense.multiply(packedA, packedB, packedC, count, in, out);
            for (int r = 0; r < count; r++) {
                int at = rowBase(start + r, c, yOffset, yStride);
                for (int j = 0; j < out; j++) y[at + j * c] += packedC[r * out + j];
            }
        }
    }

    /** Rows start.. of a block, {@code width} channels each, into a dense row-major array. */
    private static void pack(float[] x, int offset, int stride, int c, int start, int count, int width,
                             float[] dense) {
        for (int r = 0; r < count; r++) {
            int at = rowBase(start + r, c, offset, stride);
            for (int u = 0; u < width; u++) dense[r * width + u] = x[at + u * c];
        }
    }

    /** First element of row r (sample r / c, component r % c). */
    private static int rowBase(int r, int c, int offset, int stride) {
        return offset + (r / c) * stride + r % c;
    }

    /**
     * The accumulator rows over all K, {@link #K_STEP} input channels a step: their weight rows stay
     * in L1 while every row of the block passes over them. Each inner loop stores to one array only:
     * JDK 17's C2 leaves loops that store to several arrays scalar.
     */
    private void mixBlock(float[] x, float[][] w, int in, int out, int c) {
        int u = 0;
        for (; u + K_STEP <= in; u += K_STEP) {
            float[] w0 = w[u], w1 = w[u + 1], w2 = w[u + 2], w3 = w[u + 3];
            for (int q = 0; q < ROWS; q++) {
                int at = xBase[q] + u * c;
                float a0 = x[at], a1 = x[at + c], a2 = x[at + 2 * c], a3 = x[at + 3 * c];
                float[] y = acc[q];
                for (int j = 0; j < out; j++) {
                    y[j] = Math.fma(a3, w3[j], Math.fma(a2, w2[j], Math.fma(a1, w1[j], Math.fma(a0, w0[j], y[j]))));
                }
            }
        }
        for (; u < in; u++) {
            float[] w0 = w[u];
            for (int q = 0; q < ROWS; q++) {
                float a = x[xBase[q] + u * c];
                float[] y = acc[q];
                for (int j = 0; j < out; j++) y[j] = Math.fma(a, w0[j], y[j]);
            }
        }
    }

    /**
     * {@code gW[u·out + w] += scale · Σ_{s,i} x[s, u, i] · g[s, w, i]}, row-major from {@code gwOffset}
     * in a double array: float partial sums of at most {@link #FLUSH_ROWS} rows each.
     *
     * @param x the inputs of the forward pass
     * @param xOffset where sample 0's block starts in x
     * @param xStride the distance between samples in x
     * @param g the output gradients
     * @param gOffset where sample 0's block starts in g
     * @param gStride the distance between samples in g
     * @param in the input channels u, 0..maxIn
     * @param out the output channels w, 0..maxOut
     * @param samples the number of samples, ≥ 0
     * @param components the components i per channel (2l+1), ≥ 1
     * @param scale the factor on the sum
     * @param gw the weight gradient, {@code in × out} from {@code gwOffset}, added to
     * @param gwOffset where the gradient block starts in gw
     * @throws IllegalArgumentException for a channel count beyond the scratch, a negative count or no
     *     component
     */
    public void outer(float[] x, int xOffset, int xStride, float[] g, int gOffset, int gStride, int in, int out,
                      int samples, int components, double scale, double[] gw, int gwOffset) {
        checkShape(in, out, samples, components);
        int rows = Math.multiplyExact(samples, components);
        if (runsDense(in, out)) {
            outerDense(x, xOffset, xStride, g, gOffset, gStride, in, out, rows, components, scale, gw, gwOffset);
            return;
        }
        for (int start = 0; start < rows; start += FLUSH_ROWS) {
            for (int u = 0; u < in; u++) Arrays.fill(partial[u], 0, out, 0f);
            int end = Math.min(rows, start + FLUSH_ROWS);
            for (int r0 = start; r0 < end; r0 += ROWS) {
                int count = Math.min(ROWS, end - r0);
                bases(r0, count, components, xOffset, xStride, xBase);
                bases(r0, count, components, gOffset, gStride, yBase);
                for (int q = 0; q < ROWS; q++) {
                    float[] row = gRows[q];
                    if (q >= count) {
                        // Padding rows contribute zero: their x is read, their g row is zero.
                        Arrays.fill(row, 0, out, 0f);
                        continue;
                    }
                    int at = yBase[q];
                    for (int j = 0; j < out; j++) row[j] = g[at + j * components];
                }
                outerBlock(x, in, out, components);
            }
            for (int u = 0; u < in; u++) {
                float[] p = partial[u];
                int at = gwOffset + u * out;
                for (int j = 0; j < out; j++) gw[at + j] += scale * p[j];
            }
        }
    }

    /** {@link #outer} through the dense kernel, one call per {@link #FLUSH_ROWS} rows. */
    private void outerDense(float[] x, int xOffset, int xStride, float[] g, int gOffset, int gStride, int in,
                             int out, int rows, int c, double scale, double[] gw, int gwOffset) {
        for (int start = 0; start < rows; start += FLUSH_ROWS) {
            int count = Math.min(FLUSH_ROWS, rows - start);
            pack(x, xOffset, xStride, c, start, count, in, packedA);
            pack(g, gOffset, gStride, c, start, count, out, packedC);
            Arrays.fill(packedPartial, 0, in * out, 0f);
            dense.multiplyTransposedA(packedA, packedC, packedPartial, count, in, out);
            for (int q = 0; q < in * out; q++) gw[gwOffset + q] += scale * packedPartial[q];
        }
    }

    private void outerBlock(float[] x, int in, int out, int c) {
        float[] g0 = gRows[0], g1 = gRows[1], g2 = gRows[2], g3 = gRows[3];
        int b0 = xBase[0], b1 = xBase[1], b2 = xBase[2], b3 = xBase[3];
        for (int u = 0; u < in; u++) {
            int o = u * c;
            float a0 = x[b0 + o], a1 = x[b1 + o], a2 = x[b2 + o], a3 = x[b3 + o];
            float[] p = partial[u];
            for (int j = 0; j < out; j++) {
                p[j] = Math.fma(a3, g3[j], Math.fma(a2, g2[j], Math.fma(a1, g1[j], Math.fma(a0, g0[j], p[j]))));
            }
        }
    }

    /**
     * First element of rows r0.. (row r = sample r / c, component r % c) from {@code offset} with
     * samples {@code stride} apart; padding rows past {@code count} repeat row r0 (read, never stored).
     */
    private static void bases(int r0, int count, int c, int offset, int stride, int[] base) {
        for (int q = 0; q < ROWS; q++) {
            base[q] = rowBase(q < count ? r0 + q : r0, c, offset, stride);
        }
    }

    private void checkShape(int in, int out, int samples, int components) {
        if (in < 0 || in > maxIn) throw new IllegalArgumentException("in must be in [0, " + maxIn + "], got " + in);
        if (out < 0 || out > maxOut) {
            throw new IllegalArgumentException("out must be in [0, " + maxOut + "], got " + out);
        }
        if (samples < 0) throw new IllegalArgumentException("samples must be >= 0, got " + samples);
        if (components < 1) throw new IllegalArgumentException("components must be >= 1, got " + components);
    }
}
