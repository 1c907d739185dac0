package org.equikern.nativeloader;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The compute capabilities the packaged CUDA kernels are built for, from
 * {@code kernels/cuda-architectures.txt} (packaged beside this class), the file
 * {@code kernels/build-cuda.sh} compiles from:
 * SASS for each, PTX for the lowest. A GPU below the lowest cannot load the kernels.
 */
public final class CudaArchitectures {
    static final String RESOURCE = "/org/equikern/nativeloader/cuda-architectures.txt";

    private static final List<Integer> CAPABILITIES = parse(read());

    private CudaArchitectures() {}

    /** The capabilities as major·10 + minor (e.g. 75 for 7.5), ascending. */
    public static List<Integer> capabilities() {
        return CAPABILITIES;
    }

    /** The lowest capability the kernels run on, as major·10 + minor. */
    public static int minimum() {
        return CAPABILITIES.get(0);
    }

    /** One line for messages: "sm_75, sm_80, … SASS and compute_75 PTX". */
    public static String describe() {
        return CAPABILITIES.stream().map(c -> "sm_" + c).collect(Collectors.joining(", ")) + " SASS and compute_"
                + minimum() + " PTX";
    }

    /**
     * Why {@code device} cannot run the kernels, e.g. "compute capability 7.0 below the 7.5 the
     * kernels are built for"; empty when it can.
     */
    public static Optional<String> unsupportedReason(CudaDeviceInfo device) {
        return unsupportedReason(device, minimum());
    }

    static Optional<String> unsupportedReason(CudaDeviceInfo device, int minimum) {
        if (device.computeMajor() * 10 + device.computeMinor() >= minimum) return Optional.empty();
        return Optional.of("compute capability " + device.computeMajor() + "." + device.computeMinor() + " below the "
                + minimum / 10 + "." + minimum % 10 + " the kernels are built for");
    }

    /** "major.minor" lines, with # comments and blank lines skipped, as major·10 + minor, ascending. */
    static List<Integer> parse(String text) {
        List<Integer> capabilities = text.lines().map(String::trim).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                .map(CudaArchitectures::capability).sorted().collect(Collectors.toUnmodifiableList());
        if (capabilities.isEmpty()) {
            throw new KernelResourceException(RESOURCE + " lists no CUDA architecture");
        }
        return capabilities;
    }

    private static int capability(String line) {
        String[] parts = line.split("\\.");
        try {
            if (parts.length == 2) return Integer.parseInt(parts[0]) * 10 + Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new KernelResourceException(RESOURCE + ": '" + line + "' is not a compute capability major.minor");
    }

    private static String read() {
        try (InputStream in = CudaArchitectures.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new KernelResourceException(RESOURCE + " not found on the classpath");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new KernelResourceException("cannot read " + RESOURCE, e);
        }
    }
}
