package org.equikern.nativeloader;

/** A kernel source or binary that should be packaged in the jar could not be read. */
public final class KernelResourceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public KernelResourceException(String message) {
        super(message);
    }

    public KernelResourceException(String message, Throwable cause) {
        super(message, cause);
    }
}
