package org.equikern.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.equikern.device.Device;
import org.equikern.group.IrrepsLayout;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;

/**
 * The e3nn tensor-product references of test-data (every mode: uvw, uvu, uvv, uuw, uuu, uvuv,
 * uvu&lt;v, u&lt;vw) through the harness on OpenCL, both precisions and both layouts, with the
 * generated per-plan kernels forced ({@code -Dequikern.kernels=generated}): in {@code ir_mul} the
 * kernels index the converted references' rows themselves.
 */
class GeneratedKernelsHarnessTest {
    private static final String PROPERTY = "equikern.kernels";

    private static Path testData() throws URISyntaxException {
        return Path.of(GeneratedKernelsHarnessTest.class.getResource("/test-data").toURI());
    }

    @Test
    void everyTensorProductReferencePassesThroughTheGeneratedKernels() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<CaseResult> results;
        String before = System.getProperty(PROPERTY);
        System.setProperty(PROPERTY, "generated");
        try (Device opencl = Devices.open("opencl:0")) {
            Harness harness = new Harness(ReferenceKinds.all(), List.of(Precision.F64, Precision.F32),
                    List.of(opencl), List.of(IrrepsLayout.MUL_IR, IrrepsLayout.IR_MUL),
                    new PrintStream(text, true, StandardCharsets.UTF_8));
            results = harness.run(List.of(testData().resolve("e3nn/tensor_product.json"),
                    testData().resolve("e3nn_extra/tensor_product_extra.json"),
                    testData().resolve("e3nn_extra/tensor_product_channelwise.json")));
        } finally {
            if (before == null) System.clearProperty(PROPERTY); else System.setProperty(PROPERTY, before);
        }
        List<String> failed = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                .collect(Collectors.toList());
        assertTrue(failed.isEmpty(), "failed: " + failed);
        // 7 + 4 + 2 cases, each in f64 and f32, each in mul_ir and ir_mul
        assertEquals(52, results.size(), text.toString(StandardCharsets.UTF_8));
        assertEquals(26, results.stream().filter(r -> r.layout() == IrrepsLayout.IR_MUL).count());
    }
}
