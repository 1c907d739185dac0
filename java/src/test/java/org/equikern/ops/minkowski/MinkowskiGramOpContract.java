package org.equikern.ops.minkowski;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.lorentz.Minkowski;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link MinkowskiGramOp} against references computed here in double: the forward against direct
 * Minkowski products ({@link Minkowski#dot}), the backward against central differences of
 * {@code Σ gram · gradGram}, per jet. Padding (and counts past the range, clamped) reads back 0;
 * outputs start as garbage so every entry must be written. Subclassed once per backend.
 */
public abstract class MinkowskiGramOpContract extends OpContract {
    private static final int PARTICLES = 6;
    /**
     * Finite-difference step: the loss is quadratic in each coordinate, so the central difference is
     * exact for any step, and a large one keeps the rounding error of the difference small.
     */
    private static final double STEP = 0.5;
    private static final double GARBAGE = 7.5;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void gramIsTheMinkowskiProductOfRealParticles(DType dtype) {
        SplittableRandom random = new SplittableRandom(31);
        try (MinkowskiGramOp op = MinkowskiGramOp.on(device, dtype)) {
            for (int batch : BATCHES) {
                int[] counts = counts(random, batch);
                double[] p = rounded(dtype, gaussian(random, batch * PARTICLES * 4));
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer gram = upload(scope, dtype, garbage(batch * PARTICLES * PARTICLES));
                    op.forward(upload(scope, dtype, p), scope.upload(counts), gram, batch, PARTICLES);
                    assertClose(expectedGram(p, counts), download(gram), PARTICLES, dtype,
                            "gram (batch = " + batch + ")");
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void backwardMatchesCentralDifferences(DType dtype) {
        SplittableRandom random = new SplittableRandom(32);
        try (MinkowskiGramOp op = MinkowskiGramOp.on(device, dtype)) {
            for (int batch : BATCHES) {
                int[] counts = counts(random, batch);
                double[] p = rounded(dtype, gaussian(random, batch * PARTICLES * 4));
                double[] gradGram = rounded(dtype, gaussian(random, batch * PARTICLES * PARTICLES));
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer gradP = upload(scope, dtype, garbage(p.length));
                    op.backward(upload(scope, dtype, p), scope.upload(counts), upload(scope, dtype, gradGram), gradP,
                            batch, PARTICLES);
                    assertClose(centralDifferences(p, counts, gradGram), download(gradP), 4, dtype,
                            "gradMomenta (batch = " + batch + ")");
                }
            }
        }
    }

    /** Counts the device cannot check are clamped: below 0 reads as 0, past particles as particles. */
    @Test
    void countsOutsideTheRangeAreClamped() {
        SplittableRandom random = new SplittableRandom(33);
        double[] p = gaussian(random, 2 * PARTICLES * 4);
        try (MinkowskiGramOp op = MinkowskiGramOp.on(device, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer gram = upload(scope, DType.FLOAT64, garbage(2 * PARTICLES * PARTICLES));
            op.forward(upload(scope, DType.FLOAT64, p), scope.upload(new int[] {-3, PARTICLES + 4}), gram, 2,
                    PARTICLES);
            assertClose(expectedGram(p, new int[] {0, PARTICLES}), download(gram), PARTICLES, DType.FLOAT64,
                    "gram with clamped counts");
        }
    }

    @Test
    void badArgumentsAreNamedBeforeAnythingRuns() {
        try (MinkowskiGramOp op = MinkowskiGramOp.on(device, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer p = scope.allocate(DType.FLOAT64, 2 * PARTICLES * 4);
            DeviceBuffer counts = scope.upload(new int[] {1, 2});
            DeviceBuffer gram = scope.allocate(DType.FLOAT64, 2 * PARTICLES * PARTICLES);
            DeviceBuffer shortGram = scope.allocate(DType.FLOAT64, 5);
            assertEquals("MinkowskiGramOp.forward: gram " + shortGram.name() + ": expected 72 elements"
                    + " (batch · particles²), got 5", message(() -> op.forward(p, counts, shortGram, 2, PARTICLES)));
            assertEquals("MinkowskiGramOp.forward: particles must be >= 1, got 0",
                    message(() -> op.forward(p, counts, gram, 2, 0)));
            assertEquals("MinkowskiGramOp.forward: batch must be >= 0, got -1",
                    message(() -> op.forward(p, counts, gram, -1, PARTICLES)));
            assertEquals("MinkowskiGramOp.forward: counts " + p.name() + " must be INT32",
                    message(() -> op.forward(p, p, gram, 2, PARTICLES)));
            assertEquals("MinkowskiGramOp.backward: gradMomenta and momenta must be different buffers, both are "
                    + p.name(), message(() -> op.backward(p, counts, gram, p, 2, PARTICLES)));
            DeviceBuffer p32 = scope.allocate(DType.FLOAT32, 2 * PARTICLES * 4);
            assertEquals("MinkowskiGramOp.backward: momenta " + p32.name() + " must be FLOAT64 like the op",
                    message(() -> op.backward(p32, counts, gram, p, 2, PARTICLES)));
        }
    }

    @Test
    void aClosedOpRefusesCalls() {
        MinkowskiGramOp op = MinkowskiGramOp.on(device, DType.FLOAT32);
        op.close();
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer p = scope.allocate(DType.FLOAT32, PARTICLES * 4);
            DeviceBuffer gram = scope.allocate(DType.FLOAT32, PARTICLES * PARTICLES);
            assertThrows(IllegalStateException.class,
                    () -> op.forward(p, scope.upload(new int[] {1}), gram, 1, PARTICLES));
        }
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    /** Full, partial and empty jets, always including the padded extremes 0 and PARTICLES. */
    private static int[] counts(SplittableRandom random, int batch) {
        int[] counts = new int[batch];
        for (int b = 0; b < batch; b++) counts[b] = b < 2 ? PARTICLES * (1 - b) : random.nextInt(PARTICLES + 1);
        return counts;
    }

    private static double[] garbage(int n) {
        double[] out = new double[n];
        Arrays.fill(out, GARBAGE);
        return out;
    }

    private static double[] expectedGram(double[] p, int[] counts) {
        double[] out = new double[counts.length * PARTICLES * PARTICLES];
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) {
                for (int j = 0; j < counts[b]; j++) {
                    out[(b * PARTICLES + i) * PARTICLES + j] = Minkowski.dot(vector(p, b, i), vector(p, b, j));
                }
            }
        }
        return out;
    }

    /** The gradient of Σ gram · gradGram by central differences; jet b's loss depends on jet b only. */
    private static double[] centralDifferences(double[] p, int[] counts, double[] gradGram) {
        double[] x = p.clone();
        double[] out = new double[p.length];
        for (int b = 0; b < counts.length; b++) {
            for (int k = b * PARTICLES * 4; k < (b + 1) * PARTICLES * 4; k++) {
                x[k] = p[k] + STEP;
                double plus = jetLoss(x, counts[b], b, gradGram);
                x[k] = p[k] - STEP;
                double minus = jetLoss(x, counts[b], b, gradGram);
                x[k] = p[k];
                out[k] = (plus - minus) / (2 * STEP);
            }
        }
        return out;
    }

    private static double jetLoss(double[] p, int count, int b, double[] gradGram) {
        double sum = 0;
        for (int i = 0; i < count; i++) {
            for (int j = 0; j < count; j++) {
                sum += Minkowski.dot(vector(p, b, i), vector(p, b, j)) * gradGram[(b * PARTICLES + i) * PARTICLES + j];
            }
        }
        return sum;
    }

    private static double[] vector(double[] p, int b, int i) {
        int at = (b * PARTICLES + i) * 4;
        return Arrays.copyOfRange(p, at, at + 4);
    }
}
