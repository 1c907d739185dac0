package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The roofline arithmetic on hand-computed cases. */
class RooflineTest {
    private static final double TOLERANCE = 1e-9;

    @Test
    void computeBoundWhenTheFlopsAtPeakTakeLongerThanTheBytes() {
        // 1 GFLOP and 0.1 GB in 10 ms against 200 GFLOP/s and 40 GB/s: 5 ms at peak, 2.5 ms at bandwidth.
        Roofline r = new Roofline(10, 1e9, 1e8, 200, 40);
        assertEquals(100, r.gflops(), TOLERANCE);
        assertEquals(10, r.gbs(), TOLERANCE);
        assertEquals(50, r.percentOfPeak(), TOLERANCE);
        assertEquals(25, r.percentOfBandwidth(), TOLERANCE);
        assertEquals("compute", r.bound());
        assertEquals(50, r.percentOfRoofline(), TOLERANCE);
    }

    @Test
    void memoryBoundWhenTheBytesTakeLonger() {
        // 0.1 GFLOP and 0.4 GB in 20 ms: 0.5 ms at peak, 10 ms at bandwidth.
        Roofline r = new Roofline(20, 1e8, 4e8, 200, 40);
        assertEquals("memory", r.bound());
        assertEquals(50, r.percentOfRoofline(), TOLERANCE);
        assertEquals(50, r.percentOfBandwidth(), TOLERANCE);
        assertEquals(2.5, r.percentOfPeak(), TOLERANCE);
    }

    @Test
    void withoutAFlopCountOnlyTheBytesBound() {
        Roofline r = new Roofline(10, Double.NaN, 1e8, 200, 40);
        assertTrue(Double.isNaN(r.gflops()));
        assertTrue(Double.isNaN(r.percentOfPeak()));
        assertEquals("memory", r.bound());
        assertEquals(25, r.percentOfRoofline(), TOLERANCE);
    }

    @Test
    void withoutAMeasuredPeakOnlyTheBytesBound() {
        Roofline r = new Roofline(10, 1e9, 1e8, Double.NaN, 40);
        assertEquals(100, r.gflops(), TOLERANCE);
        assertEquals("memory", r.bound());
        assertEquals(25, r.percentOfRoofline(), TOLERANCE);
    }

    @Test
    void rejectsANonPositiveTime() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new Roofline(0, 1, 1, 1, 1));
        assertTrue(e.getMessage().contains("ms must be > 0, got 0.0"), e.getMessage());
    }
}
