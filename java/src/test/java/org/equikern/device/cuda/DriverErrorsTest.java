package org.equikern.device.cuda;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jcuda.driver.CUresult;
import org.junit.jupiter.api.Test;

/** The CUDA device's error rules, without a driver: fabricated results of driver calls. */
class DriverErrorsTest {
    @Test
    void successPassesAndOrdinaryErrorsNameTheCallButLeaveTheDeviceUsable() {
        DriverErrors errors = new DriverErrors("cuda:0");
        assertDoesNotThrow(() -> errors.check(CUresult.CUDA_SUCCESS, "cuMemAlloc"));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> errors.check(CUresult.CUDA_ERROR_OUT_OF_MEMORY, "cuMemAlloc"));
        assertEquals("cuMemAlloc failed on device cuda:0: CUDA_ERROR_OUT_OF_MEMORY", e.getMessage());
        assertFalse(errors.unusable());
        assertDoesNotThrow(errors::checkUsable);
    }

    @Test
    void anAsynchronousErrorIsStickyAndNamesTheKernelLaunchedBeforeIt() {
        DriverErrors errors = new DriverErrors("cuda:0");
        errors.launched("tp_couple");
        errors.launched("tp_forward_uvu");
        IllegalStateException first = assertThrows(IllegalStateException.class,
                () -> errors.check(CUresult.CUDA_ERROR_ILLEGAL_ADDRESS, "cuMemcpyDtoHAsync"));
        String expected = "device cuda:0 is unusable after CUDA_ERROR_ILLEGAL_ADDRESS in tp_forward_uvu "
                + "(reported by cuMemcpyDtoHAsync)";
        assertEquals(expected, first.getMessage());
        assertTrue(errors.unusable());
        errors.launched("linear_forward");
        assertEquals(expected, assertThrows(IllegalStateException.class, errors::checkUsable).getMessage(),
                "later work is refused with the first error, not the next op's");
        assertEquals(expected, errors.failed("CUDA_ERROR_LAUNCH_FAILED", "cuLaunchKernel").getMessage());
    }

    @Test
    void jcudaExceptionMessagesAreClassifiedByName() {
        DriverErrors errors = new DriverErrors("cuda:1");
        assertEquals("cuModuleLoadData failed on device cuda:1: CUDA_ERROR_NO_BINARY_FOR_GPU",
                errors.failed(CUresult.stringFor(CUresult.CUDA_ERROR_NO_BINARY_FOR_GPU), "cuModuleLoadData")
                        .getMessage());
        assertFalse(errors.unusable());
        errors.failed(CUresult.stringFor(CUresult.CUDA_ERROR_LAUNCH_TIMEOUT), "cuStreamSynchronize");
        assertEquals("device cuda:1 is unusable after CUDA_ERROR_LAUNCH_TIMEOUT in no kernel "
                + "(reported by cuStreamSynchronize)", assertThrows(IllegalStateException.class,
                        errors::checkUsable).getMessage());
    }

    @Test
    void launchSizesAreCheckedBeforeTheDriver() {
        assertEquals(1, CudaKernel.blocks("k", 1, "cuda:0"));
        assertEquals(4, CudaKernel.blocks("k", 3 * CudaDevice.BLOCK_SIZE + 1, "cuda:0"));
        assertEquals(Integer.MAX_VALUE, CudaKernel.blocks("k", CudaKernel.MAX_THREADS, "cuda:0"));
        long tooMany = CudaKernel.MAX_THREADS + 1;
        assertEquals("kernel tp_forward: " + tooMany + " work items, above the limit " + CudaKernel.MAX_THREADS
                        + " of device cuda:0",
                assertThrows(IllegalArgumentException.class, () -> CudaKernel.blocks("tp_forward", tooMany, "cuda:0"))
                        .getMessage());
    }
}
