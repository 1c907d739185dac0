package org.equikern.model;

import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;

/** Small periodic structures and configurations shared by the NequIP tests. */
final class NequipFixtures {
    static final double R_MAX = 2.5;

    private NequipFixtures() {
    }

    /** A tiny model: 2 layers, l ≤ 2, 4 channels, two species with shifts and a scale. */
    static NequipConfig config(boolean parity) {
        return config(2, parity);
    }

    /** The tiny model with harmonics and features up to degree {@code lMax} (0: invariant messages). */
    static NequipConfig config(int lMax, boolean parity) {
        return NequipConfig.builder().rMax(R_MAX).numLayers(2).lMax(lMax).parity(parity).numFeatures(4).numBasis(4)
                .invariantLayers(1).invariantNeurons(8).avgNumNeighbors(6.0).chemicalSymbols(List.of("Si", "C"))
                .perSpeciesShifts(List.of(-1.5, 0.25)).globalScale(0.7).build();
    }

    /** A cubic cell of side 2.2 below {@code R_MAX}: every atom sees several of its own images. */
    static Structure denseCell() {
        return Structure.builder(new String[] {"Si", "C", "Si"},
                new double[] {0.1, 0.2, 0.3, 1.2, 0.9, 1.1, 0.5, 1.6, 1.7})
                .periodicCell(new double[] {2.2, 0, 0, 0.3, 2.3, 0, 0, 0.2, 2.1}).build();
    }

    /** A slab periodic along x and y only, its cell wider than {@code R_MAX}. */
    static Structure slab() {
        return Structure.builder(new String[] {"C", "C", "Si", "C"},
                new double[] {0.2, 0.1, 0.0, 1.4, 0.3, 0.5, 0.6, 1.5, 1.2, 2.4, 2.1, 0.4})
                .cell(new double[] {3.1, 0, 0, 0, 3.3, 0, 0, 0, 6.0}).pbc(true, true, false).build();
    }

    static AtomicBatch batch(List<Structure> structures) {
        return AtomicBatch.of(structures, R_MAX);
    }

    static AtomicBatch batch() {
        return batch(List.of(denseCell(), slab()));
    }

    /** {@code structure} with new positions (the cell and pbc kept). */
    static Structure withPositions(Structure structure, double[] positions) {
        return Structure.builder(structure.symbols(), positions).cell(structure.cell()).pbc(structure.pbc()).build();
    }

    /** The batch's structures with their positions taken from the flat batch positions. */
    static AtomicBatch moved(AtomicBatch batch, double[] positions) {
        List<Structure> structures = new java.util.ArrayList<>();
        int offset = 0;
        for (Structure s : batch.structures()) {
            double[] p = java.util.Arrays.copyOfRange(positions, offset, offset + 3 * s.atoms());
            structures.add(withPositions(s, p));
            offset += 3 * s.atoms();
        }
        return batch(structures);
    }
}
