package org.equikern.device.kernel;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.java.JavaDevice;
import org.junit.jupiter.api.Test;

/** A launch's arguments against its kernel's signature: count, kinds, buffer dtypes, REAL precision. */
class KernelSignatureTest {
    private static final KernelSignature KERNEL = KernelSignature.of("toy", "toy_kernel", INT, REAL, INT_BUFFER,
            REAL_BUFFER);

    @Test
    void acceptsArgumentsOfTheDeclaredKinds() {
        try (JavaDevice device = new JavaDevice(); MemoryScope scope = device.openScope()) {
            DeviceBuffer index = scope.allocate(DType.INT32, 2);
            assertDoesNotThrow(() -> KERNEL.check(DType.FLOAT32,
                    new Object[] {3, 0.5f, index, scope.allocate(DType.FLOAT32, 2)}));
            assertDoesNotThrow(() -> KERNEL.check(DType.FLOAT64,
                    new Object[] {3, 0.5, index, scope.allocate(DType.FLOAT64, 2)}));
        }
    }

    @Test
    void rejectsAWrongCountOrKindNamingTheKernelAndTheArgument() {
        try (JavaDevice device = new JavaDevice(); MemoryScope scope = device.openScope()) {
            DeviceBuffer index = scope.allocate(DType.INT32, 2);
            DeviceBuffer f32 = scope.allocate(DType.FLOAT32, 2);
            assertEquals("kernel toy_kernel takes 4 arguments, got 3", message(DType.FLOAT32, 3, 0.5f, index));
            assertEquals("kernel toy_kernel: argument 1 must be REAL in FLOAT64, got a Float",
                    message(DType.FLOAT64, 3, 0.5f, index, f32));
            assertEquals("kernel toy_kernel: argument 0 must be INT, got a Long", message(DType.FLOAT32, 3L, 0.5f,
                    index, f32));
            assertEquals("kernel toy_kernel: argument 2 must be INT_BUFFER, got a FLOAT32 buffer",
                    message(DType.FLOAT32, 3, 0.5f, f32, f32));
            assertEquals("kernel toy_kernel: argument 3 must be REAL_BUFFER in FLOAT64, got a FLOAT32 buffer",
                    message(DType.FLOAT64, 3, 0.5, index, f32));
            assertEquals("kernel toy_kernel: argument 3 must be REAL_BUFFER in FLOAT32, got null",
                    message(DType.FLOAT32, 3, 0.5f, index, null));
        }
    }

    private static String message(DType precision, Object... args) {
        return assertThrows(IllegalArgumentException.class, () -> KERNEL.check(precision, args)).getMessage();
    }
}
