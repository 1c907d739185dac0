package org.equikern.nativeloader;

import java.util.List;
import java.util.Objects;

/**
 * Outcome of probing a native backend: the devices found, or the reason, in words a user can act
 * on, why the backend cannot be used.
 *
 * @param <D> the device description type of the backend
 */
public final class ProbeResult<D> {
    private final List<D> devices;
    private final String reason;

    private ProbeResult(List<D> devices, String reason) {
        this.devices = devices;
        this.reason = reason;
    }

    /** A backend that works and has at least one device. */
    public static <D> ProbeResult<D> available(List<D> devices) {
        if (devices.isEmpty()) {
            throw new IllegalArgumentException("an available backend needs at least one device");
        }
        return new ProbeResult<>(List.copyOf(devices), null);
    }

    /** A backend that cannot be used, and why. */
    public static <D> ProbeResult<D> unavailable(String reason) {
        return new ProbeResult<>(List.of(), Objects.requireNonNull(reason, "reason"));
    }

    /** True when the backend loaded and found at least one device. */
    public boolean isAvailable() {
        return reason == null;
    }

    /** The devices found, in probe order; empty when unavailable. */
    public List<D> devices() {
        return devices;
    }

    /** Why the backend is unavailable; throws when it is available. */
    public String reason() {
        if (reason == null) {
            throw new IllegalStateException("the backend is available; there is no reason to report");
        }
        return reason;
    }

    @Override
    public String toString() {
        return isAvailable() ? "available: " + devices : "unavailable: " + reason;
    }
}
