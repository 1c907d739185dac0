package org.equikern.device.kernel;

import org.equikern.device.DType;

/** A launcher that only answers what the kernel choices ask (device type, run-time compilation); launches throw. */
public final class StubLauncher {
    private StubLauncher() {}

    /**
     * The stub.
     *
     * @param hostCpu whether it stands for a CPU device
     * @param unavailable why generated programs are unavailable, or null
     * @return the launcher
     */
    public static KernelLauncher of(boolean hostCpu, String unavailable) {
        return new KernelLauncher() {
            @Override
            public void launch(KernelSignature kernel, DType precision, long globalSize, Object... args) {
                throw new UnsupportedOperationException();
            }

            @Override
            public boolean supportsFloat64Atomics() {
                return false;
            }

            @Override
            public boolean hostCpu() {
                return hostCpu;
            }

            @Override
            public KernelDialect dialect() {
                return KernelDialect.CUDA_C;
            }

            @Override
            public String generatedProgramsUnavailable() {
                return unavailable;
            }

            @Override
            public void launch(GeneratedProgram program, KernelSignature kernel, DType precision, long globalSize,
                    Object... args) {
                throw new UnsupportedOperationException();
            }
        };
    }
}
