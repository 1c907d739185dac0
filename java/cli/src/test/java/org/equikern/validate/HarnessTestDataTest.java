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
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;

/** Every reference file in test-data, through the harness, on java and OpenCL, both precisions. */
class HarnessTestDataTest {
    private static Path testData() throws URISyntaxException {
        return Path.of(HarnessTestDataTest.class.getResource("/test-data").toURI());
    }

    @Test
    void everyReferenceCasePassesOnJavaAndOpenCl() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<CaseResult> results;
        try (Device java = Devices.open("java"); Device opencl = Devices.open("opencl:0")) {
            Harness harness = new Harness(ReferenceKinds.all(), List.of(Precision.F64, Precision.F32),
                    List.of(java, opencl), new PrintStream(text, true, StandardCharsets.UTF_8));
            results = harness.run(List.of(testData()));
        }
        String table = text.toString(StandardCharsets.UTF_8);
        List<String> failed = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                .collect(Collectors.toList());
        assertTrue(failed.isEmpty(), "failed: " + failed);
        assertTrue(results.size() > 150, "too few cases: " + results.size());
        for (String kind : List.of("wigner_3j", "wigner_D", "spherical_harmonics", "tensor_product", "linear",
                "gate", "norm_activation", "edge_embedding")) {
            assertTrue(table.contains("\n" + kind + " ") || table.startsWith(kind + " "), "no " + kind + " line");
        }
        assertTrue(table.contains(" opencl:0 f64 ") && table.contains(" opencl:0 f32 "), table);
        assertTrue(table.endsWith(results.size() + " passed, 0 failed" + System.lineSeparator()));
    }

    @Test
    void hostKindsRunOnceDeviceKindsOnEveryDevice() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        try (Device java = Devices.open("java"); Device opencl = Devices.open("opencl:0")) {
            new Harness(ReferenceKinds.all(), List.of(Precision.F64), List.of(java, opencl),
                    new PrintStream(text, true, StandardCharsets.UTF_8))
                    .run(List.of(testData().resolve("e3nn/wigner_3j.json"),
                            testData().resolve("e3nn/tensor_product.json")));
        }
        List<String> lines = text.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        long w3j = lines.stream().filter(l -> l.startsWith("wigner_3j ")).count();
        long w3jHost = lines.stream().filter(l -> l.startsWith("wigner_3j ") && l.contains(" host f64 ")).count();
        long tpJava = lines.stream().filter(l -> l.startsWith("tensor_product ") && l.contains(" java f64 ")).count();
        long tpOpenCl = lines.stream().filter(l -> l.startsWith("tensor_product ") && l.contains(" opencl:0 f64 "))
                .count();
        assertEquals(w3j, w3jHost);
        assertTrue(tpJava > 0);
        assertEquals(tpJava, tpOpenCl);
    }
}
