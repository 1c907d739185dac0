package org.equikern.bench;

import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;

/**
 * A coalescing model of one operand row under a layout: the generated kernels put consecutive
 * channels of a block on consecutive work items, so a warp of {@value #LANES} lanes loads one
 * component of {@value #LANES} consecutive channels at once. This counts the 32-byte sectors those
 * loads touch (rows taken as sector-aligned) against the bytes the lanes use: 1.0 when every
 * fetched byte is used ({@code ir_mul}: channels contiguous), up to {@code 32 / element size} when
 * each lane's element sits in a sector of its own ({@code mul_ir} with wide irreps).
 */
final class WarpSectors {
    /** Lanes of a warp. */
    static final int LANES = 32;
    /** Bytes of the memory sector a load fetches. */
    static final int SECTOR_BYTES = 32;

    private WarpSectors() {}

    /**
     * Bytes fetched per byte used over every warp-wide component load of one row of {@code irreps}
     * in {@code layout}, elements of {@code elementBytes} bytes.
     *
     * @param irreps the row's irreps
     * @param layout its layout
     * @param elementBytes 4 (f32) or 8 (f64)
     * @return fetched / used, ≥ 1; 1 for a row with no elements
     */
    static double overfetch(Irreps irreps, IrrepsLayout layout, int elementBytes) {
        long fetched = 0;
        long used = 0;
        for (int b = 0; b < irreps.size(); b++) {
            int mul = irreps.get(b).mul();
            for (int k = 0; k < irreps.get(b).irrep().dim(); k++) {
                for (int first = 0; first < mul; first += LANES) {
                    int lanes = Math.min(LANES, mul - first);
                    fetched += (long) SECTOR_BYTES * sectors(irreps, layout, elementBytes, b, k, first, lanes);
                    used += (long) lanes * elementBytes;
                }
            }
        }
        return used == 0 ? 1 : (double) fetched / used;
    }

    /** Distinct sectors holding component {@code k} of channels {@code first ..< first + lanes} of block {@code b}. */
    private static long sectors(Irreps irreps, IrrepsLayout layout, int elementBytes, int b, int k, int first,
            int lanes) {
        return java.util.stream.IntStream.range(first, first + lanes)
                .mapToLong(u -> (long) layout.position(irreps, b, u, k) * elementBytes / SECTOR_BYTES)
                .distinct().count();
    }
}
