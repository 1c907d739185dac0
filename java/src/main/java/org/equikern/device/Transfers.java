package org.equikern.device;

/**
 * Host↔device copies counted by a {@link Device} ({@link Device#transfers()}): how many copies of a host
 * array into a buffer ({@code upload}, {@link DeviceBuffer#copyFrom}) and out of one
 * ({@link DeviceBuffer#copyTo}, {@code toDoubleArray}, …) moved data, and how many bytes each way.
 * Copies of zero elements move nothing and are not counted; kernels and device-to-device work are not
 * transfers. Subtract two snapshots with {@link #since} to count what a piece of code moved.
 *
 * @param uploads         copies from the host to the device
 * @param uploadedBytes   bytes copied from the host to the device
 * @param downloads       copies from the device to the host
 * @param downloadedBytes bytes copied from the device to the host
 */
public record Transfers(long uploads, long uploadedBytes, long downloads, long downloadedBytes) {
    /**
     * The copies made between {@code earlier} and this snapshot.
     *
     * @param earlier a snapshot of the same device taken before this one
     * @return the differences, field by field
     */
    public Transfers since(Transfers earlier) {
        return new Transfers(uploads - earlier.uploads, uploadedBytes - earlier.uploadedBytes,
                downloads - earlier.downloads, downloadedBytes - earlier.downloadedBytes);
    }
}
