package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equikern.data.Structure;
import org.junit.jupiter.api.Test;

/** {@link PerSpeciesShifts} against exact solutions of small least-squares problems. */
class PerSpeciesShiftsTest {
    private static Structure of(double energy, String... symbols) {
        return Structure.builder(symbols, new double[3 * symbols.length]).energy(energy).build();
    }

    @Test
    void recoversExactShifts() {
        // E0(H) = -0.5, E0(O) = -75: energies consistent with them are fitted exactly.
        List<Double> shifts = PerSpeciesShifts.fit(List.of(of(-76, "H", "H", "O"), of(-0.5, "H"),
                of(-150.5, "O", "O", "H")), List.of("H", "O"));
        assertEquals(-0.5, shifts.get(0), 1e-12);
        assertEquals(-75, shifts.get(1), 1e-12);
    }

    @Test
    void isTheLeastSquaresSolution() {
        // Counts [[1],[2],[3]] against energies [1, 1, 4]: E0 = (1 + 2 + 12) / 14.
        List<Double> shifts = PerSpeciesShifts.fit(List.of(of(1, "C"), of(1, "C", "C"), of(4, "C", "C", "C")),
                List.of("C"));
        assertEquals(15.0 / 14, shifts.get(0), 1e-14);
    }

    @Test
    void undeterminedShiftsAreRejected() {
        IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                () -> PerSpeciesShifts.fit(List.of(of(1, "H")), List.of("H", "O")));
        assertTrue(absent.getMessage().contains("'O'"), absent.getMessage());
        IllegalArgumentException proportional = assertThrows(IllegalArgumentException.class,
                () -> PerSpeciesShifts.fit(List.of(of(1, "H", "O"), of(2, "H", "O", "H", "O")), List.of("H", "O")));
        assertTrue(proportional.getMessage().contains("linearly dependent"), proportional.getMessage());
        IllegalArgumentException noEnergy = assertThrows(IllegalArgumentException.class,
                () -> PerSpeciesShifts.fit(List.of(Structure.builder(new String[] {"H"}, new double[3]).build()),
                        List.of("H")));
        assertTrue(noEnergy.getMessage().contains("structure 0"), noEnergy.getMessage());
    }
}
