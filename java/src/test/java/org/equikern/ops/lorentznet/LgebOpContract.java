package org.equikern.ops.lorentznet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiConsumer;
import java.util.function.ToDoubleFunction;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.ops.jets.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LgebOp} against the host {@link LgebPrimitives} (itself checked against written-out
 * formulas in {@code LgebPrimitivesTest}) in double on the same rounded inputs, in both precisions
 * and over batches around the work-group size; every backward also against central differences
 * of the host forward; padded particles that are never read and read back 0; argument checks.
 * Outputs start as garbage, so every entry must be written. Subclassed once per backend.
 */
public abstract class LgebOpContract extends OpContract {
    private static final int PARTICLES = 5;
    private static final int HIDDEN = 3;
    private static final double C = 0.7;
    /** Full, empty, single-particle and partly padded jets, for the finite-difference checks. */
    private static final int[] COUNTS = {5, 0, 1, 3, 2, 5};
    private static final double STEP = 1e-6;
    private static final double GARBAGE = 7.5;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void forwardMatchesTheHostArithmetic(DType dtype) {
        SplittableRandom random = new SplittableRandom(51);
        for (int batch : BATCHES) {
            int[] counts = counts(random, batch);
            double[] x = rounded(dtype, gaussian(random, batch * PARTICLES * 4));
            double[] phi = rounded(dtype, gaussian(random, batch * PARTICLES * PARTICLES));
            double[] m = rounded(dtype, gaussian(random, batch * PARTICLES * PARTICLES * HIDDEN));
            String at = " (batch = " + batch + ")";
            double[] norms = new double[phi.length];
            double[] dots = new double[phi.length];
            LgebPrimitives.edgeFeatures(x, counts, batch, PARTICLES, norms, dots);
            double[][] features = edgeFeatures(dtype, x, counts);
            assertClose(norms, features[0], PARTICLES, dtype, "norms" + at);
            assertClose(dots, features[1], PARTICLES, dtype, "dots" + at);
            double[] updated = new double[x.length];
            LgebPrimitives.positionUpdate(x, phi, C, counts, batch, PARTICLES, updated);
            assertClose(updated, positionUpdate(dtype, x, phi, counts), 4, dtype, "positionUpdate" + at);
            double[] sums = new double[batch * PARTICLES * HIDDEN];
            LgebPrimitives.messageSum(m, HIDDEN, counts, batch, PARTICLES, sums);
            assertClose(sums, messageSum(dtype, m, counts), HIDDEN, dtype, "messageSum" + at);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void backwardMatchesTheHostArithmetic(DType dtype) {
        SplittableRandom random = new SplittableRandom(52);
        int batch = COUNTS.length;
        double[] x = rounded(dtype, gaussian(random, batch * PARTICLES * 4));
        double[] phi = rounded(dtype, gaussian(random, batch * PARTICLES * PARTICLES));
        double[] gradEdges = rounded(dtype, gaussian(random, 2 * phi.length));
        double[] gradNorms = Arrays.copyOf(gradEdges, phi.length);
        double[] gradDots = Arrays.copyOfRange(gradEdges, phi.length, gradEdges.length);
        double[] gradOut = rounded(dtype, gaussian(random, x.length));
        double[] gradSums = rounded(dtype, gaussian(random, batch * PARTICLES * HIDDEN));
        double[] gradX = new double[x.length];
        LgebPrimitives.edgeFeaturesBackward(x, COUNTS, batch, PARTICLES, gradNorms, gradDots, gradX);
        assertClose(gradX, edgeFeaturesBackward(dtype, x, COUNTS, gradNorms, gradDots), 4, dtype,
                "edgeFeaturesBackward");
        double[] gradPhi = new double[phi.length];
        LgebPrimitives.positionUpdateBackward(x, phi, C, COUNTS, batch, PARTICLES, gradOut, gradX, gradPhi);
        double[][] update = positionUpdateBackward(dtype, x, phi, COUNTS, gradOut);
        assertClose(gradX, update[0], 4, dtype, "positionUpdateBackward gradX");
        assertClose(gradPhi, update[1], PARTICLES, dtype, "positionUpdateBackward gradPhi");
        double[] gradM = new double[batch * PARTICLES * PARTICLES * HIDDEN];
        LgebPrimitives.messageSumBackward(gradSums, HIDDEN, COUNTS, batch, PARTICLES, gradM);
        assertClose(gradM, messageSumBackward(dtype, gradSums, COUNTS), HIDDEN, dtype, "messageSumBackward");
    }

    /** Each device backward against central differences of its loss through the host forward. */
    @Test
    void backwardMatchesCentralDifferences() {
        SplittableRandom random = new SplittableRandom(53);
        int batch = COUNTS.length;
        double[] x = gaussian(random, batch * PARTICLES * 4);
        double[] phi = gaussian(random, batch * PARTICLES * PARTICLES);
        double[] m = gaussian(random, batch * PARTICLES * PARTICLES * HIDDEN);
        double[] gradNorms = gaussian(random, phi.length);
        double[] gradDots = gaussian(random, phi.length);
        double[] gradOut = gaussian(random, x.length);
        double[] gradSums = gaussian(random, batch * PARTICLES * HIDDEN);
        assertNear(numeric(x, p -> {
            double[] norms = new double[phi.length];
            double[] dots = new double[phi.length];
            LgebPrimitives.edgeFeatures(p, COUNTS, batch, PARTICLES, norms, dots);
            return FiniteDifferences.dot(norms, gradNorms) + FiniteDifferences.dot(dots, gradDots);
        }), edgeFeaturesBackward(DType.FLOAT64, x, COUNTS, gradNorms, gradDots), "edge features: x");
        double[][] update = positionUpdateBackward(DType.FLOAT64, x, phi, COUNTS, gradOut);
        assertNear(numeric(x, p -> updateLoss(p, phi, gradOut)), update[0], "position update: x");
        assertNear(numeric(phi, f -> updateLoss(x, f, gradOut)), update[1], "position update: phi");
        assertNear(numeric(m, messages -> {
            double[] sums = new double[gradSums.length];
            LgebPrimitives.messageSum(messages, HIDDEN, COUNTS, batch, PARTICLES, sums);
            return FiniteDifferences.dot(sums, gradSums);
        }), messageSumBackward(DType.FLOAT64, gradSums, COUNTS), "message sum: m");
    }

    /** Padded entries are never read, and every output there is 0. */
    @Test
    void paddedParticlesChangeNothing() {
        SplittableRandom random = new SplittableRandom(54);
        int[] counts = {3, 2};
        double[] x = gaussian(random, 2 * PARTICLES * 4);
        double[] phi = gaussian(random, 2 * PARTICLES * PARTICLES);
        double[] m = gaussian(random, 2 * PARTICLES * PARTICLES * HIDDEN);
        double[] noisyX = x.clone();
        fillPadding(noisyX, counts, 1, 4, 1e3);
        double[] noisyPhi = phi.clone();
        fillPadding(noisyPhi, counts, 2, 1, 1e3);
        double[] noisyM = m.clone();
        fillPadding(noisyM, counts, 2, HIDDEN, 1e3);
        double[][] features = edgeFeatures(DType.FLOAT64, x, counts);
        double[][] noisyFeatures = edgeFeatures(DType.FLOAT64, noisyX, counts);
        assertArrayEquals(features[0], noisyFeatures[0], 0.0, "norms");
        assertArrayEquals(features[1], noisyFeatures[1], 0.0, "dots");
        assertPaddingZero(features[1], counts, 2, 1, "dots");
        double[] updated = positionUpdate(DType.FLOAT64, x, phi, counts);
        assertArrayEquals(updated, positionUpdate(DType.FLOAT64, noisyX, noisyPhi, counts), 0.0, "positionUpdate");
        assertPaddingZero(updated, counts, 1, 4, "positionUpdate");
        double[] sums = messageSum(DType.FLOAT64, m, counts);
        assertArrayEquals(sums, messageSum(DType.FLOAT64, noisyM, counts), 0.0, "messageSum");
        assertPaddingZero(sums, counts, 1, HIDDEN, "messageSum");
        double[] gradM = messageSumBackward(DType.FLOAT64, gaussian(random, sums.length), counts);
        assertPaddingZero(gradM, counts, 2, HIDDEN, "messageSumBackward");
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < PARTICLES; i++) {
                assertEquals(0.0, features[0][(b * PARTICLES + i) * PARTICLES + i], "the diagonal i = j");
            }
        }
    }

