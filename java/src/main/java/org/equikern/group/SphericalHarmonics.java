package org.equikern.group;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.equikern.check.HostArguments;
import org.equikern.concurrent.ScratchPool;

/**
 * e3nn's real spherical harmonics {@code o3.spherical_harmonics(range(lmax+1), v, normalize,
 * normalization)} for any lmax, with exact derivatives. Output per vector: blocks l = 0..lmax of
 * 2l+1 values ({@link #irreps()}); l = 1 is (x, y, z) up to scale.
 *
 * <p>Built by coupling: Y_0 = 1 and Y_{l+1}[m] = c_l·Σ_{i,j} C[i,j,m]·v_i·Y_l[j] with
 * C = {@link Wigner3j}(1, l, l+1), the projection of v ⊗ Y_l onto degree l+1, which is again a
 * harmonic polynomial. c_l makes Σ_m Y_lm² = 2l+1 on the unit sphere and its sign makes
 * Y_l at +y (the polar axis) have a positive centre component, as e3nn's polynomials do.
 * Derivatives follow the same recursion by the product rule.
 *
 * <p>With {@code normalize} the vector is divided by its length first; the zero vector maps to
 * zero, so Y_0 keeps its constant, Y_l = 0 for l &gt; 0, and its gradient is defined as 0.
 * Without it the values are the homogeneous polynomials r^l·Y_l(v/r).
 *
 * <p>Immutable and thread-safe. Large batches are split into fixed chunks on the fork-join pool,
 * each worked on with pooled scratch, so calls allocate nothing once every working thread has had one.
 */
public final class SphericalHarmonics {
    /**
     * The largest lmax: building the recursion up to l = 100 takes well under a second (measured
     * 0.01–0.5 s); beyond, building grows as l³ (l = 300: 3.5 s) and each vector costs (lmax+1)².
     */
    public static final int MAX_L = 100;
    /** Vectors per block of the blocked evaluation: its scratch stays in L1 up to lmax 6. */
    private static final int BLOCK = 64;
    /** Vectors per parallel chunk, a multiple of {@link #BLOCK}. */
    private static final int CHUNK = 64 * BLOCK;
    /** Vectors per tile of the final transposition: 8 doubles, one cache line per component. */
    private static final int TILE = 8;
    /**
     * Output rows longer than this many bytes are transposed into a buffer and copied out
     * contiguously: once the block's scratch and the rows written in place no longer fit in L1
     * together that is faster (measured from lmax 6 in float, lmax 4 in double), below it slower.
     */
    private static final int DIRECT_ROW_BYTES = 144;
    private final int lmax;
    private final int dim;
    private final ShNormalization normalization;
    private final boolean normalize;
    /** Recursion terms, grouped by l: Y[dst] += coefficient·u[axis]·Y[src]. */
    private final int[] termStart;
    private final int[] axis;
    private final int[] src;
    private final int[] dst;
    private final double[] coefficient;
    /** Per output component, the normalization factor of its block. */
    private final double[] scale;
    /**
     * The same terms stably sorted by destination, for the blocked evaluation: component k
     * (k &ge; 1, each has at least one term) is the sum of terms [byDstStart[k], byDstStart[k+1]).
     * Per component the summation order is the original one, so results are bit-identical.
     */
    private final int[] byDstStart;
    private final int[] byDstAxis;
    private final int[] byDstSrc;
    private final double[] byDstCoefficient;
    /** Pooled scratch, so a call allocates nothing once there is one per working thread. */
    private final ScratchPool<Block> blocks;
    /** The float32 evaluation. */
    private final FloatHarmonics floats;

