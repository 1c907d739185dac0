package org.equikern.ops.pelican;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link PelicanAggregationOp} against the host {@link PelicanAggregation} (itself checked op by
 * op against the written-out formulas in {@code PelicanAggregationTest}) in double on the same
 * rounded inputs, in both precisions and both aggregations; exact permutation equivariance; padded
 * particles that change nothing; argument checks. Subclassed once per backend.
 */
public abstract class PelicanAggregationOpContract extends OpContract {
    private static final int CHANNELS = 3;
    private static final int PARTICLES = 6;
    private static final double N_AVG = 4.5;
    /** Full, empty, single-particle and partly padded jets. */
    private static final int[] COUNTS = {6, 0, 1, 4, 5, 2, 6};
    private static final int OPS = 15;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void forwardMatchesTheHostArithmetic(DType dtype) {
        for (Aggregation kind : Aggregation.values()) {
            PelicanAggregation host = aggregation(kind);
            SplittableRandom random = new SplittableRandom(31);
            double[] in = rounded(dtype, gaussian(random, host.inputLength(COUNTS.length, PARTICLES)));
            double[] alpha = rounded(dtype, gaussian(random, host.alphaLength()));
            double[] expected = new double[host.outputLength(COUNTS.length, PARTICLES)];
            host.forward(in, COUNTS, COUNTS.length, PARTICLES, alpha, expected);
            assertClose(expected, run(host, dtype, in, COUNTS, alpha), OPS, dtype, "out " + kind);
        }
    }

    /** Relabelling the particles of every jet relabels the output the same way, exactly. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void permutingParticlesPermutesTheOutput(DType dtype) {
        PelicanAggregation host = aggregation(Aggregation.MEAN);
        int[] counts = {PARTICLES};
        // Integer entries keep every sum exact in either order.
        double[] in = integers(new SplittableRandom(5), host.inputLength(1, PARTICLES));
        double[] alpha = rounded(dtype, gaussian(new SplittableRandom(6), host.alphaLength()));
        int[] perm = {3, 0, 5, 1, 4, 2};
        double[] out = run(host, dtype, in, counts, alpha);
        double[] permutedOut = run(host, dtype, permute(in, perm, CHANNELS), counts, alpha);
        // Delta 0: equal values, where a kernel's δ_ij·v may give -0.0 for the host's 0.0.
        assertArrayEquals(permute(out, perm, CHANNELS * OPS), permutedOut, 0.0);
    }

    /** Values at padded positions are never read, and the output there is 0. */
    @Test
    void paddedParticlesChangeNothing() {
        PelicanAggregation host = aggregation(Aggregation.SUM);
        int[] counts = {4, 2};
        SplittableRandom random = new SplittableRandom(8);
        double[] in = gaussian(random, host.inputLength(counts.length, PARTICLES));
        double[] alpha = gaussian(random, host.alphaLength());
        double[] out = run(host, DType.FLOAT64, in, counts, alpha);
        double[] noisy = in.clone();
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < PARTICLES; i++) {
                for (int j = 0; j < PARTICLES; j++) {
                    if (i < counts[b] && j < counts[b]) continue;
                    for (int c = 0; c < CHANNELS; c++) noisy[((b * PARTICLES + i) * PARTICLES + j) * CHANNELS + c] = 1e6;
                    int base = ((b * PARTICLES + i) * PARTICLES + j) * CHANNELS * OPS;
                    for (int k = 0; k < CHANNELS * OPS; k++) assertEquals(0.0, out[base + k], "padded output " + k);
                }
            }
        }
        assertArrayEquals(out, run(host, DType.FLOAT64, noisy, counts, alpha), 0.0);
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        PelicanAggregation host = aggregation(Aggregation.MEAN);
        assertEquals("PelicanAggregationOp: aggregation map must be TWO_TO_TWO, got TWO_TO_ZERO",
                assertThrows(IllegalArgumentException.class, () -> PelicanAggregationOp.on(device,
                        new PelicanAggregation(PelicanMap.TWO_TO_ZERO, 1, Aggregation.MEAN, N_AVG), DType.FLOAT64))
                        .getMessage());
        try (PelicanAggregationOp op = PelicanAggregationOp.on(device, host, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer in = scope.allocate(DType.FLOAT64, host.inputLength(2, PARTICLES));
            DeviceBuffer counts = scope.upload(new int[] {1, 2});
            DeviceBuffer alpha = scope.allocate(DType.FLOAT64, host.alphaLength());
            DeviceBuffer shortOut = scope.allocate(DType.FLOAT64, 5);
            assertEquals("PelicanAggregationOp.forward: out " + shortOut.name() + ": expected "
                    + host.outputLength(2, PARTICLES) + " elements (batch 2, particles 6, channels, 15 ops), got 5",
                    assertThrows(IllegalArgumentException.class,
                            () -> op.forward(in, counts, alpha, shortOut, 2, PARTICLES)).getMessage());
            DeviceBuffer realCounts = scope.allocate(DType.FLOAT64, 2);
            DeviceBuffer out = scope.allocate(DType.FLOAT64, host.outputLength(2, PARTICLES));
            assertEquals("PelicanAggregationOp.forward: counts " + realCounts.name() + " must be INT32",
                    assertThrows(IllegalArgumentException.class,
                            () -> op.forward(in, realCounts, alpha, out, 2, PARTICLES)).getMessage());
            assertEquals("PelicanAggregationOp.forward: batch must be >= 0, got -1",
                    assertThrows(IllegalArgumentException.class,
                            () -> op.forward(in, counts, alpha, out, -1, PARTICLES)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> op.forward(in, counts, alpha, in, 2, PARTICLES));
        }
    }

    private PelicanAggregation aggregation(Aggregation kind) {
        return new PelicanAggregation(PelicanMap.TWO_TO_TWO, CHANNELS, kind, N_AVG);
    }

    /** The op's forward on {@code in}, downloaded as double. */
    private double[] run(PelicanAggregation host, DType dtype, double[] in, int[] counts, double[] alpha) {
        try (PelicanAggregationOp op = PelicanAggregationOp.on(device, host, dtype);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer out = scope.allocate(dtype, host.outputLength(counts.length, PARTICLES));
            op.forward(upload(scope, dtype, in), scope.upload(counts), upload(scope, dtype, alpha), out,
                    counts.length, PARTICLES);
            return download(out);
        }
    }

    /** Small integers: every sum of them is exact in float and double alike. */
    private static double[] integers(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = random.nextInt(-8, 9);
        return out;
    }

    /** One jet {@code [particles][particles][inner]} with both particle indices relabelled: out[i][j] = a[p_i][p_j]. */
    private static double[] permute(double[] a, int[] perm, int inner) {
        double[] out = new double[a.length];
        for (int i = 0; i < PARTICLES; i++) {
            for (int j = 0; j < PARTICLES; j++) {
                System.arraycopy(a, (perm[i] * PARTICLES + perm[j]) * inner, out, (i * PARTICLES + j) * inner, inner);
            }
        }
        return out;
    }
}
