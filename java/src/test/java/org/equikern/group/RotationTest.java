package org.equikern.group;

import static org.equikern.group.Matrices.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RotationTest {
    private final Random random = new Random(7);

    @Test
    void eulerConventionIsRyRxRy() {
        Rotation r = Rotation.fromEuler(0.3, -1.1, 2.0);
        double[] expected = Rotation.aboutY(0.3).times(Rotation.aboutX(-1.1)).times(Rotation.aboutY(2.0)).matrix();
        assertArrayEquals(expected, r.matrix(), 0);
        // A quarter turn about y takes z to x (right-handed).
        assertArrayEquals(new double[] {1, 0, 0}, Rotation.aboutY(Math.PI / 2).apply(new double[] {0, 0, 1}), 1e-16);
        assertArrayEquals(new double[] {0, -1, 0}, Rotation.aboutX(Math.PI / 2).apply(new double[] {0, 0, 1}), 1e-16);
    }

    @Test
    void eulerRoundTrip() {
        for (int t = 0; t < 200; t++) {
            Rotation r = Rotation.random(random);
            double[] angles = r.toEuler();
            assertTrue(angles[1] >= 0 && angles[1] <= Math.PI, "beta in [0, pi]");
            assertTrue(Math.abs(angles[0]) <= Math.PI && Math.abs(angles[2]) <= Math.PI, "alpha, gamma in [-pi, pi]");
            assertClose(r.matrix(), Rotation.fromEuler(angles[0], angles[1], angles[2]).matrix(), 1e-12, "euler");
        }
        double[] angles = Rotation.fromEuler(0.5, 1.2, -2.5).toEuler();
        assertArrayEquals(new double[] {0.5, 1.2, -2.5}, angles, 1e-12);
    }

    @Test
    void quaternionRoundTrip() {
        for (int t = 0; t < 200; t++) {
            Rotation r = Rotation.random(random);
            double[] q = r.toQuaternion();
            assertTrue(q[0] >= 0);
            assertEquals(1.0, q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3], 1e-15);
            assertClose(r.matrix(), Rotation.fromQuaternion(q[0], q[1], q[2], q[3]).matrix(), 1e-14, "quaternion");
            assertClose(r.matrix(), Rotation.fromQuaternion(-3 * q[0], -3 * q[1], -3 * q[2], -3 * q[3]).matrix(),
                    1e-14, "-q, unnormalized");
        }
        // (cos θ/2, sin θ/2 · axis) is a rotation by θ about the axis.
        double h = 0.35;
        assertClose(Rotation.aboutY(2 * h).matrix(), Rotation.fromQuaternion(Math.cos(h), 0, Math.sin(h), 0).matrix(),
                1e-15, "about y");
        assertClose(Rotation.aboutX(2 * h).matrix(), Rotation.fromQuaternion(Math.cos(h), Math.sin(h), 0, 0).matrix(),
                1e-15, "about x");
        assertThrows(IllegalArgumentException.class, () -> Rotation.fromQuaternion(0, 0, 0, 0));
    }

    @Test
    void matrixRoundTripAndValidation() {
        Rotation r = Rotation.random(random);
        assertArrayEquals(r.matrix(), Rotation.fromMatrix(r.matrix()).matrix(), 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Rotation.fromMatrix(new double[] {1, 0, 0, 0, 1, 0, 0, 0, -1}));
        assertTrue(e.getMessage().contains("det"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Rotation.fromMatrix(new double[] {1, 0.1, 0, 0, 1, 0, 0, 0, 1}));
        assertTrue(e.getMessage().contains("not orthogonal"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Rotation.fromMatrix(new double[8]));
        assertTrue(e.getMessage().contains("9 entries"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> Rotation.fromMatrix(new double[] {Double.NaN, 0, 0, 0, 1, 0, 0, 0, 1}));
    }

    @Test
    void groupOperations() {
        Rotation a = Rotation.random(random);
        Rotation b = Rotation.random(random);
        assertClose(Matrices.identity(3), a.times(a.inverse()).matrix(), 1e-15, "a a^-1");
        assertArrayEquals(a.matrix(), a.times(Rotation.identity()).matrix(), 0);
        double[] v = {0.3, -1.2, 2.5};
        assertArrayEquals(a.apply(b.apply(v)), a.times(b).apply(v), 1e-14);
        assertEquals(Math.sqrt(0.09 + 1.44 + 6.25), Math.sqrt(dot(a.apply(v), a.apply(v))), 1e-14);
        assertEquals(a.matrix()[5], a.get(1, 2));
    }

    @Test
    void randomIsHaarUniform() {
        // Under Haar measure E[tr R] = 0, E[(tr R)^2] = 1 and R e_z is uniform on the sphere.
        int n = 20000;
        double trace = 0;
        double trace2 = 0;
        double[] mean = new double[3];
        for (int t = 0; t < n; t++) {
            Rotation r = Rotation.random(random);
            double tr = r.get(0, 0) + r.get(1, 1) + r.get(2, 2);
            trace += tr / n;
            trace2 += tr * tr / n;
            for (int i = 0; i < 3; i++) mean[i] += r.get(i, 2) / n;
        }
        assertEquals(0, trace, 0.05);
        assertEquals(1, trace2, 0.05);
        for (double m : mean) assertEquals(0, m, 0.03);
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
