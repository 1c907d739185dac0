package org.equikern.device.cuda;

import org.equikern.nativeloader.CudaDeviceInfo;
import org.equikern.nativeloader.CudaProbe;
import org.equikern.nativeloader.ProbeResult;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Disables a CUDA test class, with the probe's reason, where no usable CUDA GPU is present. A
 * disabled class is reported as skipped with that reason (an assumption failing in
 * {@code @BeforeAll} would abort the class, and surefire would count neither its tests nor a skip).
 */
public final class CudaAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        ProbeResult<CudaDeviceInfo> probe = CudaProbe.result();
        return probe.isAvailable()
                ? ConditionEvaluationResult.enabled("CUDA GPU present")
                : ConditionEvaluationResult.disabled("no CUDA GPU: " + probe.reason());
    }
}