    private SphericalHarmonics(int lmax, ShNormalization normalization, boolean normalize) {
        this.lmax = lmax;
        this.dim = (lmax + 1) * (lmax + 1);
        this.normalization = normalization;
        this.normalize = normalize;
        int total = 0;
        for (int l = 0; l < lmax; l++) total += Wigner3j.raising(l).nonZeroCount();
        termStart = new int[lmax + 1];
        axis = new int[total];
        src = new int[total];
        dst = new int[total];
        coefficient = new double[total];
        int t = 0;
        for (int l = 0; l < lmax; l++) {
            termStart[l] = t;
            Wigner3j c = Wigner3j.raising(l);
            // At +y, Y_l = √(2l+1)·e_centre, so the coupled vector is √(2l+1)·C[y, centre, ·],
            // non-zero only at the new centre; c_l rescales it to √(2l+3) with a positive sign.
            double c_l = Math.sqrt(2 * l + 3) / (Math.sqrt(2 * l + 1) * c.get(1, l, l + 1));
            for (int e = 0; e < c.nonZeroCount(); e++) {
                axis[t] = c.nonZeroI(e);
                src[t] = l * l + c.nonZeroJ(e);
                dst[t] = (l + 1) * (l + 1) + c.nonZeroK(e);
                coefficient[t] = c_l * c.nonZeroValue(e);
                t++;
            }
        }
        termStart[lmax] = t;
        scale = new double[dim];
        for (int l = 0; l <= lmax; l++) {
            for (int m = 0; m <= 2 * l; m++) scale[l * l + m] = normalization.scale(l);
        }
        byDstStart = new int[dim + 1];
        for (int e = 0; e < total; e++) byDstStart[dst[e] + 1]++;
        for (int k = 0; k < dim; k++) byDstStart[k + 1] += byDstStart[k];
        byDstAxis = new int[total];
        byDstSrc = new int[total];
        byDstCoefficient = new double[total];
        int[] next = byDstStart.clone();
        for (int e = 0; e < total; e++) {
            int slot = next[dst[e]]++;
            byDstAxis[slot] = axis[e];
            byDstSrc[slot] = src[e];
            byDstCoefficient[slot] = coefficient[e];
        }
        blocks = new ScratchPool<>(() -> new Block(dim));
        floats = new FloatHarmonics(dim, normalize, byDstStart, byDstAxis, byDstSrc, byDstCoefficient, scale,
                DIRECT_ROW_BYTES);
    }

    /**
     * Harmonics of degrees 0..lmax.
     *
     * @param lmax the highest degree, 0..{@link #MAX_L}
     * @param normalization the scale of each degree's block
     * @param normalize divide each vector by its length first
     * @return the harmonics, with their recursion tables built
     * @throws IllegalArgumentException when lmax is out of range
     */
    public static SphericalHarmonics of(int lmax, ShNormalization normalization, boolean normalize) {
        if (lmax < 0 || lmax > MAX_L) {
            throw new IllegalArgumentException("lmax = " + lmax + " outside the supported range 0.." + MAX_L);
        }
        Objects.requireNonNull(normalization, "normalization");
        return new SphericalHarmonics(lmax, normalization, normalize);
    }

    /**
     * Highest degree computed.
     *
     * @return lmax
     */
    public int lmax() {
        return lmax;
    }

    /**
     * (lmax+1)², the number of values per vector.
     *
     * @return (lmax+1)²
     */
    public int dim() {
        return dim;
    }

    /**
     * The output normalization.
     *
     * @return the normalization
     */
    public ShNormalization normalization() {
        return normalization;
    }

    /**
     * Whether vectors are divided by their length first.
     *
     * @return true when vectors are normalized before evaluation
     */
    public boolean normalize() {
        return normalize;
    }

    /**
     * {@code 1x0e+1x1o+1x2e+...} up to lmax.
     *
     * @return the irreps of one output vector
     */
    public Irreps irreps() {
        return Irreps.sphericalHarmonics(lmax);
    }

    /**
     * The recursion as flat tables, for kernels: term {@code t} is the triple
     * {@code (axis, src, dst)} at {@code [3t, 3t+3)}, meaning
     * {@code Y[dst] += recursionCoefficients()[t]·u[axis]·Y[src]}. Applied in order (degree by
     * degree) to {@code Y = (1, 0, ..., 0)}, then scaled by {@link #componentScale()}, it gives
     * the harmonics of the direction {@code u}. A copy.
     *
     * @return a new array of 3 ints per term
     */
    public int[] recursionTerms() {
        int[] out = new int[3 * axis.length];
        for (int t = 0; t < axis.length; t++) {
            out[3 * t] = axis[t];
            out[3 * t + 1] = src[t];
            out[3 * t + 2] = dst[t];
        }
        return out;
    }

