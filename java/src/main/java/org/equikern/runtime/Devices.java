package org.equikern.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equikern.device.Device;
import org.equikern.device.DeviceDescription;
import org.equikern.device.DeviceKind;
import org.equikern.device.cuda.CudaDevice;
import org.equikern.device.java.JavaDevice;
import org.equikern.device.opencl.OpenClDevice;
import org.equikern.nativeloader.CudaArchitectures;
import org.equikern.nativeloader.CudaDeviceInfo;
import org.equikern.nativeloader.CudaProbe;
import org.equikern.nativeloader.OpenClDeviceInfo;
import org.equikern.nativeloader.OpenClDeviceType;
import org.equikern.nativeloader.OpenClProbe;
import org.equikern.nativeloader.ProbeResult;

/**
 * Discovery and choice of devices. Names: {@code java}; {@code opencl:<i>} for the i-th OpenCL
 * device over all platforms in probe order, {@code opencl} for the first OpenCL GPU (else the
 * first OpenCL device); {@code cuda:<i>} for CUDA ordinal i, {@code cuda} for {@code cuda:0}.
 *
 * <p>Default choice ({@link #defaultDevice()}): an explicit name wins, from the system property
 * {@value #PROPERTY}, then the environment variable {@value #ENV}; otherwise a real GPU, CUDA
 * first (the first whose compute capability the CUDA kernels are built for), then an OpenCL
 * GPU; otherwise {@code java}. A CPU OpenCL device (such as PoCL) is used
 * only when asked for by name.
 *
 * <p>Probing happens once per process, on first use. Every {@code open} returns a new device
 * that the caller closes.
 */
public final class Devices {
    /** System property naming the default device. */
    public static final String PROPERTY = "equikern.device";
    /** Environment variable naming the default device, read when the property is not set. */
    public static final String ENV = "EQUIKERN_DEVICE";

    private static final Pattern NAME = Pattern.compile("(java|opencl|cuda)(?::(\\d+))?");

    private Devices() {}

    /**
     * Every device of every backend, and every unavailable backend with its reason.
     *
     * @return a new list, the Java device first
     */
    public static List<DeviceDescription> list() {
        List<DeviceDescription> out = new ArrayList<>();
        try (JavaDevice java = new JavaDevice()) {
            out.add(new DeviceDescription(JavaDevice.NAME, DeviceKind.JAVA, true, java.describe()));
        }
        ProbeResult<OpenClDeviceInfo> opencl = OpenClProbe.result();
        if (opencl.isAvailable()) {
            for (int i = 0; i < opencl.devices().size(); i++) {
                out.add(new DeviceDescription("opencl:" + i, DeviceKind.OPENCL, true,
                        opencl.devices().get(i).describe()));
            }
        } else {
            out.add(new DeviceDescription("opencl", DeviceKind.OPENCL, false, opencl.reason()));
        }
        ProbeResult<CudaDeviceInfo> cuda = CudaProbe.result();
        if (cuda.isAvailable()) {
            for (CudaDeviceInfo info : cuda.devices()) {
                Optional<String> unsupported = CudaArchitectures.unsupportedReason(info);
                out.add(new DeviceDescription("cuda:" + info.ordinal(), DeviceKind.CUDA, unsupported.isEmpty(),
                        unsupported.map(reason -> info.describe() + ": " + reason).orElse(info.describe())));
            }
        } else {
            out.add(new DeviceDescription("cuda", DeviceKind.CUDA, false, cuda.reason()));
        }
        return out;
    }

    /**
     * Opens the device with this name.
     *
     * @param name {@code java}, {@code opencl}, {@code opencl:N}, {@code cuda} or {@code cuda:N}
     * @return the device, owned by the caller
     * @throws IllegalArgumentException for an unknown name or index, e.g. "unknown device 'cdua';
     *     known: java, opencl, cuda"
     * @throws IllegalStateException when the backend is unavailable, with its reason
     */
    public static Device open(String name) {
        // The heap device needs no probe: loading OpenCL or CUDA libraries is not free (PoCL, for
        // one, installs signal handlers in the process).
        if (name != null && name.trim().equals(JavaDevice.NAME)) return new JavaDevice();
        String canonical = resolve(name, OpenClProbe.result(), CudaProbe.result());
        int colon = canonical.indexOf(':');
        if (colon < 0) return new JavaDevice();
        int index = Integer.parseInt(canonical.substring(colon + 1));
        if (canonical.startsWith("opencl")) {
            return OpenClDevice.open(canonical, OpenClProbe.result().devices().get(index));
        }
        return CudaDevice.open(canonical, CudaProbe.result().devices().get(index));
    }

