package org.equikern.nativeloader;

/**
 * One CUDA device as reported by the driver.
 *
 * @param ordinal device number for {@code cuDeviceGet}
 * @param name device name
 * @param computeMajor compute capability, major part
 * @param computeMinor compute capability, minor part
 * @param globalMemoryBytes total device memory
 * @param multiprocessors streaming multiprocessor count
 */
public record CudaDeviceInfo(
        int ordinal, String name, int computeMajor, int computeMinor, long globalMemoryBytes, int multiprocessors) {

    /** One line for device listings: name and capabilities. */
    public String describe() {
        return String.format("%s (compute capability %d.%d, %d MiB, %d multiprocessors)",
                name, computeMajor, computeMinor, globalMemoryBytes >> 20, multiprocessors);
    }
}
