package org.equikern.ops.scale;

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
 * {@link ScaleOp}, the toy operation of ARCHITECTURE.md, against {@code factor · x} computed here
 * in double, in both precisions and at each batch size of {@link OpContract#BATCHES}, plus its
 * argument checks. Subclassed once per backend, like every operation's contract.
 */
public abstract class ScaleOpContract extends OpContract {
    private static final double FACTOR = -0.7;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void multipliesEveryElementByTheFactor(DType dtype) {
        SplittableRandom random = new SplittableRandom(12);
        try (ScaleOp op = ScaleOp.on(device, FACTOR, dtype)) {
            for (int n : BATCHES) {
                double[] x = rounded(dtype, gaussian(random, n));
                double[] expected = new double[n];
                for (int i = 0; i < n; i++) expected[i] = FACTOR * x[i];
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer y = scope.allocate(dtype, n);
                    op.forward(upload(scope, dtype, x), y, n);
                    assertClose(expected, download(y), 1, dtype, "y (n = " + n + ")");
                }
            }
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        assertEquals("factor must be finite, got NaN", assertThrows(IllegalArgumentException.class,
                () -> ScaleOp.on(device, Double.NaN, DType.FLOAT64)).getMessage());
        try (ScaleOp op = ScaleOp.on(device, FACTOR, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 4);
            DeviceBuffer shortY = scope.allocate(DType.FLOAT64, 3);
            String message = assertThrows(IllegalArgumentException.class, () -> op.forward(x, shortY, 4))
                    .getMessage();
            assertEquals("ScaleOp.forward: y " + shortY.name() + ": expected 4 elements (n), got 3", message);
            assertThrows(IllegalArgumentException.class, () -> op.forward(x, x, 4));
        }
    }

    @Test
    void aClosedOpRefusesCalls() {
        ScaleOp op = ScaleOp.on(device, FACTOR, DType.FLOAT32);
        op.close();
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT32, 2);
            DeviceBuffer y = scope.allocate(DType.FLOAT32, 2);
            assertThrows(IllegalStateException.class, () -> op.forward(x, y, 2));
        }
    }
}
