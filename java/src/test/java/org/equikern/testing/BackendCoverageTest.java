package org.equikern.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.equikern.testing.BackendCoverage.Backend;
import org.junit.jupiter.api.Test;

class BackendCoverageTest {
    private static Optional<Backend> of(String className) throws ClassNotFoundException {
        return Backend.of(Class.forName(className));
    }

    @Test
    void perBackendContractClassesAreClassifiedByPrefix() throws Exception {
        assertEquals(Optional.of(Backend.JAVA), of("org.equikern.ops.tensorproduct.JavaConvolutionTest"));
        assertEquals(Optional.of(Backend.OPENCL), of("org.equikern.ops.tensorproduct.OpenClTensorProductOpTest"));
        assertEquals(Optional.of(Backend.CUDA), of("org.equikern.device.cuda.CudaDeviceTest"));
        // Named like a backend but not a device contract (it checks packaged fatbins, no GPU needed).
        assertEquals(Optional.empty(), of("org.equikern.device.cuda.CudaKernelBinariesTest"));
        assertEquals(Optional.empty(), of("org.equikern.check.BadCallsTest"));
    }

    @Test
    void lineGivesCountsSkipsWithReasonsAndBackendsNotRun() {
        BackendCoverage coverage = new BackendCoverage();
        assertEquals("java: not run, opencl: not run, cuda: not run", coverage.line());
        coverage.ran(Backend.JAVA);
        coverage.ran(Backend.JAVA);
        coverage.ran(Backend.OPENCL);
        coverage.skipped(Backend.OPENCL, "no fp64");
        coverage.skipped(Backend.CUDA, "no CUDA GPU: libcuda.so.1 not found");
        coverage.skipped(Backend.CUDA, "no CUDA GPU: libcuda.so.1 not found");
        assertEquals("java: 2 tests, opencl: 1 tests, 1 skipped (no fp64), "
                + "cuda: skipped (no CUDA GPU: libcuda.so.1 not found)", coverage.line());
    }
}
