package org.equikern.device.cuda;

import jcuda.nvrtc.JNvrtc;
import jcuda.nvrtc.nvrtcProgram;
import jcuda.nvrtc.nvrtcResult;
import org.equikern.device.KernelBuildException;
import org.equikern.device.kernel.GeneratedProgram;

/**
 * CUDA's run-time compiler through JCuda's {@code jcuda.nvrtc.JNvrtc}, probed once without
 * throwing: JCuda 12.6's binding links {@code libnvrtc.so.12}, which CUDA 13 installs and machines
 * without a toolkit lack, so where it does not load {@link #unavailableReason()} says why and the
 * tensor product keeps its ahead-of-time kernels.
 */
final class Nvrtc {
    private static final String REASON = probe();

    private Nvrtc() {}

    /** Why NVRTC cannot be used here, or null when it loaded. */
    static String unavailableReason() {
        return REASON;
    }

    private static String probe() {
        try {
            int[] major = new int[1];
            int[] minor = new int[1];
            int result = JNvrtc.nvrtcVersion(major, minor);
            return result == nvrtcResult.NVRTC_SUCCESS ? null
                    : "nvrtcVersion failed: " + nvrtcResult.stringFor(result);
        } catch (LinkageError e) {
            return "NVRTC did not load through JCuda (it needs libnvrtc.so.12): " + e.getMessage();
        }
    }

    /**
     * PTX of {@code program} for compute capability {@code major.minor}.
     *
     * @throws KernelBuildException with NVRTC's log when the program does not compile
     */
    static String ptx(GeneratedProgram program, int major, int minor) {
        nvrtcProgram handle = new nvrtcProgram();
        check(JNvrtc.nvrtcCreateProgram(handle, program.source(), program.name() + ".cu", 0, null, null),
                "nvrtcCreateProgram", program);
        try {
            String[] options = {"--gpu-architecture=compute_" + major + minor, "--std=c++17"};
            int result = JNvrtc.nvrtcCompileProgram(handle, options.length, options);
            if (result != nvrtcResult.NVRTC_SUCCESS) {
                String[] log = new String[1];
                JNvrtc.nvrtcGetProgramLog(handle, log);
                throw new KernelBuildException("NVRTC could not compile generated program " + program.name() + ": "
                        + nvrtcResult.stringFor(result) + "\n" + log[0], null);
            }
            String[] ptx = new String[1];
            check(JNvrtc.nvrtcGetPTX(handle, ptx), "nvrtcGetPTX", program);
            return ptx[0];
        } finally {
            JNvrtc.nvrtcDestroyProgram(handle);
        }
    }

    private static void check(int result, String call, GeneratedProgram program) {
        if (result != nvrtcResult.NVRTC_SUCCESS) {
            throw new KernelBuildException(call + " failed for generated program " + program.name() + ": "
                    + nvrtcResult.stringFor(result), null);
        }
    }
}
