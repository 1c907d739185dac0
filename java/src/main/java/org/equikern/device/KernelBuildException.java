package org.equikern.device;

/** A kernel program failed to compile or load on a device; the message carries the compiler log. */
public final class KernelBuildException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what failed, with the compiler's log
     * @param cause the backend's error, or null
     */
    public KernelBuildException(String message, Throwable cause) {
        super(message, cause);
    }
}
