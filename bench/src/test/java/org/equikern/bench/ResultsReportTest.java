package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Rendered rows: a workload's ratio against e3nn's minimum, both spreads and the roofline columns;
 * a benchmark without a workload in the other table.
 */
class ResultsReportTest {
    private static final Map<String, String> FCTP_F32 =
            Map.of("workload", "fctp_uvw_128", "precision", "f32", "backend", "java", "scale", "1.0");

    @Test
    void ratiosUseE3nnsMinimumAndTheRowShowsBothSpreads() throws IOException {
        List<?> runs = List.of(
                JmhRuns.run("MemoryBandwidthBenchmark.triad", Map.of("elements", "1000"), 0.001, 0.001),
                JmhRuns.run("FmaPeakBenchmark.fmaPeak", Map.of("precision", "f32"), 2, 2),
                JmhRuns.run("FmaPeakBenchmark.fmaPeak", Map.of("precision", "f64"), 4, 4),
                JmhRuns.run("TensorProductBenchmark.forward", FCTP_F32, 8.0, 7.5, 8.5),
                JmhRuns.run("GemmBenchmark.multiply", Map.of("kernel", "netlib"), 12.5, 12.0, 13.0));
        OracleRuns e3nn = OracleRuns.parse(List.of("fctp_uvw_128 batch=2000 fwd_ms=40.0 fwdbwd_ms=90.0",
                "fctp_uvw_128 batch=2000 fwd_ms=16.0 fwdbwd_ms=60.0"));
        String md = ResultsReport.render(runs, e3nn, MachinePeak.read(), "test");
        // The triad row: 24 000 bytes in 1 µs = 24 GB/s.
        assertTrue(md.contains("memory bandwidth 24.0 GB/s"), md);
        // 2000 items in 8 ms against e3nn's fastest 16 ms: 2×. Bytes: 4 × (2000 × 1028 + 65 536) in 8 ms.
        String row = "| fctp_uvw_128 | fwd | java | f32 | 2000 | 8.0 | 7.5–8.5 | 2.500e+05 | 16.0–40.0 (2) | 2.00 |";
        assertTrue(md.contains(row), md);
        // At least 65 536 multiply-adds per item at 134 GFLOP/s take longer than the bytes at 24 GB/s.
        assertTrue(md.contains("| 1.06 | 4.4% | compute |"), md);
        // A benchmark without a workload goes to the other table, with its parameters.
        assertTrue(md.contains("| GemmBenchmark.multiply | kernel=netlib | 12.500 | 12.000–13.000 |"), md);
    }
}
