package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.equikern.device.DType;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.tensorproduct.generated.TensorProductKernels;
import org.equikern.tp.Plan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The generated CUDA of every tensor-product benchmark workload compiles with
 * {@code nvcc -arch=sm_90 -cubin --resource-usage}, f32 and f64, on rows in either layout, and ptxas reports its
 * kernels; skipped, saying so, where nvcc is not on the PATH. Also the parsing of ptxas's report.
 */
class GeneratedCudaCompileTest {
    private static final List<String> KERNELS = List.of("tp_gen_forward", "tp_gen_grad_x1", "tp_gen_grad_x2",
            "tp_gen_grad_weights", "tp_gen_conv_forward", "tp_gen_conv_backward", "tp_gen_conv_grad_weights",
            "tp_gen_conv_double_backward", "tp_gen_conv_double_backward_out", "tp_gen_conv_double_backward_weights");

    @TempDir
    Path dir;

    @Test
    void everyWorkloadsGeneratedCudaCompilesForSm90() throws Exception {
        assumeTrue(CudaResourceUsage.nvccOnPath(), "nvcc is not on the PATH: the CUDA compile check needs it");
        Map<String, Plan> plans = KernelsReport.plans();
        assertEquals(List.of("nequip_conv_uvu", "mace_large_uvu", "fctp_uvw_32", "fctp_uvw_128"),
                List.copyOf(plans.keySet()));
        for (Map.Entry<String, Plan> e : plans.entrySet()) {
            for (DType precision : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                for (IrrepsLayout layout : IrrepsLayout.values()) {
                    compilesWithEveryKernel(e.getKey(), e.getValue(), precision, layout);
                }
            }
        }
    }

    private void compilesWithEveryKernel(String workload, Plan plan, DType precision, IrrepsLayout layout)
            throws Exception {
        Path source = KernelsReport.generatedSource(dir, workload, plan, precision, layout);
        List<String> names = CudaResourceUsage.compile(source, KernelsReport.cubin(dir, source, precision))
                .stream().map(CudaResourceUsage.Kernel::name).sorted().toList();
        List<String> expected = new ArrayList<>(KERNELS);
        // the staged forward exists where one edge's rows fit the shared-memory budget (StagingBudgetTest)
        if (TensorProductKernels.hasStagedConvolution(plan, precision, KernelDialect.CUDA_C)) {
            expected.add("tp_gen_conv_forward_staged");
        }
        assertEquals(expected.stream().sorted().toList(), names, workload + " " + precision + " " + layout.label());
    }

    @Test
    void parsesPtxasFiguresPerKernel() {
        String report = "ptxas info    : 0 bytes gmem\n"
                + "ptxas info    : Compiling entry function 'tp_forward_uvu' for 'sm_90'\n"
                + "ptxas info    : Function properties for tp_forward_uvu\n"
                + "    2880 bytes stack frame, 8 bytes spill stores, 12 bytes spill loads\n"
                + "ptxas info    : Used 140 registers, used 0 barriers, 2880 bytes cumulative stack size\n"
                + "ptxas info    : Compiling entry function 'small' for 'sm_90'\n"
                + "ptxas info    : Function properties for small\n"
                + "    0 bytes stack frame, 0 bytes spill stores, 0 bytes spill loads\n"
                + "ptxas info    : Used 10 registers, used 0 barriers\n";
        assertEquals(List.of(new CudaResourceUsage.Kernel("tp_forward_uvu", 140, 2880, 8, 12),
                new CudaResourceUsage.Kernel("small", 10, 0, 0, 0)), CudaResourceUsage.parse(report));
    }
}
