package org.equikern.device;

/**
 * Base of the layer operations a {@link Device} runs (each in its package under
 * {@code org.equikern.ops}: {@code SphericalHarmonicsOp}, {@code LinearOp}, {@code GateOp}, ...):
 * bound to one device and one floating-point precision, and {@link AutoCloseable} because kernel backends keep the layer's tables on the device until
 * the op closes. Subclasses validate every argument with the checks here before anything runs,
 * so an error names the call, the buffer and the expected versus actual length.
 *
 * <p>Thread-safe: calls from several threads may run at once. {@link #close()} refuses new calls,
 * waits for those in flight, then frees the tables.
 */
public abstract class DeviceOp extends OpLifecycle {
    private final DType dtype;

    /**
     * An op on {@code device} computing in {@code dtype}.
     *
     * @param device the device every buffer of the op lives on
     * @param dtype FLOAT32 or FLOAT64
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected DeviceOp(Device device, DType dtype) {
        super(device, () -> "the op");
        this.dtype = dtype;
        device.checkOpen(opKind());
        if (!dtype.isFloatingPoint()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": dtype must be FLOAT32 or FLOAT64, got "
                    + dtype);
        }
        if (dtype == DType.FLOAT64 && !device.supportsFloat64()) {
            throw new IllegalArgumentException("device " + device.name() + " does not support FLOAT64 ("
                    + device.describe() + "); use FLOAT32 or another device");
        }
    }

    /** The public op class this one implements ({@code LinearOp} for a backend's linear op), for messages. */
    private String opKind() {
        Class<?> kind = getClass();
        while (kind.getSuperclass() != DeviceOp.class) kind = kind.getSuperclass();
        return kind.getSimpleName();
    }

    /**
     * The dtype of every floating-point buffer passed to this op.
     *
     * @return FLOAT32 or FLOAT64
     */
    public final DType dtype() {
        return dtype;
    }

    /**
     * Rejects a negative batch size.
     *
     * @param call the call, first in the message
     * @param name the count's name
     * @param count the count
     * @throws IllegalArgumentException when {@code count} is negative
     */
    protected static void checkCount(String call, String name, int count) {
        if (count < 0) throw new IllegalArgumentException(call + ": " + name + " must be >= 0, got " + count);
    }

    /**
     * Checks that {@code buffer} is open, on this device, of this op's dtype and exactly
     * {@code expected} elements long ({@code how} says where that number comes from).
     *
     * @param call the call, first in the message
     * @param role the argument's name
     * @param buffer the buffer
     * @param expected the required length
     * @param how the formula of that length, for the message (e.g. {@code "batch * dim"})
     * @throws IllegalArgumentException naming {@code call} and {@code role}
     */
    protected final void checkBuffer(String call, String role, DeviceBuffer buffer, long expected, String how) {
        checkBuffer(call, role, buffer, dtype, expected, how);
    }

    /**
     * {@link #checkBuffer(String, String, DeviceBuffer, long, String)} for an INT32 index buffer.
     *
     * @param call the call, first in the message
     * @param role the argument's name
     * @param buffer the buffer
     * @param expected the required length
     * @param how the formula of that length, for the message
     * @throws IllegalArgumentException naming {@code call} and {@code role}
     */
    protected final void checkIndexBuffer(String call, String role, DeviceBuffer buffer, long expected, String how) {
        checkBuffer(call, role, buffer, DType.INT32, expected, how);
    }

    private void checkBuffer(String call, String role, DeviceBuffer buffer, DType expectedType, long expected,
            String how) {
        if (buffer == null) {
            throw new IllegalArgumentException(call + ": " + role + " must not be null (expected " + expected
                    + " elements, " + how + ")");
        }
        device().checkOwns(call + ": " + role, buffer);
        if (buffer.dtype() != expectedType) {
            throw new IllegalArgumentException(call + ": " + role + " " + buffer.name() + " must be " + expectedType
                    + (expectedType == dtype ? " like the op" : ""));
        }
        if (expected > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(call + ": " + role + " would need " + expected + " elements (" + how
                    + "), more than the 2^31-1 the kernels index");
        }
        if (buffer.length() != expected) {
            throw new IllegalArgumentException(call + ": " + role + " " + buffer.name() + ": expected " + expected
                    + " elements (" + how + "), got " + buffer.length());
        }
    }

    /**
     * Checks that the non-null buffers among {@code roleBufferPairs} (role name, buffer, role
     * name, buffer, ...) are distinct: an output must not alias an input or another output.
     *
     * @param call the call, first in the message
     * @param roleBufferPairs role names and buffers (or null), alternating
     * @throws IllegalArgumentException naming both roles
     */
    protected static void checkDistinct(String call, Object... roleBufferPairs) {
        for (int i = 1; i < roleBufferPairs.length; i += 2) {
            for (int j = i + 2; j < roleBufferPairs.length; j += 2) {
                Object a = roleBufferPairs[i];
                if (a != null && a == roleBufferPairs[j]) {
                    throw new IllegalArgumentException(call + ": " + roleBufferPairs[i - 1] + " and "
                            + roleBufferPairs[j - 1] + " must be different buffers, both are "
                            + ((DeviceBuffer) a).name());
                }
            }
        }
    }
}