    /**
     * The coefficient of each term of {@link #recursionTerms()}. A copy.
     *
     * @return a new array, one coefficient per term
     */
    public double[] recursionCoefficients() {
        return coefficient.clone();
    }

    /**
     * Per output component, the normalization factor of its degree's block. A copy.
     *
     * @return a new array of length {@link #dim()}
     */
    public double[] componentScale() {
        return scale.clone();
    }

    /**
     * Evaluates {@code n} vectors ({@code n×3}, x y z) into {@code out} ({@code n×dim}).
     *
     * @param vectors at least {@code 3n} values, x y z per vector
     * @param out receives at least {@code n × dim} values, one row per vector
     * @param n the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a negative n, an array too short or {@code out} aliasing {@code
     *     vectors}
     */
    public void compute(double[] vectors, double[] out, int n) {
        checkArrays("compute", vectors, "out", out);
        checkLengths(n, vectors.length, "out", out.length, dim);
        forEachBlock(n, (b, s, count) -> b.load(vectors, s, count), (b, s, count) -> b.store(out, s, count));
    }

    /**
     * Float version of {@link #compute(double[], double[], int)}, evaluated in float arithmetic: twice the
     * SIMD lanes of the double evaluation, on the Vector API where the JVM runs with {@code --add-modules
     * jdk.incubator.vector} (faster), else in plain Java. Each value is within 3e-7 · (lmax + 1) of the double
     * evaluation's, relative to the largest magnitude in its row (at least 1), up to lmax 12.
     *
     * @param vectors at least {@code 3n} values, x y z per vector
     * @param out receives at least {@code n × dim} values, one row per vector
     * @param n the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a negative n, an array too short or {@code out} aliasing {@code
     *     vectors}
     */
    public void compute(float[] vectors, float[] out, int n) {
        checkArrays("compute", vectors, "out", out);
        checkLengths(n, vectors.length, "out", out.length, dim);
        inChunks(n, (from, to) -> floats.compute(vectors, out, from, to));
    }

    /** The float32 evaluation behind {@link #compute(float[], float[], int)}, for tests of each of its routes. */
    FloatHarmonics floats() {
        return floats;
    }

    /**
     * The derivatives ∂Y_k/∂v_a of each vector, into {@code out} ({@code n×dim×3}).
     *
     * @param vectors at least {@code 3n} values, x y z per vector
     * @param out receives at least {@code n × dim × 3} values: vector-major, then component k, then axis a
     * @param n the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a negative n, an array too short or {@code out} aliasing {@code
     *     vectors}
     */
    public void jacobian(double[] vectors, double[] out, int n) {
        checkArrays("jacobian", vectors, "out", out);
        checkLengths(n, vectors.length, "out", out.length, dim * 3);
        forEachChunk(n, (b, from, to) -> {
            for (int s = from; s < to; s++) derivatives(vectors, s, b.direction, b.values, out, s * dim * 3);
        });
    }

    /**
     * The vector–Jacobian product: {@code gradVectors[s, a] = Σ_k gradOut[s, k]·∂Y_k/∂v_a}
     * ({@code gradOut} is {@code n×dim}, {@code gradVectors} {@code n×3}, overwritten), e.g. forces
     * from the gradient of an energy with respect to the harmonics.
     *
     * @param vectors at least {@code 3n} values, x y z per vector
     * @param gradOut the gradient with respect to the harmonics, at least {@code n × dim} values
     * @param gradVectors receives the gradient with respect to the vectors, at least {@code 3n} values
     * @param n the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a negative n, an array too short or {@code gradVectors} aliasing
     *     an input
     */
    public void backward(double[] vectors, double[] gradOut, double[] gradVectors, int n) {
        checkArrays("backward", vectors, "gradVectors", gradVectors);
        Objects.requireNonNull(gradOut, "gradOut");
        HostArguments.notAliased("SphericalHarmonics.backward", "gradVectors", gradVectors, "gradOut", gradOut);
        checkLengths(n, vectors.length, "gradOut", gradOut.length, dim);
        checkLength("gradVectors", gradVectors.length, n, 3);
        forEachChunk(n, (b, from, to) -> {
            double[] jac = b.jacobian;
            for (int s = from; s < to; s++) {
                derivatives(vectors, s, b.direction, b.values, jac, 0);
                double gx = 0;
                double gy = 0;
                double gz = 0;
                int g = s * dim;
                for (int k = 0; k < dim; k++) {
                    double w = gradOut[g + k];
                    gx += w * jac[3 * k];
                    gy += w * jac[3 * k + 1];
                    gz += w * jac[3 * k + 2];
                }
                gradVectors[3 * s] = gx;
                gradVectors[3 * s + 1] = gy;
                gradVectors[3 * s + 2] = gz;
            }
        });
    }

