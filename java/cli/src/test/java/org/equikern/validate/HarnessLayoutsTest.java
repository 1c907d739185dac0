package org.equikern.validate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.equikern.device.Device;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;

/**
 * The harness in both irreps layouts: e3nn's references for the kinds whose ops take irreps
 * features (linear, gate, norm activation, tensor products) pass through the {@code ir_mul} ops
 * on Java and OpenCL in both precisions, once per layout; other kinds run once.
 */
class HarnessLayoutsTest {
    private static final List<String> FILES = List.of("e3nn/linear.json", "e3nn/gate.json",
            "e3nn_extra/norm_activation.json", "e3nn_extra/tensor_product_channelwise.json",
            "e3nn/wigner_D.json");

    private static Path testData(String name) throws URISyntaxException {
        return Path.of(HarnessLayoutsTest.class.getResource("/test-data/" + name).toURI());
    }

    @Test
    void everyLayoutKindPassesInIrMulAsInMulIr() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<CaseResult> results;
        try (Device java = Devices.open("java"); Device opencl = Devices.open("opencl:0")) {
            Harness harness = new Harness(ReferenceKinds.all(), List.of(Precision.F64, Precision.F32),
                    List.of(java, opencl), List.of(IrrepsLayout.MUL_IR, IrrepsLayout.IR_MUL),
                    new PrintStream(text, true, StandardCharsets.UTF_8));
            List<Path> paths = FILES.stream().map(f -> {
                try {
                    return testData(f);
                } catch (URISyntaxException e) {
                    throw new IllegalStateException(e);
                }
            }).collect(Collectors.toList());
            results = harness.run(paths);
        }
        List<String> failed = results.stream().filter(r -> !r.passed()).map(CaseResult::line)
                .collect(Collectors.toList());
        assertTrue(failed.isEmpty(), "failed: " + failed);
        List<String> lines = text.toString(StandardCharsets.UTF_8).lines().collect(Collectors.toList());
        for (String kind : List.of("linear", "gate", "norm_activation", "tensor_product")) {
            for (String how : List.of(" java f64", " opencl:0 f32")) {
                long mulIr = count(lines, kind, how + " ");
                assertTrue(mulIr > 0, kind + how);
                assertEquals(mulIr, count(lines, kind, how + "/ir_mul "), kind + how + " in ir_mul");
            }
        }
        assertFalse(lines.stream().anyMatch(l -> l.startsWith("wigner_D ") && l.contains("ir_mul")), "wigner_D");
    }

    private static long count(List<String> lines, String kind, String how) {
        return lines.stream().filter(l -> l.startsWith(kind + " ") && l.contains(how)).count();
    }

    @Test
    void aContextConvertsReferencesIntoItsLayoutAndResultsBack() {
        Irreps irreps = Irreps.parse("1x0e+2x1o");
        double[] mulIr = {9, 1, 2, 3, 4, 5, 6};
        double[] irMul = {9, 1, 4, 2, 5, 3, 6};
        try (Device java = Devices.open("java")) {
            ValidationContext context = new ValidationContext(java, Precision.F64, IrrepsLayout.IR_MUL);
            assertArrayEquals(irMul, context.toLayout(irreps, mulIr));
            assertArrayEquals(mulIr, context.fromLayout(irreps, irMul));
        }
    }

    @Test
    void anIrMulLineSaysSo() {
        CaseResult r = new CaseResult("linear", "1x1o -> 1x1o", "java", Precision.F32, IrrepsLayout.IR_MUL,
                Comparison.of("out", new double[] {1}, new double[] {1}, Tolerance.of(Precision.F32, false)));
        assertEquals("linear 1x1o_->_1x1o java f32/ir_mul max_abs=0.000e+00 max_rel=0.000e+00 PASS", r.line());
    }
}
