package org.equikern.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equikern.data.Structure;
import org.junit.jupiter.api.Test;

class DatasetStatisticsTest {
    private static Structure molecule(String[] symbols, double energy, double... forces) {
        double[] positions = new double[3 * symbols.length];
        for (int a = 0; a < symbols.length; a++) {
            positions[3 * a] = 1.5 * a;
        }
        Structure.Builder b = Structure.builder(symbols, positions).energy(energy);
        return (forces.length == 0 ? b : b.forces(forces)).build();
    }

    @Test
    void shiftsRecoverExactPerSpeciesEnergies() {
        // E = −2·n_H − 5·n_O + 0.5·n_C exactly.
        List<Structure> set = List.of(
                molecule(new String[] {"H", "H", "O"}, -9),
                molecule(new String[] {"O", "C"}, -4.5),
                molecule(new String[] {"H", "C", "C"}, -1),
                molecule(new String[] {"O"}, -5));
        DatasetStatistics s = DatasetStatistics.of(set, 1.0);
        assertArrayEquals(new int[] {1, 6, 8}, s.species());
        assertArrayEquals(new double[] {-2, 0.5, -5}, s.shifts(), 1e-12);
        assertTrue(s.shiftsDetermined());
    }

    @Test
    void sameCompositionEverywhereGivesTheMinimumNormShifts() {
        // Rows (2, 1) only: x = c·ΣE / (m·|c|²) = (2, 1)·(−10 − 12)/(2·5).
        List<Structure> set = List.of(molecule(new String[] {"H", "H", "O"}, -10),
                molecule(new String[] {"H", "O", "H"}, -12));
        DatasetStatistics s = DatasetStatistics.of(set, 1.0);
        assertArrayEquals(new double[] {-4.4, -2.2}, s.shifts(), 1e-12);
        assertEquals(1, s.shiftsRank());
        assertFalse(s.shiftsDetermined());
    }

    @Test
    void neighboursAndForceRmsCountAsDefined() {
        // Atoms on a line 1.5 apart, cutoff 2: 3 atoms have 2·2 directed edges, 2 atoms have 2.
        List<Structure> set = List.of(molecule(new String[] {"H", "H", "H"}, 0, 1, 2, 2, 0, 0, 0, 0, 0, 0),
                molecule(new String[] {"H", "H"}, 0, 3, 0, 0, 0, 0, 0));
        DatasetStatistics s = DatasetStatistics.of(set, 2.0);
        assertEquals(6.0 / 5, s.averageNeighbours(), 0);
        assertEquals(Math.sqrt((1 + 4 + 4 + 9) / 15.0), s.forceRms(), 1e-15);
        assertEquals(2.0, s.cutoff());
    }
}
