package org.equikern.device.cuda;

import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jcuda.driver.CUresult;

/**
 * The error state of one CUDA device: turns a driver call's result into an exception, and
 * remembers the errors that leave the context unusable (a kernel's illegal address, a launch
 * failure or timeout, an uncorrectable ECC error). Such an error is asynchronous: it surfaces
 * at a later call, often another op's, so the device records it with the last kernel launched
 * before it and refuses all further work with that message instead of failing later elsewhere.
 * Pure Java (no driver needed), so the rules are testable anywhere.
 */
final class DriverErrors {
    /** Results after which the CUDA context is corrupt and every later call fails. */
    private static final Set<String> STICKY = Stream.of(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS,
            CUresult.CUDA_ERROR_LAUNCH_FAILED, CUresult.CUDA_ERROR_LAUNCH_TIMEOUT,
            CUresult.CUDA_ERROR_ILLEGAL_INSTRUCTION, CUresult.CUDA_ERROR_MISALIGNED_ADDRESS,
            CUresult.CUDA_ERROR_INVALID_ADDRESS_SPACE, CUresult.CUDA_ERROR_INVALID_PC,
            CUresult.CUDA_ERROR_HARDWARE_STACK_ERROR, CUresult.CUDA_ERROR_ASSERT,
            CUresult.CUDA_ERROR_ECC_UNCORRECTABLE, CUresult.CUDA_ERROR_CONTEXT_IS_DESTROYED)
            .map(CUresult::stringFor).collect(Collectors.toUnmodifiableSet());

    private final String device;
    private volatile String lastKernel = "no kernel";
    private volatile String unusable;

    DriverErrors(String device) {
        this.device = device;
    }

    /** Notes a launch, so a later asynchronous error names the kernel that most likely caused it. */
    void launched(String kernel) {
        lastKernel = kernel;
    }

    /** Whether an earlier error left the device unusable. */
    boolean unusable() {
        return unusable != null;
    }

    /**
     * Throws when an earlier error left the device unusable.
     *
     * @throws IllegalStateException "device cuda:0 is unusable after CUDA_ERROR_… in kernel (reported by call)"
     */
    void checkUsable() {
        String message = unusable;
        if (message != null) throw new IllegalStateException(message);
    }

    /**
     * Checks the result of the driver call {@code call}: nothing on success, else as
     * {@link #failed}.
     */
    void check(int result, String call) {
        if (result != CUresult.CUDA_SUCCESS) throw failed(CUresult.stringFor(result), call);
    }

    /**
     * The exception for the driver call {@code call} that failed with {@code error} (a
     * {@code CUresult} name, as JCuda's exceptions carry it): a sticky error is recorded and
     * reported as the device being unusable; any other names the call and the device.
     */
    IllegalStateException failed(String error, String call) {
        String name = error == null ? "CUDA_ERROR_UNKNOWN" : error.trim();
        if (STICKY.contains(name)) {
            synchronized (this) {
                if (unusable == null) {
                    unusable = "device " + device + " is unusable after " + name + " in " + lastKernel
                            + " (reported by " + call + ")";
                }
                return new IllegalStateException(unusable);
            }
        }
        return new IllegalStateException(call + " failed on device " + device + ": " + name);
    }
}
