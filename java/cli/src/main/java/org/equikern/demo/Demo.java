package org.equikern.demo;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Random;
import org.equikern.device.Device;
import org.equikern.group.Rotation;

/**
 * The {@code demo} command: a two-layer potential on 16 random atoms, its energy and forces on a
 * device, and how far a random rotation moves them from exact invariance and equivariance.
 */
public final class Demo {
    private static final int ATOMS = 16;

    private Demo() {
    }

    /** Runs the demo on {@code device} and prints a short report. */
    public static void run(Device device, PrintStream out) {
        Random random = new Random(2026);
        double[] positions = new double[3 * ATOMS];
        int[] species = new int[ATOMS];
        for (int i = 0; i < positions.length; i++) positions[i] = 4 * random.nextDouble();
        for (int a = 0; a < ATOMS; a++) species[a] = random.nextInt(3);
        TwoLayerPotential potential = TwoLayerPotential.random(3, 3.0, 1);

        TwoLayerPotential.Result result = potential.evaluate(device, positions, species);
        Rotation r = Rotation.random(random);
        double[] rotated = new double[positions.length];
        double[] rotatedForces = new double[positions.length];
        for (int a = 0; a < ATOMS; a++) {
            System.arraycopy(r.apply(slice(positions, a)), 0, rotated, 3 * a, 3);
            System.arraycopy(r.apply(slice(result.forces(), a)), 0, rotatedForces, 3 * a, 3);
        }
        TwoLayerPotential.Result moved = potential.evaluate(device, rotated, species);
        double forceError = 0;
        double maxForce = 0;
        for (int i = 0; i < positions.length; i++) {
            forceError = Math.max(forceError, Math.abs(moved.forces()[i] - rotatedForces[i]));
            maxForce = Math.max(maxForce, Math.abs(result.forces()[i]));
        }
        int edges = TwoLayerPotential.neighbours(positions, potential.cutoff()).edges();
        out.println("device " + device.name() + ": " + device.describe());
        out.printf(Locale.ROOT, "%d atoms, %d edges, energy %.12f, max |force| %.6f%n", ATOMS, edges,
                result.energy(), maxForce);
        out.printf(Locale.ROOT, "after a random rotation: energy changed by %.2e, forces differ from R*F by %.2e%n",
                Math.abs(moved.energy() - result.energy()), forceError);
    }

    private static double[] slice(double[] xyz, int atom) {
        return new double[] {xyz[3 * atom], xyz[3 * atom + 1], xyz[3 * atom + 2]};
    }
}