    /** Work on the vectors [from, to) of a batch with a scratch of its own. */
    private interface ChunkBody {
        void run(Block b, int from, int to);
    }

    /**
     * Runs {@code body} over fixed chunks of {@link #CHUNK} vectors, on the fork-join pool when
     * there are several; each vector's result depends only on that vector.
     */
    private void forEachChunk(int n, ChunkBody body) {
        inChunks(n, (from, to) -> {
            Block b = blocks.acquire();
            try {
                body.run(b, from, to);
            } finally {
                blocks.release(b);
            }
        });
    }

    /** The vectors [from, to) of a batch. */
    private interface ChunkRange {
        void run(int from, int to);
    }

    /** Runs {@code range} over fixed chunks of {@link #CHUNK} vectors, on the fork-join pool when there are several. */
    private static void inChunks(int n, ChunkRange range) {
        int chunks = (n + CHUNK - 1) / CHUNK;
        IntConsumer chunk = c -> range.run(c * CHUNK, Math.min(n, (c + 1) * CHUNK));
        if (chunks == 1) {
            chunk.accept(0);
        } else if (chunks > 1) {
            IntStream.range(0, chunks).parallel().forEach(chunk);
        }
    }

    /** Loads or stores the vectors [s, s+count) of a batch from or into a block. */
    private interface BlockIo {
        void apply(Block b, int s, int count);
    }

    /** Evaluates a batch block by block. */
    private void forEachBlock(int n, BlockIo load, BlockIo store) {
        forEachChunk(n, (b, from, to) -> {
            for (int s = from; s < to; s += BLOCK) {
                int count = Math.min(BLOCK, to - s);
                load.apply(b, s, count);
                evaluate(b);
                store.apply(b, s, count);
            }
        });
    }

    /**
     * The unscaled harmonics of the block's vectors, vector index innermost so that the JIT
     * vectorizes each term; per vector the same operations, in the same order, as {@link #recurse}.
     * {@link Block#store} applies the scale.
     */
    private void evaluate(Block b) {
        double[][] u = b.u;
        double[][] y = b.y;
        Arrays.fill(y[0], 1);
        if (normalize) {
            double[] x0 = u[0];
            double[] x1 = u[1];
            double[] x2 = u[2];
            for (int i = 0; i < BLOCK; i++) {
                double r = Math.sqrt(x0[i] * x0[i] + x1[i] * x1[i] + x2[i] * x2[i]);
                double inv = r > 0 ? 1 / r : 0;
                x0[i] *= inv;
                x1[i] *= inv;
                x2[i] *= inv;
            }
        }
        for (int k = 1; k < dim; k++) {
            // Up to three terms per pass, summed left to right onto +0 (the sequential sum starts
            // from +0, which turns -0 into +0), so each pass loads and stores y[k] once.
            double[] yk = y[k];
            double[] sum = b.zero;
            for (int t = byDstStart[k], end = byDstStart[k + 1]; t < end; t += 3, sum = yk) {
                double c0 = byDstCoefficient[t];
                double[] u0 = u[byDstAxis[t]];
                double[] y0 = y[byDstSrc[t]];
                if (end - t == 1) {
                    for (int i = 0; i < BLOCK; i++) yk[i] = sum[i] + c0 * u0[i] * y0[i];
                    continue;
                }
                double c1 = byDstCoefficient[t + 1];
                double[] u1 = u[byDstAxis[t + 1]];
                double[] y1 = y[byDstSrc[t + 1]];
                if (end - t == 2) {
                    for (int i = 0; i < BLOCK; i++) yk[i] = sum[i] + c0 * u0[i] * y0[i] + c1 * u1[i] * y1[i];
                    continue;
                }
                double c2 = byDstCoefficient[t + 2];
                double[] u2 = u[byDstAxis[t + 2]];
                double[] y2 = y[byDstSrc[t + 2]];
                for (int i = 0; i < BLOCK; i++) {
                    yk[i] = sum[i] + c0 * u0[i] * y0[i] + c1 * u1[i] * y1[i] + c2 * u2[i] * y2[i];
                }
            }
        }
    }

