package org.equikern.ops.axpy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link AxpyOp} against {@code y + α·x} computed here in double, in both precisions, at each batch size of
 * {@link OpContract#BATCHES}, plus its argument checks. Subclassed once per backend.
 */
public abstract class AxpyOpContract extends OpContract {
    private static final double ALPHA = -0.7;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void addsAlphaTimesXToY(DType dtype) {
        SplittableRandom random = new SplittableRandom(21);
        try (AxpyOp op = AxpyOp.on(device, dtype)) {
            for (int n : BATCHES) {
                double[] x = rounded(dtype, gaussian(random, n));
                double[] y = rounded(dtype, gaussian(random, n));
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) expected[i] = y[i] + ALPHA * x[i];
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer yBuffer = upload(scope, dtype, y);
                    op.apply(ALPHA, upload(scope, dtype, x), yBuffer, n);
                    assertClose(expected, download(yBuffer), 1, dtype, "y (n = " + n + ")");
                }
            }
        }
    }

    @Test
    void alphaOneIsAPlainSum() {
        try (AxpyOp op = AxpyOp.on(device, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer y = scope.upload(new double[] {1, 2.5, -3});
            op.apply(1, scope.upload(new double[] {0.25, -2.5, 4}), y, 3);
            assertEquals(List.of(1.25, 0.0, 1.0),
                    Arrays.stream(y.toDoubleArray()).boxed().toList());
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void addsARangeIntoARangeAndLeavesTheRestAlone(DType dtype) {
        SplittableRandom random = new SplittableRandom(22);
        double[] x = rounded(dtype, gaussian(random, 9));
        double[] y = rounded(dtype, gaussian(random, 12));
        double[] expected = y.clone();
        for (int i = 0; i < 5; i++) expected[7 + i] += ALPHA * x[3 + i];
        try (AxpyOp op = AxpyOp.on(device, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer yBuffer = upload(scope, dtype, y);
            op.apply(ALPHA, upload(scope, dtype, x), 3, yBuffer, 7, 5);
            assertClose(expected, download(yBuffer), 1, dtype, "y");
        }
    }

    @Test
    void refusesARangePastTheEnd() {
        try (AxpyOp op = AxpyOp.on(device, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 4);
            DeviceBuffer y = scope.allocate(DType.FLOAT64, 6);
            assertEquals("AxpyOp.apply: y range [3, 7) ends past " + y.name() + " of 6 elements",
                    assertThrows(IllegalArgumentException.class, () -> op.apply(1, x, 0, y, 3, 4)).getMessage());
            assertEquals("AxpyOp.apply: xOffset must be >= 0, got -1",
                    assertThrows(IllegalArgumentException.class, () -> op.apply(1, x, -1, y, 0, 2)).getMessage());
            assertThrows(IllegalArgumentException.class, () -> op.apply(1, x, 0, x, 2, 2));
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        try (AxpyOp op = AxpyOp.on(device, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 4);
            DeviceBuffer shortY = scope.allocate(DType.FLOAT64, 3);
            assertEquals("AxpyOp.apply: y " + shortY.name() + ": expected 4 elements (n), got 3",
                    assertThrows(IllegalArgumentException.class, () -> op.apply(1, x, shortY, 4)).getMessage());
            assertEquals("AxpyOp.apply: alpha must be finite, got NaN",
                    assertThrows(IllegalArgumentException.class, () -> op.apply(Double.NaN, x, shortY, 3))
                            .getMessage());
            assertThrows(IllegalArgumentException.class, () -> op.apply(1, x, x, 4));
            DeviceBuffer floats = scope.allocate(DType.FLOAT32, 4);
            assertThrows(IllegalArgumentException.class, () -> op.apply(1, floats, x, 4));
        }
    }

    @Test
    void aClosedOpRefusesCalls() {
        AxpyOp op = AxpyOp.on(device, DType.FLOAT32);
        op.close();
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT32, 2);
            DeviceBuffer y = scope.allocate(DType.FLOAT32, 2);
            assertThrows(IllegalStateException.class, () -> op.apply(1, x, y, 2));
        }
    }
}