    @Test
    void badArgumentsAreNamedBeforeAnythingRuns() {
        assertEquals("LgebOp: hidden must be >= 1, got 0", message(() -> LgebOp.on(device, 0, C, DType.FLOAT64)));
        assertEquals("LgebOp: coefficient must be finite, got NaN",
                message(() -> LgebOp.on(device, HIDDEN, Double.NaN, DType.FLOAT64)));
        try (LgebOp op = LgebOp.on(device, HIDDEN, C, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 2 * PARTICLES * 4);
            DeviceBuffer counts = scope.upload(new int[] {1, 2});
            DeviceBuffer edges = scope.allocate(DType.FLOAT64, 2 * PARTICLES * PARTICLES);
            DeviceBuffer shortBuffer = scope.allocate(DType.FLOAT64, 5);
            assertEquals("LgebOp.edgeFeatures: dots " + shortBuffer.name() + ": expected 50 elements"
                    + " (batch · particles²), got 5",
                    message(() -> op.edgeFeatures(x, counts, edges, shortBuffer, 2, PARTICLES)));
            assertEquals("LgebOp.messageSum: m " + edges.name() + ": expected 150 elements"
                    + " (batch · particles² · hidden), got 50",
                    message(() -> op.messageSum(edges, counts, shortBuffer, 2, PARTICLES)));
            assertEquals("LgebOp.positionUpdate: particles must be >= 1, got 0",
                    message(() -> op.positionUpdate(x, edges, counts, x, 2, 0)));
            assertEquals("LgebOp.positionUpdate: out and x must be different buffers, both are " + x.name(),
                    message(() -> op.positionUpdate(x, edges, counts, x, 2, PARTICLES)));
            assertEquals("LgebOp.positionUpdateBackward: counts " + x.name() + " must be INT32",
                    message(() -> op.positionUpdateBackward(x, edges, x, x, x, edges, 2, PARTICLES)));
            DeviceBuffer x32 = scope.allocate(DType.FLOAT32, 2 * PARTICLES * 4);
            assertEquals("LgebOp.edgeFeaturesBackward: x " + x32.name() + " must be FLOAT64 like the op",
                    message(() -> op.edgeFeaturesBackward(x32, counts, edges, edges, x, 2, PARTICLES)));
        }
    }

