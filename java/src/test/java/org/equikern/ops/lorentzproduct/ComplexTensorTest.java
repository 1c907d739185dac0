package org.equikern.ops.lorentzproduct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** The planar layout [re | im] the device ops take. */
class ComplexTensorTest {
    @Test
    void planarIsTheRealPlaneThenTheImaginaryPlane() {
        ComplexTensor t = ComplexTensor.of(new double[] {1, 2, 3}, new double[] {-4, -5, -6});
        assertArrayEquals(new double[] {1, 2, 3, -4, -5, -6}, t.planar());
        ComplexTensor back = ComplexTensor.fromPlanar(new double[] {1, 2, 3, -4, -5, -6});
        assertArrayEquals(t.re(), back.re());
        assertArrayEquals(t.im(), back.im());
    }

    @Test
    void anOddPlanarLengthIsRejected() {
        assertEquals("a planar complex array needs an even length, got 3",
                assertThrows(IllegalArgumentException.class, () -> ComplexTensor.fromPlanar(new double[3]))
                        .getMessage());
    }
}
