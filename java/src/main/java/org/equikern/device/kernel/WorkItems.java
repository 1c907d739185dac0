package org.equikern.device.kernel;

/**
 * The check both GPU launchers make on a launch's size: the kernels take 64-bit ids, so the limit
 * is what the hardware can address, and a launch past it is refused before anything is enqueued.
 */
public final class WorkItems {
    private WorkItems() {}

    /**
     * The most work items a launch in groups of {@code groupSize} may have on a device that
     * addresses at most {@code deviceLimit}: the largest multiple of the group size within it.
     *
     * @param deviceLimit the device's largest work-item count
     * @param groupSize the work-group size, ≥ 1
     * @return the limit
     */
    public static long limit(long deviceLimit, long groupSize) {
        return deviceLimit / groupSize * groupSize;
    }

    /**
     * {@code count} rounded up to a multiple of {@code groupSize}.
     *
     * @param kernel the kernel, for the message
     * @param count the work items needed
     * @param groupSize the work-group size, ≥ 1
     * @param limit the largest allowed count, from {@link #limit}
     * @param device the device, for the message
     * @return the padded count
     * @throws IllegalArgumentException naming the kernel, the count and the limit when
     *     {@code count} is negative or above {@code limit} (a multiple of {@code groupSize})
     */
    public static long padded(String kernel, long count, long groupSize, long limit, String device) {
        if (count < 0) {
            throw new IllegalArgumentException("kernel " + kernel + ": " + count + " work items is negative");
        }
        if (count > limit) {
            throw new IllegalArgumentException("kernel " + kernel + ": " + count + " work items, above the limit "
                    + limit + " of device " + device);
        }
        return (count + groupSize - 1) / groupSize * groupSize;
    }
}
