package org.equikern.train;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;

/** Cuts a list of structures into batches, in order. */
public final class Batching {
    private Batching() {
    }

    /**
     * Consecutive batches of {@code size} structures (the last may be smaller) with edges within {@code
     * cutoff}.
     *
     * @param structures the structures, in order
     * @param size the batch size, ≥ 1
     * @param cutoff the neighbour cutoff, positive and finite
     * @return the batches
     * @throws IllegalArgumentException for a size below 1 or a bad cutoff
     */
    public static List<AtomicBatch> consecutive(List<Structure> structures, int size, double cutoff) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size = " + size + ": must be >= 1");
        }
        List<AtomicBatch> out = new ArrayList<>();
        for (int start = 0; start < structures.size(); start += size) {
            out.add(AtomicBatch.of(structures.subList(start, Math.min(structures.size(), start + size)), cutoff));
        }
        return out;
    }
}
