package org.equikern.ops.harmonics;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link SphericalHarmonicsOp} on a device against {@link SphericalHarmonics} in double: every
 * normalization, with and without normalize, lmax 0 to 8, both precisions, each batch size of
 * {@link OpContract#BATCHES}; the first vector is the zero vector. Subclassed once per backend.
 */
public abstract class SphericalHarmonicsOpContract extends OpContract {
    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (int lmax : new int[] {0, 1, 2, 3, 5, 8}) {
                for (ShNormalization normalization : ShNormalization.values()) {
                    for (boolean normalize : new boolean[] {true, false}) {
                        out.add(Arguments.of(dtype, lmax, normalization, normalize));
                    }
                }
            }
        }
        return out.stream();
    }

    /** Vectors {@code [n, 3]}: the zero vector, then Gaussian vectors of lengths around 0.3 to 3. */
    private static double[] vectors(SplittableRandom random, int n) {
        double[] v = gaussian(random, 3 * n);
        for (int a = 0; a < 3; a++) v[a] = 0;
        return v;
    }

    @ParameterizedTest(name = "{0} lmax={1} {2} normalize={3}")
    @MethodSource("cases")
    void forwardMatchesJava(DType dtype, int lmax, ShNormalization normalization, boolean normalize) {
        SphericalHarmonics sh = SphericalHarmonics.of(lmax, normalization, normalize);
        SplittableRandom random = new SplittableRandom(lmax * 31L + normalization.ordinal());
        try (SphericalHarmonicsOp op = SphericalHarmonicsOp.on(device, sh, dtype)) {
            for (int n : BATCHES) {
                double[] v = rounded(dtype, vectors(random, n));
                double[] expected = new double[n * sh.dim()];
                sh.compute(v, expected, n);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer out = scope.allocate(dtype, (long) n * sh.dim());
                    op.forward(upload(scope, dtype, v), out, n);
                    assertClose(expected, download(out), sh.dim(), dtype, "SH forward n=" + n);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} lmax={1} {2} normalize={3}")
    @MethodSource("cases")
    void backwardMatchesJava(DType dtype, int lmax, ShNormalization normalization, boolean normalize) {
        SphericalHarmonics sh = SphericalHarmonics.of(lmax, normalization, normalize);
        SplittableRandom random = new SplittableRandom(lmax * 37L + normalization.ordinal());
        try (SphericalHarmonicsOp op = SphericalHarmonicsOp.on(device, sh, dtype)) {
            for (int n : BATCHES) {
                double[] v = rounded(dtype, vectors(random, n));
                double[] gradOut = rounded(dtype, gaussian(random, n * sh.dim()));
                double[] expected = new double[3 * n];
                sh.backward(v, gradOut, expected, n);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer gradVectors = scope.allocate(dtype, 3L * n);
                    op.backward(upload(scope, dtype, v), upload(scope, dtype, gradOut), gradVectors,
                            scope.allocate(dtype, op.scratchLength(n)), n);
                    double[] actual = download(gradVectors);
                    if (normalize) {
                        assertEquals(0.0, Math.abs(actual[0]) + Math.abs(actual[1]) + Math.abs(actual[2]),
                                "gradient at the zero vector");
                    }
                    assertClose(expected, actual, 3, dtype, "SH backward n=" + n);
                }
            }
        }
    }

    @Test
    void emptyBatchIsANoOp() {
        SphericalHarmonics sh = SphericalHarmonics.of(2, ShNormalization.COMPONENT, true);
        try (SphericalHarmonicsOp op = SphericalHarmonicsOp.on(device, sh, DType.FLOAT32);
                MemoryScope scope = device.openScope()) {
            op.forward(scope.allocate(DType.FLOAT32, 0), scope.allocate(DType.FLOAT32, 0), 0);
            op.backward(scope.allocate(DType.FLOAT32, 0), scope.allocate(DType.FLOAT32, 0),
                    scope.allocate(DType.FLOAT32, 0), scope.allocate(DType.FLOAT32, 0), 0);
        }
    }

    @Test
    void argumentsAreValidatedBeforeAnythingRuns() {
        SphericalHarmonics sh = SphericalHarmonics.of(2, ShNormalization.COMPONENT, true);
        try (SphericalHarmonicsOp op = SphericalHarmonicsOp.on(device, sh, DType.FLOAT32);
                MemoryScope scope = device.openScope();
                MemoryScope elsewhere = other.openScope()) {
            DeviceBuffer v = scope.allocate(DType.FLOAT32, 6);
            DeviceBuffer out = scope.allocate(DType.FLOAT32, 17);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.forward(v, out, 2));
            assertEquals("SphericalHarmonicsOp.forward: out " + out.name()
                    + ": expected 18 elements (n 2 * dim 9), got 17", e.getMessage());
            DeviceBuffer v64 = scope.allocate(DType.FLOAT64, 6);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(v64, scope.allocate(DType.FLOAT32, 18), 2));
            assertEquals("SphericalHarmonicsOp.forward: vectors " + v64.name() + " must be FLOAT32 like the op",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(v, out, v, scope.allocate(DType.FLOAT32, 36), 2));
            assertEquals("SphericalHarmonicsOp.backward: gradOut " + out.name()
                    + ": expected 18 elements (n 2 * dim 9), got 17", e.getMessage());
            DeviceBuffer gradOut = scope.allocate(DType.FLOAT32, 18);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(v, gradOut, v, scope.allocate(DType.FLOAT32, 36), 2));
            assertEquals("SphericalHarmonicsOp.backward: gradVectors and vectors must be different buffers, both are "
                    + v.name(), e.getMessage());
            DeviceBuffer foreign = elsewhere.allocate(DType.FLOAT32, 6);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(foreign, scope.allocate(DType.FLOAT32, 18), 2));
            assertTrue(e.getMessage().contains(": vectors #") && e.getMessage().contains(" belongs to "), e.getMessage());
            DeviceBuffer scratch = scope.allocate(DType.FLOAT32, 35);
            e = assertThrows(IllegalArgumentException.class, () -> op.backward(v,
                    scope.allocate(DType.FLOAT32, 18), scope.allocate(DType.FLOAT32, 6), scratch, 2));
            assertEquals("SphericalHarmonicsOp.backward: scratch " + scratch.name()
                    + ": expected 36 elements (2 * n 2 * dim 9), got 35", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(v, out, -1));
            assertEquals("SphericalHarmonicsOp.forward: n must be >= 0, got -1", e.getMessage());
        }
    }

    @Test
    void aClosedOpRefusesWorkAndFreesItsTables() {
        SphericalHarmonics sh = SphericalHarmonics.of(3, ShNormalization.NORM, false);
        SphericalHarmonicsOp op = SphericalHarmonicsOp.on(device, sh, DType.FLOAT32);
        op.close();
        op.close();
        assertEquals(0, device.liveBufferCount());
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer v = scope.allocate(DType.FLOAT32, 3);
            DeviceBuffer out = scope.allocate(DType.FLOAT32, 16);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> op.forward(v, out, 1));
            assertEquals("SphericalHarmonicsOp.forward: the op is closed", e.getMessage());
        }
    }
}
