package org.equikern.ops.pelican;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.ops.jets.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PelicanAggregationOp}, every map, against the host {@link PelicanAggregation} (itself
 * checked op by op against the written-out formulas in {@code PelicanAggregationTest}) in double on
 * the same rounded inputs, in both precisions and both aggregations, forward and backward; the
 * backward also against central differences of the host forward; exact permutation equivariance;
 * padded particles that change nothing; argument checks. Subclassed once per backend.
 */
public abstract class PelicanAggregationOpContract extends OpContract {
    private static final int CHANNELS = 3;
    private static final int PARTICLES = 6;
    private static final double N_AVG = 4.5;
    /** Full, empty, single-particle and partly padded jets. */
    private static final int[] COUNTS = {6, 0, 1, 4, 5, 2, 6};
    /**
     * Float32 bound on the backward relative to the largest expected magnitude: each gradient sums
     * up to ops · particles² terms of either sign, so rounding grows past the forward's 1e-5.
     */
    private static final double F32_GRADIENT_TOLERANCE = 1e-4;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void forwardMatchesTheHostArithmetic(DType dtype) {
        for (PelicanMap map : PelicanMap.values()) {
            for (Aggregation kind : Aggregation.values()) {
                PelicanAggregation host = new PelicanAggregation(map, CHANNELS, kind, N_AVG);
                SplittableRandom random = new SplittableRandom(31);
                double[] in = rounded(dtype, gaussian(random, host.inputLength(COUNTS.length, PARTICLES)));
                double[] alpha = rounded(dtype, gaussian(random, host.alphaLength()));
                double[] expected = new double[host.outputLength(COUNTS.length, PARTICLES)];
                host.forward(in, COUNTS, COUNTS.length, PARTICLES, alpha, expected);
                assertClose(expected, forward(host, dtype, in, COUNTS, alpha), map.opCount(), dtype,
                        "out " + map + " " + kind);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void backwardMatchesTheHostArithmetic(DType dtype) {
        for (PelicanMap map : PelicanMap.values()) {
            for (Aggregation kind : Aggregation.values()) {
                PelicanAggregation host = new PelicanAggregation(map, CHANNELS, kind, N_AVG);
                SplittableRandom random = new SplittableRandom(37);
                double[] in = rounded(dtype, gaussian(random, host.inputLength(COUNTS.length, PARTICLES)));
                double[] alpha = rounded(dtype, gaussian(random, host.alphaLength()));
                double[] gradOut = rounded(dtype, gaussian(random, host.outputLength(COUNTS.length, PARTICLES)));
                double[] gradIn = new double[in.length];
                double[] gradAlpha = new double[alpha.length];
                host.backward(in, COUNTS, COUNTS.length, PARTICLES, alpha, gradOut, gradIn, gradAlpha);
                double[][] actual = backward(host, dtype, in, COUNTS, alpha, gradOut);
                assertGradientClose(gradIn, actual[0], dtype, "gradIn " + map + " " + kind);
                assertGradientClose(gradAlpha, actual[1], dtype, "gradAlpha " + map + " " + kind);
            }
        }
    }

    /** The device backward against central differences of Σ out · gradOut through the host forward. */
    @ParameterizedTest
    @EnumSource(PelicanMap.class)
    void backwardMatchesCentralDifferences(PelicanMap map) {
        PelicanAggregation host = new PelicanAggregation(map, CHANNELS, Aggregation.MEAN, N_AVG);
        int[] counts = {PARTICLES, 3};
        SplittableRandom random = new SplittableRandom(41);
        double[] in = gaussian(random, host.inputLength(counts.length, PARTICLES));
        double[] alpha = gaussian(random, host.alphaLength());
        double[] gradOut = gaussian(random, host.outputLength(counts.length, PARTICLES));
        double[][] actual = backward(host, DType.FLOAT64, in, counts, alpha, gradOut);
        double[] numericIn = FiniteDifferences.gradient(in, 1e-5, x -> loss(host, x, counts, alpha, gradOut));
        double[] numericAlpha = FiniteDifferences.gradient(alpha, 1e-5, a -> loss(host, in, counts, a, gradOut));
        assertTrue(FiniteDifferences.relativeError(numericIn, actual[0]) < 1e-8, map + " gradIn");
        assertTrue(FiniteDifferences.relativeError(numericAlpha, actual[1]) < 1e-8, map + " gradAlpha");
    }

    /** Relabelling the particles of every jet relabels the output the same way, exactly. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void permutingParticlesPermutesTheOutput(DType dtype) {
        int[] perm = {3, 0, 5, 1, 4, 2};
        for (PelicanMap map : PelicanMap.values()) {
            PelicanAggregation host = new PelicanAggregation(map, CHANNELS, Aggregation.MEAN, N_AVG);
            int[] counts = {PARTICLES};
            // Integer entries keep every sum exact in either order.
            double[] in = integers(new SplittableRandom(5), host.inputLength(1, PARTICLES));
            double[] alpha = rounded(dtype, gaussian(new SplittableRandom(6), host.alphaLength()));
            double[] out = forward(host, dtype, in, counts, alpha);
            double[] permutedOut = forward(host, dtype, permute(in, perm, map.inRank(), CHANNELS), counts, alpha);
            // Delta 0: equal values, where a kernel's 0 may be the host's -0.0 or the reverse.
            assertArrayEquals(permute(out, perm, map.outRank(), CHANNELS * map.opCount()), permutedOut, 0.0,
                    map.toString());
        }
    }

    /** Values at padded positions are never read; the output and the input gradient there are 0. */
    @ParameterizedTest
    @EnumSource(PelicanMap.class)
    void paddedParticlesChangeNothing(PelicanMap map) {
        PelicanAggregation host = new PelicanAggregation(map, CHANNELS, Aggregation.SUM, N_AVG);
        int[] counts = {4, 2};
        SplittableRandom random = new SplittableRandom(8);
        double[] in = gaussian(random, host.inputLength(counts.length, PARTICLES));
        double[] alpha = gaussian(random, host.alphaLength());
        double[] gradOut = gaussian(random, host.outputLength(counts.length, PARTICLES));
        double[] noisy = in.clone();
        fillPadding(noisy, counts, map.inRank(), CHANNELS, 1e6);
        double[] out = forward(host, DType.FLOAT64, in, counts, alpha);
        double[] zeroedOut = out.clone();
        fillPadding(zeroedOut, counts, map.outRank(), CHANNELS * map.opCount(), 0);
        assertArrayEquals(zeroedOut, out, 0.0, "padded outputs are 0");
        assertArrayEquals(out, forward(host, DType.FLOAT64, noisy, counts, alpha), 0.0, "padded inputs are not read");
        double[][] gradients = backward(host, DType.FLOAT64, in, counts, alpha, gradOut);
        double[][] noisyGradients = backward(host, DType.FLOAT64, noisy, counts, alpha, gradOut);
        double[] zeroedGradIn = gradients[0].clone();
        fillPadding(zeroedGradIn, counts, map.inRank(), CHANNELS, 0);
        assertArrayEquals(zeroedGradIn, gradients[0], 0.0, "padded gradIn is 0");
        assertArrayEquals(gradients[0], noisyGradients[0], 0.0, "gradIn ignores padded inputs");
        assertArrayEquals(gradients[1], noisyGradients[1], 0.0, "gradAlpha ignores padded inputs");
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        PelicanAggregation host = new PelicanAggregation(PelicanMap.TWO_TO_ONE, CHANNELS, Aggregation.MEAN, N_AVG);
        assertEquals("PelicanAggregationOp: aggregation must not be null",
                message(() -> PelicanAggregationOp.on(device, null, DType.FLOAT64)));
        try (PelicanAggregationOp op = PelicanAggregationOp.on(device, host, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer in = scope.allocate(DType.FLOAT64, host.inputLength(2, PARTICLES));
            DeviceBuffer counts = scope.upload(new int[] {1, 2});
            DeviceBuffer alpha = scope.allocate(DType.FLOAT64, host.alphaLength());
            DeviceBuffer out = scope.allocate(DType.FLOAT64, host.outputLength(2, PARTICLES));
            DeviceBuffer shortOut = scope.allocate(DType.FLOAT64, 5);
            assertEquals("PelicanAggregationOp.forward: out " + shortOut.name() + ": expected "
                    + host.outputLength(2, PARTICLES) + " elements (batch 2, particles 6, channels, 5 ops), got 5",
                    message(() -> op.forward(in, counts, alpha, shortOut, 2, PARTICLES)));
            assertEquals("PelicanAggregationOp.forward: alpha " + shortOut.name() + ": expected "
                    + host.alphaLength() + " elements (channels * 5 scaled ops), got 5",
                    message(() -> op.forward(in, counts, shortOut, out, 2, PARTICLES)));
            DeviceBuffer realCounts = scope.allocate(DType.FLOAT64, 2);
            assertEquals("PelicanAggregationOp.forward: counts " + realCounts.name() + " must be INT32",
                    message(() -> op.forward(in, realCounts, alpha, out, 2, PARTICLES)));
            assertEquals("PelicanAggregationOp.forward: batch must be >= 0, got -1",
                    message(() -> op.forward(in, counts, alpha, out, -1, PARTICLES)));
            DeviceBuffer gradIn = scope.allocate(DType.FLOAT64, host.inputLength(2, PARTICLES));
            DeviceBuffer gradAlpha = scope.allocate(DType.FLOAT64, host.alphaLength());
            assertEquals("PelicanAggregationOp.backward: gradIn " + shortOut.name() + ": expected "
                    + host.inputLength(2, PARTICLES) + " elements (batch 2, particles 6 squared, channels), got 5",
                    message(() -> op.backward(in, counts, alpha, out, shortOut, gradAlpha, 2, PARTICLES)));
            assertEquals("PelicanAggregationOp.backward: gradIn and in must be different buffers, both are "
                    + in.name(), message(() -> op.backward(in, counts, alpha, out, in, gradAlpha, 2, PARTICLES)));
            DeviceBuffer in32 = scope.allocate(DType.FLOAT32, host.inputLength(2, PARTICLES));
            assertEquals("PelicanAggregationOp.backward: in " + in32.name() + " must be FLOAT64 like the op",
                    message(() -> op.backward(in32, counts, alpha, out, gradIn, gradAlpha, 2, PARTICLES)));
        }
    }

    @Test
    void aClosedOpRefusesCalls() {
        PelicanAggregation host = new PelicanAggregation(PelicanMap.TWO_TO_ZERO, 1, Aggregation.MEAN, N_AVG);
        PelicanAggregationOp op = PelicanAggregationOp.on(device, host, DType.FLOAT32);
        op.close();
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer in = scope.allocate(DType.FLOAT32, host.inputLength(1, 2));
            DeviceBuffer alpha = scope.allocate(DType.FLOAT32, host.alphaLength());
            DeviceBuffer out = scope.allocate(DType.FLOAT32, host.outputLength(1, 2));
            assertThrows(IllegalStateException.class,
                    () -> op.forward(in, scope.upload(new int[] {1}), alpha, out, 1, 2));
        }
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    /** The op's forward on {@code in}, downloaded as double; the output starts as garbage. */
    private double[] forward(PelicanAggregation host, DType dtype, double[] in, int[] counts, double[] alpha) {
        try (PelicanAggregationOp op = PelicanAggregationOp.on(device, host, dtype);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer out = upload(scope, dtype, garbage(host.outputLength(counts.length, PARTICLES)));
            op.forward(upload(scope, dtype, in), scope.upload(counts), upload(scope, dtype, alpha), out,
                    counts.length, PARTICLES);
            return download(out);
        }
    }

    /** The op's {gradIn, gradAlpha}, downloaded as double; both start as garbage. */
    private double[][] backward(PelicanAggregation host, DType dtype, double[] in, int[] counts, double[] alpha,
            double[] gradOut) {
        try (PelicanAggregationOp op = PelicanAggregationOp.on(device, host, dtype);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer gradIn = upload(scope, dtype, garbage(in.length));
            DeviceBuffer gradAlpha = upload(scope, dtype, garbage(alpha.length));
            op.backward(upload(scope, dtype, in), scope.upload(counts), upload(scope, dtype, alpha),
                    upload(scope, dtype, gradOut), gradIn, gradAlpha, counts.length, PARTICLES);
            return new double[][] {download(gradIn), download(gradAlpha)};
        }
    }

    private static double loss(PelicanAggregation host, double[] in, int[] counts, double[] alpha,
            double[] gradOut) {
        double[] out = new double[gradOut.length];
        host.forward(in, counts, counts.length, PARTICLES, alpha, out);
        return FiniteDifferences.dot(out, gradOut);
    }

    private static void assertGradientClose(double[] expected, double[] actual, DType dtype, String what) {
        if (dtype == DType.FLOAT64) {
            assertClose(expected, actual, expected.length, dtype, what);
            return;
        }
        double scale = 1;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        for (int k = 0; k < expected.length; k++) {
            assertEquals(expected[k], actual[k], F32_GRADIENT_TOLERANCE * scale, what + " at " + k);
        }
    }

    private static double[] garbage(int n) {
        double[] out = new double[n];
        Arrays.fill(out, 7.5);
        return out;
    }

    /** Small integers: every sum of them is exact in float and double alike. */
    private static double[] integers(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = random.nextInt(-8, 9);
        return out;
    }

    /**
     * One jet {@code [particles]^rank[inner]} with every particle index relabelled:
     * out[i][j] = a[p_i][p_j] (rank 2), out[i] = a[p_i] (rank 1), a itself (rank 0).
     */
    private static double[] permute(double[] a, int[] perm, int rank, int inner) {
        if (rank == 0) return a.clone();
        double[] out = new double[a.length];
        for (int i = 0; i < PARTICLES; i++) {
            for (int j = 0; j < (rank == 2 ? PARTICLES : 1); j++) {
                int from = rank == 2 ? perm[i] * PARTICLES + perm[j] : perm[i];
                int to = rank == 2 ? i * PARTICLES + j : i;
                System.arraycopy(a, from * inner, out, to * inner, inner);
            }
        }
        return out;
    }

    /** Sets every entry of a padded particle position ({@code [batch][particles]^rank[inner]}) to value. */
    private static void fillPadding(double[] a, int[] counts, int rank, int inner, double value) {
        if (rank == 0) return;
        int positions = rank == 2 ? PARTICLES * PARTICLES : PARTICLES;
        for (int b = 0; b < counts.length; b++) {
            for (int p = 0; p < positions; p++) {
                int i = rank == 2 ? p / PARTICLES : p;
                int j = rank == 2 ? p % PARTICLES : 0;
                if (i < counts[b] && j < counts[b]) continue;
                Arrays.fill(a, (b * positions + p) * inner, (b * positions + p + 1) * inner, value);
            }
        }
    }
}
