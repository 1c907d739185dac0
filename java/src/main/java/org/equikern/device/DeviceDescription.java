package org.equikern.device;

/**
 * One entry of {@code Devices.list}: a device that can be opened, with its capabilities, or
 * a backend that cannot, with the reason.
 *
 * @param name the name for {@code Devices.open}, e.g. {@code opencl:0}; the bare backend
 *     name when the backend is unavailable
 * @param kind the backend
 * @param available whether {@code Devices.open} can open it
 * @param detail capabilities when available, otherwise the reason it is not
 */
public record DeviceDescription(String name, DeviceKind kind, boolean available, String detail) {

    /**
     * One line for the {@code devices} command, e.g. {@code cuda       unavailable: libcuda.so.1 not found:
     * ...}.
     *
     * @return the line
     */
    public String describe() {
        return String.format("%-10s %s", name, available ? detail : "unavailable: " + detail);
    }
}