    /**
     * One work item's scratch. For values: struct-of-arrays over {@link #BLOCK} vectors, u[axis][i]
     * and y[component][i], lanes past a partial block holding zero vectors. For derivatives: one
     * vector's direction, values and Jacobian.
     */
    private final class Block {
        final double[][] u = new double[3][BLOCK];
        final double[][] y;
        /** +0 in every lane, where a component's sum starts. */
        final double[] zero = new double[BLOCK];
        /** A block's output rows, where {@link #DIRECT_ROW_BYTES} says to buffer them, else null. */
        final double[] doubleRows;
        final double[] direction = new double[3];
        final double[] values;
        final double[] jacobian;

        Block(int dim) {
            doubleRows = dim * Double.BYTES > DIRECT_ROW_BYTES ? new double[BLOCK * dim] : null;
            y = new double[dim][BLOCK];
            values = new double[dim];
            jacobian = new double[3 * dim];
        }

        void load(double[] vectors, int s, int count) {
            for (int i = 0; i < BLOCK; i++) {
                boolean in = i < count;
                for (int a = 0; a < 3; a++) u[a][i] = in ? vectors[3 * (s + i) + a] : 0;
            }
        }

        /** Stores the block into rows of {@code out}, through {@link #doubleRows} when there is one. */
        void store(double[] out, int s, int count) {
            if (doubleRows == null) {
                transpose(out, s, count);
            } else {
                transpose(doubleRows, 0, count);
                System.arraycopy(doubleRows, 0, out, s * dim, count * dim);
            }
        }

        /**
         * Scales and transposes the block into rows of {@code out} from vector {@code s}:
         * {@link #TILE} vectors at a time, so each component's values are read as one cache line;
         * the scale is applied here rather than in a separate pass over the block.
         */
        void transpose(double[] out, int s, int count) {
            int full = count - count % TILE;
            for (int i = 0; i < full; i += TILE) {
                int row = (s + i) * dim;
                for (int k = 0; k < dim; k++) {
                    double[] yk = y[k];
                    double f = scale[k];
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
                double[] yk = y[k];
                double f = scale[k];
                for (int i = full, o = (s + full) * dim + k; i < count; i++, o += dim) out[o] = yk[i] * f;
            }
        }
    }

    /**
     * The tangent of {@link #backward} when the vectors move along {@code vectorTangents} and
     * {@code gradOut} along {@code gradOutTangent}:
     * {@code Σ_k gradOut[s, k]·∇²Y_k·v̇_s + Σ_k gradOutTangent[s, k]·∇Y_k} (the Hessian term, then the
     * backward of the tangent), by forward mode through the reverse-mode recursion. The zero vector
     * under normalize gets 0, as in {@link #backward}. Allocates four {@code dim} rows per call.
     *
     * @param vectors at least {@code 3n} values, x y z per vector
     * @param vectorTangents at least {@code 3n} values
     * @param gradOut the gradient with respect to the harmonics, at least {@code n × dim} values
     * @param gradOutTangent its tangent, at least {@code n × dim} values
     * @param gradVectorsTangent receives the tangent of the vectors' gradient, at least {@code 3n} values
     * @param n the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a negative n, an array too short or the output aliasing an input
     */
    public void tangentBackward(double[] vectors, double[] vectorTangents, double[] gradOut, double[] gradOutTangent,
                                double[] gradVectorsTangent, int n) {
        String operation = "SphericalHarmonics.tangentBackward";
        checkArrays("tangentBackward", vectors, "gradVectorsTangent", gradVectorsTangent);
        Objects.requireNonNull(vectorTangents, "vectorTangents");
        Objects.requireNonNull(gradOut, "gradOut");
        Objects.requireNonNull(gradOutTangent, "gradOutTangent");
        HostArguments.notAliased(operation, "gradVectorsTangent", gradVectorsTangent, "vectorTangents", vectorTangents);
        HostArguments.notAliased(operation, "gradVectorsTangent", gradVectorsTangent, "gradOut", gradOut);
        HostArguments.notAliased(operation, "gradVectorsTangent", gradVectorsTangent, "gradOutTangent", gradOutTangent);
        checkLengths(n, vectors.length, "gradOut", gradOut.length, dim);
        checkLength("vectorTangents", vectorTangents.length, n, 3);
        checkLength("gradOutTangent", gradOutTangent.length, n, dim);
        checkLength("gradVectorsTangent", gradVectorsTangent.length, n, 3);
        SecondOrderRows rows = new SecondOrderRows();
        for (int s = 0; s < n; s++) {
            rows.vector(vectors, vectorTangents, gradOut, gradOutTangent, s, gradVectorsTangent);
        }
    }

