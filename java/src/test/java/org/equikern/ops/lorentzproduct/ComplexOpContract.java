package org.equikern.ops.lorentzproduct;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;

/** What the contracts of this package's complex-valued device ops share: garbage outputs, gradient bounds, messages. */
public abstract class ComplexOpContract extends OpContract {
    /** Gradients sum many terms of either sign; float32 rounding grows past the forward's 1e-5. */
    static final double F32_GRADIENT_TOLERANCE = 1e-4;

    /** The relative error of a device gradient against its reference within the dtype's gradient bound. */
    static void assertGradientClose(ComplexTensor expected, ComplexTensor actual, DType dtype, String what) {
        double error = LorentzFeatures.relativeError(actual, expected);
        double bound = dtype == DType.FLOAT64 ? tolerance(dtype) : F32_GRADIENT_TOLERANCE;
        assertTrue(error <= bound, what + " " + dtype + ": relative error " + error + " > " + bound);
    }

    /** A buffer of n values 7.5, so an output the op fails to overwrite shows. */
    static DeviceBuffer garbage(MemoryScope scope, DType dtype, long n) {
        double[] values = new double[Math.toIntExact(n)];
        Arrays.fill(values, 7.5);
        return upload(scope, dtype, values);
    }

    /** The message of the IllegalArgumentException {@code call} throws. */
    static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }
}
