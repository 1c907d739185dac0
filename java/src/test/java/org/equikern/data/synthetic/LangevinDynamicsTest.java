package org.equikern.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The integrator: energy conservation without friction, the thermostat's temperature with it. */
class LangevinDynamicsTest {
    private static PeriodicCell diamond() {
        return PeriodicCell.of(new DiamondLattice(2, DiamondLattice.SILICON_LATTICE_CONSTANT));
    }

    @Test
    void withoutFrictionVelocityVerletConservesTheTotalEnergy() {
        LangevinDynamics md = new LangevinDynamics(diamond(), 1.0, 0, 1200, new Random(1));
        double start = md.kineticEnergy() + md.potential().energy();
        double largestKineticChange = 0;
        double largestDrift = 0;
        double kinetic0 = md.kineticEnergy();
        for (int i = 0; i < 40; i++) {
            md.run(10);
            largestKineticChange = Math.max(largestKineticChange, Math.abs(md.kineticEnergy() - kinetic0));
            largestDrift = Math.max(largestDrift, Math.abs(md.kineticEnergy() + md.potential().energy() - start));
        }
        // Energy flows between kinetic and potential (about half the initial kinetic energy), the sum stays.
        assertTrue(largestKineticChange > 1.0, "kinetic energy changed by " + largestKineticChange);
        assertTrue(largestDrift < 2e-3 * largestKineticChange, "total energy drifted by " + largestDrift);
    }

    @Test
    void theThermostatHoldsTheTargetTemperatureOnAverage() {
        double target = 800;
        LangevinDynamics md = new LangevinDynamics(diamond(), 1.0, 0.05, target, new Random(2));
        md.run(200);
        double sum = 0;
        int samples = 300;
        for (int i = 0; i < samples; i++) {
            md.run(5);
            sum += md.kineticTemperature();
        }
        assertEquals(target, sum / samples, 0.08 * target);
    }

    @Test
    void initialVelocitiesFollowMaxwellBoltzmann() {
        double sum = 0;
        for (int seed = 0; seed < 20; seed++) {
            sum += new LangevinDynamics(diamond(), 1.0, 0.01, 500, new Random(seed)).kineticTemperature();
        }
        // 20 × 192 velocity components: the mean kinetic temperature is within a few per cent of 500 K.
        assertEquals(500, sum / 20, 25);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LangevinDynamics(diamond(), 1.0, -1, 300, new Random(0)));
        assertTrue(e.getMessage().contains("friction = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new LangevinDynamics(diamond(), 0, 0, 300, new Random(0)));
        assertTrue(e.getMessage().contains("timeStep"), e.getMessage());
    }
}
