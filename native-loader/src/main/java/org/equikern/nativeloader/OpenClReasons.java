package org.equikern.nativeloader;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Turns OpenCL probe failures into reasons a user can act on. */
final class OpenClReasons {
    static final String POCL_PLATFORM = "Portable Computing Language";

    private OpenClReasons() {}

    /** JOCL could not load {@code libOpenCL.so} or its own native library. */
    static String linkFailure(Throwable error) {
        String message = String.valueOf(error.getMessage());
        if (message.contains("libOpenCL")) {
            return "libOpenCL.so not loadable: install ocl-icd-opencl-dev (JOCL loads the unversioned "
                    + "libOpenCL.so, which only the -dev package provides) [" + message + "]";
        }
        return "JOCL native library not loadable on this platform: " + error;
    }

    /** The ICD loader works but lists no platform. */
    static String noPlatform() {
        return "no OpenCL platform: install an ICD such as pocl-opencl-icd, or a GPU vendor's OpenCL driver";
    }

    /** Platforms exist but none reports a device. */
    static String noDevices(List<String> platformNames, Map<String, String> env) {
        if (platformNames.contains(POCL_PLATFORM)) {
            Path cache = poclCacheDir(env);
            if (!creatableOrWritable(cache)) {
                return "PoCL found no devices: POCL_CACHE_DIR '" + cache + "' is not writable; "
                        + "set POCL_CACHE_DIR to a writable folder";
            }
            return "PoCL found no devices although its cache folder '" + cache + "' is writable; "
                    + "check POCL_DEVICES and run clinfo";
        }
        return "OpenCL platforms " + platformNames + " report no devices: check the driver with clinfo";
    }

    /** PoCL's kernel cache folder: POCL_CACHE_DIR, else $XDG_CACHE_HOME/pocl, else ~/.cache/pocl. */
    static Path poclCacheDir(Map<String, String> env) {
        String explicit = env.get("POCL_CACHE_DIR");
        if (explicit != null && !explicit.isEmpty()) return Path.of(explicit);
        String xdg = env.get("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isEmpty()) return Path.of(xdg, "pocl");
        return Path.of(System.getProperty("user.home"), ".cache", "pocl");
    }

    /** True when the folder is writable, or does not exist and its nearest existing parent is a writable folder. */
    static boolean creatableOrWritable(Path dir) {
        Path p = dir.toAbsolutePath();
        while (p != null && !Files.exists(p)) p = p.getParent();
        return p != null && Files.isDirectory(p) && Files.isWritable(p);
    }
}
