package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The limits read back from JMH rows, against hand-computed bandwidth and FLOP rates. */
class MachineLimitsTest {
    private static final Map<String, Object> TRIAD =
            JmhRuns.run("MemoryBandwidthBenchmark.triad", Map.of("elements", "16777216"), 10, 10);
    private static final Map<String, Object> FMA32 =
            JmhRuns.run("FmaPeakBenchmark.fmaPeak", Map.of("precision", "f32"), 2, 2);
    private static final Map<String, Object> FMA64 =
            JmhRuns.run("FmaPeakBenchmark.fmaPeak", Map.of("precision", "f64"), 4, 4);

    @Test
    void bandwidthAndPeaksFromTheirRows() {
        MachineLimits limits = MachineLimits.from(List.of(TRIAD, FMA32, FMA64));
        // 3 arrays × 8 bytes × 2^24 elements in 10 ms.
        assertEquals(24.0 * 16_777_216 / 0.010 / 1e9, limits.bandwidthGBs, 1e-9);
        // 256 tasks × 2^19 lane-FMAs × 2 FLOP = 2^28 FLOP, in 2 ms and 4 ms.
        assertEquals(268_435_456 / 0.002 / 1e9, limits.peakGflops("f32"), 1e-9);
        assertEquals(268_435_456 / 0.004 / 1e9, limits.peakGflops("f64"), 1e-9);
    }

    @Test
    void everyVectorWidthDoesTheSameWork() {
        for (int lanes : new int[] {2, 4, 8, 16}) {
            assertEquals(MachineLimits.LANE_FMAS_PER_TASK,
                    (long) MachineLimits.fmaIterations(lanes) * lanes * MachineLimits.ACCUMULATORS);
        }
    }

    @Test
    void aPrecisionNotRunHasNoPeakAndNoTriadMeansNoLimits() {
        assertTrue(Double.isNaN(MachineLimits.from(List.of(TRIAD, FMA32)).peakGflops("f64")));
        assertNull(MachineLimits.from(List.of(FMA32, FMA64)));
    }
}