    /**
     * Checks that {@code name} is a device name {@link #open} accepts, without probing any backend: for a
     * configuration read where the device will not be opened (a Spark driver for its executors).
     *
     * @param name the name to check
     * @return the name, trimmed
     * @throws IllegalArgumentException for a name {@link #open} rejects whatever the machine, e.g. "unknown
     *     device 'cdua'; known: java, opencl, cuda"
     */
    public static String checkName(String name) {
        Matcher m = NAME.matcher(name == null ? "" : name.trim());
        if (!m.matches() || (m.group(1).equals("java") && m.group(2) != null)) {
            throw new IllegalArgumentException("unknown device '" + name + "'; known: java, opencl, cuda");
        }
        return name.trim();
    }

    /**
     * Opens {@link #defaultDeviceName()}.
     *
     * @return the device, owned by the caller
     * @throws IllegalArgumentException when the configured name is unknown
     * @throws IllegalStateException when the configured backend is unavailable
     */
    public static Device defaultDevice() {
        return open(defaultDeviceName());
    }

    /**
     * The name {@link #defaultDevice()} opens, by the rules in the class comment.
     *
     * @return the name
     */
    public static String defaultDeviceName() {
        return chooseDefault(System.getProperty(PROPERTY), System.getenv(ENV), OpenClProbe.result(),
                CudaProbe.result());
    }

    static String chooseDefault(String property, String env, ProbeResult<OpenClDeviceInfo> opencl,
            ProbeResult<CudaDeviceInfo> cuda) {
        if (property != null && !property.isBlank()) return property.trim();
        if (env != null && !env.isBlank()) return env.trim();
        int cudaDevice = firstSupportedCuda(cuda);
        if (cudaDevice >= 0) return "cuda:" + cudaDevice;
        int gpu = firstOpenClGpu(opencl);
        return gpu >= 0 ? "opencl:" + gpu : JavaDevice.NAME;
    }

    /** The canonical name ({@code java}, {@code opencl:<i>}, {@code cuda:<i>}) of an openable device. */
    static String resolve(String name, ProbeResult<OpenClDeviceInfo> opencl, ProbeResult<CudaDeviceInfo> cuda) {
        Matcher m = NAME.matcher(checkName(name));
        m.matches(); // checkName matched it already: this fills in the groups
        String backend = m.group(1);
        if (backend.equals("java")) return JavaDevice.NAME;
        ProbeResult<?> probe = backend.equals("opencl") ? opencl : cuda;
        if (!probe.isAvailable()) {
            throw new IllegalStateException("device '" + name + "' is unavailable: " + probe.reason());
        }
        int count = probe.devices().size();
        int index;
        if (m.group(2) != null) {
            index = parseIndex(m.group(2));
        } else {
            index = Math.max(0, backend.equals("opencl") ? firstOpenClGpu(opencl) : firstSupportedCuda(cuda));
        }
        if (index >= count) {
            throw new IllegalArgumentException("unknown device '" + name + "': " + backend + " has " + count
                    + " device(s), " + backend + ":0 to " + backend + ":" + (count - 1));
        }
        if (backend.equals("cuda")) {
            CudaDeviceInfo info = cuda.devices().get(index);
            Optional<String> unsupported = CudaArchitectures.unsupportedReason(info);
            if (unsupported.isPresent()) {
                throw new IllegalStateException("device 'cuda:" + index + "' (" + info.name() + ") is unavailable: "
                        + unsupported.get());
            }
        }
        return backend + ":" + index;
    }

    private static int parseIndex(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }

    /** The index of the first CUDA device the kernels are built for, or -1. */
    private static int firstSupportedCuda(ProbeResult<CudaDeviceInfo> cuda) {
        List<CudaDeviceInfo> devices = cuda.devices();
        for (int i = 0; i < devices.size(); i++) {
            if (CudaArchitectures.unsupportedReason(devices.get(i)).isEmpty()) return i;
        }
        return -1;
    }

    private static int firstOpenClGpu(ProbeResult<OpenClDeviceInfo> opencl) {
        List<OpenClDeviceInfo> devices = opencl.devices();
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).type() == OpenClDeviceType.GPU) return i;
        }
        return -1;
    }
}