    /** Rows of the forward-over-reverse recursion of {@link #tangentBackward}. */
    private final class SecondOrderRows {
        final double[] u = new double[3];
        final double[] uDot = new double[3];
        final double[] y = new double[dim];
        final double[] yDot = new double[dim];
        final double[] bar = new double[dim];
        final double[] barDot = new double[dim];
        final double[] uBar = new double[3];
        final double[] uBarDot = new double[3];

        /** Writes {@code out[3s ..]}: vector {@code s}'s gradient tangent. */
        void vector(double[] vectors, double[] tangents, double[] gy, double[] gyDot, int s, double[] out) {
            double r = direction(vectors[3 * s], vectors[3 * s + 1], vectors[3 * s + 2], u);
            if (r == 0) {
                out[3 * s] = 0;
                out[3 * s + 1] = 0;
                out[3 * s + 2] = 0;
                return;
            }
            double vDot0 = tangents[3 * s];
            double vDot1 = tangents[3 * s + 1];
            double vDot2 = tangents[3 * s + 2];
            // u = v/r: u̇ = (v̇ − u (u·v̇))/r, ṙ = u·v̇
            double rDot = normalize ? u[0] * vDot0 + u[1] * vDot1 + u[2] * vDot2 : 0;
            uDot[0] = (vDot0 - rDot * u[0]) / r;
            uDot[1] = (vDot1 - rDot * u[1]) / r;
            uDot[2] = (vDot2 - rDot * u[2]) / r;
            y[0] = 1;
            yDot[0] = 0;
            for (int k = 1; k < dim; k++) {
                y[k] = 0;
                yDot[k] = 0;
            }
            int terms = termStart[lmax];
            for (int t = 0; t < terms; t++) {
                double c = coefficient[t];
                yDot[dst[t]] += c * (uDot[axis[t]] * y[src[t]] + u[axis[t]] * yDot[src[t]]);
                y[dst[t]] += c * u[axis[t]] * y[src[t]];
            }
            for (int k = 0; k < dim; k++) {
                bar[k] = gy[s * dim + k] * scale[k];
                barDot[k] = gyDot[s * dim + k] * scale[k];
            }
            for (int a = 0; a < 3; a++) {
                uBar[a] = 0;
                uBarDot[a] = 0;
            }
            for (int t = terms - 1; t >= 0; t--) {
                double w = coefficient[t] * bar[dst[t]];
                double wDot = coefficient[t] * barDot[dst[t]];
                uBar[axis[t]] += w * y[src[t]];
                uBarDot[axis[t]] += wDot * y[src[t]] + w * yDot[src[t]];
                bar[src[t]] += w * u[axis[t]];
                barDot[src[t]] += wDot * u[axis[t]] + w * uDot[axis[t]];
            }
            for (int a = 0; a < 3; a++) {
                out[3 * s + a] = uBarDot[a];
            }
            if (normalize) {
                // g = (ū − (ū·u) u)/r, differentiated along (u̇, ṙ)
                double radial = uBar[0] * u[0] + uBar[1] * u[1] + uBar[2] * u[2];
                double radialDot = uBarDot[0] * u[0] + uBarDot[1] * u[1] + uBarDot[2] * u[2]
                        + uBar[0] * uDot[0] + uBar[1] * uDot[1] + uBar[2] * uDot[2];
                for (int a = 0; a < 3; a++) {
                    double g = (uBar[a] - radial * u[a]) / r;
                    out[3 * s + a] = (uBarDot[a] - radialDot * u[a] - radial * uDot[a]) / r - g * rDot / r;
                }
            }
        }
    }

