package org.equikern.model;

import java.util.List;
import org.equikern.group.Irreps;

/** Tiny MACE configurations on the structures of {@link NequipFixtures}. */
final class MaceFixtures {
    private MaceFixtures() {
    }

    /**
     * Two layers, 3 channels of {@code 0e+1o}, harmonics up to l = 2, a one-layer radial MLP, two species
     * with shifts and a scale: every kind of block, with the symmetric contraction of order {@code correlation}.
     */
    static MaceConfig config(int correlation) {
        return MaceConfig.builder().rMax(NequipFixtures.R_MAX).numInteractions(2).correlation(correlation)
                .hiddenIrreps(Irreps.parse("3x0e+3x1o")).maxEll(2).numRadialBasis(4).numCutoffBasis(5)
                .radialMlp(List.of(6)).mlpIrreps(Irreps.parse("4x0e")).avgNumNeighbors(6.0)
                .chemicalSymbols(List.of("Si", "C")).perSpeciesShifts(List.of(-1.5, 0.25)).atomicInterScale(0.7)
                .build();
    }
}
