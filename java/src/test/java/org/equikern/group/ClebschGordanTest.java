package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Exact SU(2) Clebsch–Gordan coefficients with half-integer spins against closed forms. */
class ClebschGordanTest {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    @Test
    void twoSpinHalvesGiveTheSingletAndTriplet() {
        assertEquals(1.0, ClebschGordan.value(1, 1, 1, 1, 2, 2));
        assertEquals(SQRT_HALF, ClebschGordan.value(1, 1, 1, -1, 2, 0), 1e-16);
        assertEquals(SQRT_HALF, ClebschGordan.value(1, -1, 1, 1, 2, 0), 1e-16);
        assertEquals(SQRT_HALF, ClebschGordan.value(1, 1, 1, -1, 0, 0), 1e-16);
        assertEquals(-SQRT_HALF, ClebschGordan.value(1, -1, 1, 1, 0, 0), 1e-16);
        assertEquals(0.0, ClebschGordan.value(1, 1, 1, 1, 0, 0));
    }

    @Test
    void spinOneTimesSpinHalf() {
        // Standard tables (Condon–Shortley): |3/2, 1/2> and |1/2, 1/2> from |1 m1> |1/2 m2>.
        assertEquals(Math.sqrt(1.0 / 3), ClebschGordan.value(2, 2, 1, -1, 3, 1), 1e-16);
        assertEquals(Math.sqrt(2.0 / 3), ClebschGordan.value(2, 0, 1, 1, 3, 1), 1e-16);
        assertEquals(Math.sqrt(2.0 / 3), ClebschGordan.value(2, 2, 1, -1, 1, 1), 1e-16);
        assertEquals(-Math.sqrt(1.0 / 3), ClebschGordan.value(2, 0, 1, 1, 1, 1), 1e-16);
    }

    @Test
    void addingSpinHalfMatchesTheClosedForm() {
        // <j m-1/2; 1/2 1/2 | j+1/2 m> = sqrt((j+m+1/2)/(2j+1)), <j m+1/2; 1/2 -1/2 | j+1/2 m> = sqrt((j-m+1/2)/(2j+1))
        // and <j m-1/2; 1/2 1/2 | j-1/2 m> = -sqrt((j-m+1/2)/(2j+1)).
        for (int twoJ = 1; twoJ <= 7; twoJ++) {
            for (int twoM = -twoJ + 1; twoM <= twoJ - 1; twoM += 2) {
                double up = Math.sqrt((twoJ + twoM + 1) / (2.0 * (twoJ + 1)));
                double down = Math.sqrt((twoJ - twoM + 1) / (2.0 * (twoJ + 1)));
                assertEquals(up, ClebschGordan.value(twoJ, twoM - 1, 1, 1, twoJ + 1, twoM), 1e-15, "2j=" + twoJ);
                assertEquals(down, ClebschGordan.value(twoJ, twoM + 1, 1, -1, twoJ + 1, twoM), 1e-15);
                assertEquals(-down, ClebschGordan.value(twoJ, twoM - 1, 1, 1, twoJ - 1, twoM), 1e-15);
            }
        }
    }

    @Test
    void stretchedStatesAreOneAndRowsAreOrthonormal() {
        int twoJ1 = 3;
        int twoJ2 = 5;
        assertEquals(1.0, ClebschGordan.value(twoJ1, twoJ1, twoJ2, twoJ2, twoJ1 + twoJ2, twoJ1 + twoJ2));
        for (int a = 2; a <= 8; a += 2) {
            for (int b = 2; b <= 8; b += 2) {
                for (int twoM = -Math.min(a, b); twoM <= Math.min(a, b); twoM += 2) {
                    double dot = 0;
                    for (int m1 = -twoJ1; m1 <= twoJ1; m1 += 2) {
                        int m2 = twoM - m1;
                        if (Math.abs(m2) > twoJ2) continue;
                        dot += ClebschGordan.value(twoJ1, m1, twoJ2, m2, a, twoM)
                                * ClebschGordan.value(twoJ1, m1, twoJ2, m2, b, twoM);
                    }
                    assertEquals(a == b ? 1 : 0, dot, 1e-15, "2j=" + a + ", " + b + " 2m=" + twoM);
                }
            }
        }
    }

    @Test
    void invalidSpinsAreRejectedWithTheValues() {
        IllegalArgumentException parity = assertThrows(IllegalArgumentException.class,
                () -> ClebschGordan.table(1, 1, 1));
        assertTrue(parity.getMessage().contains("(1, 1, 1)"), parity.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ClebschGordan.table(1, 2, 5));
        IllegalArgumentException m = assertThrows(IllegalArgumentException.class,
                () -> ClebschGordan.value(1, 3, 1, 1, 2, 4));
        assertTrue(m.getMessage().startsWith("m1: doubled projection 3"), m.getMessage());
    }
}
