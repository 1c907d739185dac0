package org.equikern.ops;

import org.equikern.device.Device;
import org.equikern.device.java.JavaDevice;
import org.equikern.device.kernel.KernelDevice;

import java.util.function.Function;

/**
 * Picks an operation's implementation for a device's backend: the {@code java} device runs the
 * Java implementation, every {@link KernelDevice} (OpenCL, CUDA) the kernel implementation. Each
 * operation's {@code on(device, ...)} factory goes through here, so a new backend is one more
 * branch (see ARCHITECTURE.md).
 */
public final class Backends {
    private Backends() {
    }

    /**
     * @param device the device
     * @param call the factory, for messages ({@code LinearOp.on})
     * @param java makes the Java implementation
     * @param kernel makes the OpenCL/CUDA implementation
     * @param <T> the op type
     * @return the op made for the device's backend
     * @throws IllegalArgumentException when {@code device} is null or of a backend with no implementation
     */
    public static <T> T select(Device device, String call, Function<JavaDevice, T> java,
            Function<KernelDevice, T> kernel) {
        if (device == null) throw new IllegalArgumentException(call + ": device must not be null");
        if (device instanceof JavaDevice javaDevice) return java.apply(javaDevice);
        if (device instanceof KernelDevice kernelDevice) return kernel.apply(kernelDevice);
        throw new IllegalArgumentException(call + ": device " + device.name() + " is of " + device.getClass().getName()
                + ", a backend with no implementation (expected the java device or a KernelDevice)");
    }
}
