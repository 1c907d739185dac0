package org.equikern.device;

import org.equikern.runtime.Devices;

/**
 * One entry of {@link Devices#list()}: a device that can be opened, with its capabilities, or
 * a backend that cannot, with the reason.
 *
 * @param name the name for {@link Devices#open(String)}, e.g. {@code opencl:0}; the bare backend
 *     name when the backend is unavailable
 * @param kind the backend
 * @param available whether {@link Devices#open(String)} can open it
 * @param detail capabilities when available, otherwise the reason it is not
 */
public record DeviceDescription(String name, DeviceKind kind, boolean available, String detail) {

    /** One line for the {@code devices} command, e.g. {@code cuda       unavailable: libcuda.so.1 not found: ...}. */
    public String describe() {
        return String.format("%-10s %s", name, available ? detail : "unavailable: " + detail);
    }
}