    /** u = v/|v| when normalizing (0 for v = 0); returns the length, or 1 when not normalizing. */
    private double direction(double x, double y, double z, double[] u) {
        double r = 1;
        if (normalize) {
            r = Math.sqrt(x * x + y * y + z * z);
            double inv = r > 0 ? 1 / r : 0;
            x *= inv;
            y *= inv;
            z *= inv;
        }
        u[0] = x;
        u[1] = y;
        u[2] = z;
        return r;
    }

    /** Component-normalized harmonics of u into {@code y[offset ..]}, unscaled. */
    private void recurse(double[] u, double[] y, int offset) {
        y[offset] = 1;
        for (int k = 1; k < dim; k++) y[offset + k] = 0;
        for (int t = 0; t < termStart[lmax]; t++) {
            y[offset + dst[t]] += coefficient[t] * u[axis[t]] * y[offset + src[t]];
        }
    }

    /**
     * The Jacobian of vector {@code s} into {@code jac[offset ..]} ({@code dim×3}); {@code u} and
     * {@code y} are scratch.
     */
    private void derivatives(double[] vectors, int s, double[] u, double[] y, double[] jac, int offset) {
        double r = direction(vectors[3 * s], vectors[3 * s + 1], vectors[3 * s + 2], u);
        int size = dim * 3;
        for (int k = 0; k < size; k++) jac[offset + k] = 0;
        if (r == 0) return; // zero vector under normalize: gradient defined as 0
        recurse(u, y, 0);
        // d(Y[dst])/du = c·(e_axis·Y[src] + u_axis·dY[src]/du)
        for (int t = 0; t < termStart[lmax]; t++) {
            double c = coefficient[t];
            double ua = c * u[axis[t]];
            int from = offset + 3 * src[t];
            int to = offset + 3 * dst[t];
            jac[to + axis[t]] += c * y[src[t]];
            jac[to] += ua * jac[from];
            jac[to + 1] += ua * jac[from + 1];
            jac[to + 2] += ua * jac[from + 2];
        }
        for (int k = 0; k < dim; k++) {
            int row = offset + 3 * k;
            double f = scale[k];
            if (normalize) {
                // Through u = v/r: du/dv = (I - u uᵀ)/r.
                double radial = jac[row] * u[0] + jac[row + 1] * u[1] + jac[row + 2] * u[2];
                f /= r;
                jac[row] = f * (jac[row] - radial * u[0]);
                jac[row + 1] = f * (jac[row + 1] - radial * u[1]);
                jac[row + 2] = f * (jac[row + 2] - radial * u[2]);
            } else {
                jac[row] *= f;
                jac[row + 1] *= f;
                jac[row + 2] *= f;
            }
        }
    }

    /** Non-null arrays, the output distinct from the vectors it is computed from. */
    private static void checkArrays(String operation, Object vectors, String outName, Object out) {
        Objects.requireNonNull(vectors, "vectors");
        Objects.requireNonNull(out, outName);
        HostArguments.notAliased("SphericalHarmonics." + operation, outName, out, "vectors", vectors);
    }

    private void checkLengths(int n, int vectorsLength, String outName, int outLength, int perVector) {
        if (n < 0) {
            throw new IllegalArgumentException("number of vectors must be >= 0, got " + n);
        }
        checkLength("vectors", vectorsLength, n, 3);
        checkLength(outName, outLength, n, perVector);
    }

    private static void checkLength(String name, int actual, int n, int perVector) {
        long expected = (long) n * perVector;
        if (actual < expected) {
            throw new IllegalArgumentException(name + ": expected at least " + expected + " values (n=" + n
                    + " x " + perVector + "), got " + actual);
        }
    }
}
