package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.junit.jupiter.api.Test;

/** The coalescing model against sector counts worked out by hand. */
class WarpSectorsTest {
    @Test
    void channelContiguousLoadsUseEveryFetchedByte() {
        // 32 channels of 1o, f32: each component's warp load is 128 contiguous bytes, 4 sectors
        assertEquals(1.0, WarpSectors.overfetch(Irreps.parse("32x1o"), IrrepsLayout.IR_MUL, 4), 0);
    }

    @Test
    void channelMajorLoadsOfVectorsStrideOverThreeElements() {
        // mul_ir 32x1o, f32: lane u reads byte 12u + 4k; 32 lanes span 384 bytes, 12 sectors of 32 B for 128 B used
        assertEquals(3.0, WarpSectors.overfetch(Irreps.parse("32x1o"), IrrepsLayout.MUL_IR, 4), 0);
        // 2e in f64: lane stride 40 B > 32 B, a sector per lane: 32 B fetched per 8 B used
        assertEquals(4.0, WarpSectors.overfetch(Irreps.parse("32x2e"), IrrepsLayout.MUL_IR, 8), 0);
    }

    @Test
    void scalarsLieAlikeInBothLayouts() {
        Irreps scalars = Irreps.parse("64x0e");
        assertEquals(1.0, WarpSectors.overfetch(scalars, IrrepsLayout.MUL_IR, 4), 0);
        assertEquals(1.0, WarpSectors.overfetch(scalars, IrrepsLayout.IR_MUL, 4), 0);
    }
}
