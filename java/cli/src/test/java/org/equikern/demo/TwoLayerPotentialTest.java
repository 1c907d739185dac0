package org.equikern.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.device.Device;
import org.equikern.group.Rotation;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** A toy potential built from the primitives: invariance, equivariance, forces, devices agree. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoLayerPotentialTest {
    private static final int ATOMS = 10;
    private final TwoLayerPotential potential = TwoLayerPotential.random(3, 2.5, 7);
    private final Random random = new Random(11);
    private final double[] positions = new double[3 * ATOMS];
    private final int[] species = new int[ATOMS];
    private Device java;
    private Device opencl;

    @BeforeAll
    void setUp() {
        for (int i = 0; i < positions.length; i++) positions[i] = 3 * random.nextDouble();
        for (int a = 0; a < ATOMS; a++) species[a] = a % 3;
        java = Devices.open("java");
        opencl = Devices.open("opencl:0");
    }

    @AfterAll
    void tearDown() {
        java.close();
        opencl.close();
    }

    @Test
    void hasEdgesAndANonTrivialEnergy() {
        assertTrue(TwoLayerPotential.neighbours(positions, potential.cutoff()).edges() > 20);
        assertTrue(Math.abs(potential.evaluate(java, positions, species).energy()) > 1e-3);
    }

    @Test
    void energyIsInvariantAndForcesRotateUnderO3() {
        TwoLayerPotential.Result base = potential.evaluate(java, positions, species);
        for (int trial = 0; trial < 3; trial++) {
            Rotation r = Rotation.random(random);
            for (boolean inversion : new boolean[] {false, true}) {
                double sign = inversion ? -1 : 1;
                double[] moved = new double[positions.length];
                for (int a = 0; a < ATOMS; a++) {
                    double[] p = r.apply(new double[] {positions[3 * a], positions[3 * a + 1], positions[3 * a + 2]});
                    for (int c = 0; c < 3; c++) moved[3 * a + c] = sign * p[c];
                }
                TwoLayerPotential.Result result = potential.evaluate(java, moved, species);
                assertEquals(base.energy(), result.energy(), 1e-10 * Math.max(1, Math.abs(base.energy())));
                for (int a = 0; a < ATOMS; a++) {
                    double[] f = r.apply(new double[] {base.forces()[3 * a], base.forces()[3 * a + 1],
                            base.forces()[3 * a + 2]});
                    for (int c = 0; c < 3; c++) {
                        assertEquals(sign * f[c], result.forces()[3 * a + c], 1e-10, "atom " + a);
                    }
                }
            }
        }
    }

    @Test
    void permutingAtomsPermutesForces() {
        int[] perm = {3, 7, 0, 9, 1, 5, 2, 8, 4, 6};
        double[] p2 = new double[positions.length];
        int[] s2 = new int[ATOMS];
        for (int a = 0; a < ATOMS; a++) {
            System.arraycopy(positions, 3 * perm[a], p2, 3 * a, 3);
            s2[a] = species[perm[a]];
        }
        TwoLayerPotential.Result base = potential.evaluate(java, positions, species);
        TwoLayerPotential.Result permuted = potential.evaluate(java, p2, s2);
        assertEquals(base.energy(), permuted.energy(), 1e-10 * Math.max(1, Math.abs(base.energy())));
        for (int a = 0; a < ATOMS; a++) {
            for (int c = 0; c < 3; c++) {
                assertEquals(base.forces()[3 * perm[a] + c], permuted.forces()[3 * a + c], 1e-10);
            }
        }
    }

    @Test
    void forcesAreMinusTheEnergyGradient() {
        double[] forces = potential.evaluate(java, positions, species).forces();
        double h = 1e-5;
        for (int i = 0; i < positions.length; i += 4) {
            double[] plus = positions.clone();
            double[] minus = positions.clone();
            plus[i] += h;
            minus[i] -= h;
            double numeric = -(potential.evaluate(java, plus, species).energy()
                    - potential.evaluate(java, minus, species).energy()) / (2 * h);
            assertEquals(numeric, forces[i], 1e-6 * Math.max(1, Math.abs(numeric)), "coordinate " + i);
        }
    }

    @Test
    void openClAgreesWithJava() {
        TwoLayerPotential.Result a = potential.evaluate(java, positions, species);
        TwoLayerPotential.Result b = potential.evaluate(opencl, positions, species);
        assertEquals(a.energy(), b.energy(), 1e-10 * Math.max(1, Math.abs(a.energy())));
        for (int i = 0; i < positions.length; i++) assertEquals(a.forces()[i], b.forces()[i], 1e-10);
        assertEquals(0, opencl.liveBufferCount());
    }

    @Test
    void isolatedAtomsHaveZeroEnergyAndForces() {
        double[] far = {0, 0, 0, 10, 0, 0, 0, 10, 0};
        TwoLayerPotential.Result r = potential.evaluate(opencl, far, new int[] {0, 1, 2});
        assertEquals(0, r.energy(), 0);
        for (double f : r.forces()) assertEquals(0, f, 0);
    }
}
