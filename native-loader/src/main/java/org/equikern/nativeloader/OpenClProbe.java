package org.equikern.nativeloader;

/**
 * Finds OpenCL platforms and devices through JOCL, once, on first use, from any thread.
 *
 * <p>Never throws: a missing {@code libOpenCL.so}, a missing ICD, or a driver that reports no
 * devices all become an unavailable {@link ProbeResult} whose reason says what to install or
 * set, and so does JOCL missing from the class path (it is optional). Equikern runs JOCL with
 * exceptions enabled ({@code CL.setExceptionsEnabled}); the probe switches them on as its first
 * call into JOCL.
 */
public final class OpenClProbe {
    private OpenClProbe() {}

    private static final class Holder {
        static final ProbeResult<OpenClDeviceInfo> RESULT = probe();
    }

    /** The probe result, computed on the first call and shared afterwards. */
    public static ProbeResult<OpenClDeviceInfo> result() {
        return Holder.RESULT;
    }

    private static ProbeResult<OpenClDeviceInfo> probe() {
        if (!ClassPath.has("org.jocl.CL")) {
            return ProbeResult.unavailable("JOCL is not on the class path (org.jocl:jocl)");
        }
        return OpenClPlatformQuery.probe();
    }
}