    @Test
    void aClosedOpRefusesCalls() {
        LgebOp op = LgebOp.on(device, HIDDEN, C, DType.FLOAT32);
        op.close();
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer m = scope.allocate(DType.FLOAT32, PARTICLES * PARTICLES * HIDDEN);
            DeviceBuffer sums = scope.allocate(DType.FLOAT32, PARTICLES * HIDDEN);
            assertThrows(IllegalStateException.class,
                    () -> op.messageSum(m, scope.upload(new int[] {1}), sums, 1, PARTICLES));
        }
    }

    private double[][] edgeFeatures(DType dtype, double[] x, int[] counts) {
        try (LgebOp op = LgebOp.on(device, HIDDEN, C, dtype); MemoryScope scope = device.openScope()) {
            int edges = counts.length * PARTICLES * PARTICLES;
            DeviceBuffer norms = garbage(scope, dtype, edges);
            DeviceBuffer dots = garbage(scope, dtype, edges);
            op.edgeFeatures(upload(scope, dtype, x), scope.upload(counts), norms, dots, counts.length, PARTICLES);
            return new double[][] {download(norms), download(dots)};
        }
    }

    private double[] edgeFeaturesBackward(DType dtype, double[] x, int[] counts, double[] gradNorms,
            double[] gradDots) {
        try (LgebOp op = LgebOp.on(device, HIDDEN, C, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer gradX = garbage(scope, dtype, x.length);
            op.edgeFeaturesBackward(upload(scope, dtype, x), scope.upload(counts), upload(scope, dtype, gradNorms),
                    upload(scope, dtype, gradDots), gradX, counts.length, PARTICLES);
            return download(gradX);
        }
    }

    private double[] positionUpdate(DType dtype, double[] x, double[] phi, int[] counts) {
        try (LgebOp op = LgebOp.on(device, HIDDEN, C, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer out = garbage(scope, dtype, x.length);
            op.positionUpdate(upload(scope, dtype, x), upload(scope, dtype, phi), scope.upload(counts), out,
                    counts.length, PARTICLES);
            return download(out);
        }
    }

    private double[][] positionUpdateBackward(DType dtype, double[] x, double[] phi, int[] counts,
            double[] gradOut) {
        try (LgebOp op = LgebOp.on(device, HIDDEN, C, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer gradX = garbage(scope, dtype, x.length);
            DeviceBuffer gradPhi = garbage(scope, dtype, phi.length);
            op.positionUpdateBackward(upload(scope, dtype, x), upload(scope, dtype, phi), scope.upload(counts),
                    upload(scope, dtype, gradOut), gradX, gradPhi, counts.length, PARTICLES);
            return new double[][] {download(gradX), download(gradPhi)};
        }
    }

    private double[] messageSum(DType dtype, double[] m, int[] counts) {
        try (LgebOp op = LgebOp.on(device, HIDDEN, C, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer sums = garbage(scope, dtype, counts.length * PARTICLES * HIDDEN);
            op.messageSum(upload(scope, dtype, m), scope.upload(counts), sums, counts.length, PARTICLES);
            return download(sums);
        }
    }

    private double[] messageSumBackward(DType dtype, double[] gradSums, int[] counts) {
        try (LgebOp op = LgebOp.on(device, HIDDEN, C, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer gradM = garbage(scope, dtype, counts.length * PARTICLES * PARTICLES * HIDDEN);
            op.messageSumBackward(upload(scope, dtype, gradSums), scope.upload(counts), gradM, counts.length,
                    PARTICLES);
            return download(gradM);
        }
    }

    private static double updateLoss(double[] x, double[] phi, double[] gradOut) {
        double[] out = new double[x.length];
        LgebPrimitives.positionUpdate(x, phi, C, COUNTS, COUNTS.length, PARTICLES, out);
        return FiniteDifferences.dot(out, gradOut);
    }

    private static double[] numeric(double[] at, ToDoubleFunction<double[]> loss) {
        return FiniteDifferences.gradient(at, STEP, loss);
    }

    private static void assertNear(double[] numeric, double[] actual, String what) {
        double error = FiniteDifferences.relativeError(numeric, actual);
        assertTrue(error < 1e-7, what + ": relative error " + error);
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    private static DeviceBuffer garbage(MemoryScope scope, DType dtype, int n) {
        double[] values = new double[n];
        Arrays.fill(values, GARBAGE);
        return upload(scope, dtype, values);
    }

    /** Full, partial and empty jets, always including the padded extremes 0 and PARTICLES. */
    private static int[] counts(SplittableRandom random, int batch) {
        int[] counts = new int[batch];
        for (int b = 0; b < batch; b++) counts[b] = b < 2 ? PARTICLES * (1 - b) : random.nextInt(PARTICLES + 1);
        return counts;
    }

    /** Sets every entry of a padded particle (rank 1) or a pair with a padded particle (rank 2) to value. */
    private static void fillPadding(double[] a, int[] counts, int rank, int inner, double value) {
        forEachPadded(counts, rank, inner, (from, to) -> Arrays.fill(a, from, to, value));
    }

    private static void assertPaddingZero(double[] a, int[] counts, int rank, int inner, String what) {
        forEachPadded(counts, rank, inner, (from, to) -> {
            for (int k = from; k < to; k++) assertEquals(0.0, a[k], what + " at padded entry " + k);
        });
    }

    /** Visits the [from, to) ranges of the padded positions of {@code [batch][particles]^rank[inner]}. */
    private static void forEachPadded(int[] counts, int rank, int inner, BiConsumer<Integer, Integer> range) {
        int positions = rank == 2 ? PARTICLES * PARTICLES : PARTICLES;
        for (int b = 0; b < counts.length; b++) {
            for (int p = 0; p < positions; p++) {
                int i = rank == 2 ? p / PARTICLES : p;
                int j = rank == 2 ? p % PARTICLES : 0;
                if (i < counts[b] && j < counts[b]) continue;
                range.accept((b * positions + p) * inner, (b * positions + p + 1) * inner);
            }
        }
    }
}
