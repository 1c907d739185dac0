package org.equikern.data.synthetic;

import java.util.Random;

/**
 * Langevin molecular dynamics of Stillinger–Weber silicon in a fixed periodic cell, integrated by
 * the BAOAB splitting (B. Leimkuhler and C. Matthews, Appl. Math. Res. Express 2013, 34): half kick,
 * half drift, exact Ornstein–Uhlenbeck velocity update, half drift, half kick. With zero friction it
 * is velocity Verlet. Units: Å, fs, eV, amu, K. Seeded; not thread-safe.
 */
public final class LangevinDynamics {
    /** Boltzmann's constant in eV/K. */
    public static final double BOLTZMANN = 8.617333262e-5;
    /** The standard atomic mass of silicon in amu. */
    public static final double SILICON_MASS = 28.0855;
    /** 1 eV/amu in Å²/fs²: converts force/mass to acceleration and kT/m to a squared velocity. */
    static final double EV_PER_AMU = 9.648533212e-3;

    private final double[] cell;
    private final double[] positions;
    private final double[] velocities;
    private final double timeStep;
    private final double friction;
    private final double temperature;
    private final Random random;
    private SwResult current;

    /**
     * Starts from {@code start} with Maxwell–Boltzmann velocities at {@code temperature}.
     *
     * @param start the initial cell and positions (Å)
     * @param timeStep    in fs, positive
     * @param friction    the Langevin friction γ in 1/fs, zero or more (zero: energy-conserving)
     * @param temperature in K, zero or more
     * @param random      the source of the initial velocities and the thermal noise
     */
    public LangevinDynamics(PeriodicCell start, double timeStep, double friction, double temperature, Random random) {
        requireNonNegative("timeStep", timeStep);
        if (timeStep == 0) {
            throw new IllegalArgumentException("Langevin dynamics: timeStep = 0, must be positive");
        }
        requireNonNegative("friction", friction);
        requireNonNegative("temperature", temperature);
        this.cell = start.cell();
        this.positions = start.positions();
        this.velocities = new double[positions.length];
        this.timeStep = timeStep;
        this.friction = friction;
        this.temperature = temperature;
        this.random = random;
        double sigma = thermalSpeed();
        for (int i = 0; i < velocities.length; i++) {
            velocities[i] = sigma * random.nextGaussian();
        }
        this.current = StillingerWeber.evaluate(state());
    }

    private static void requireNonNegative(String name, double value) {
        if (!(value >= 0) || !Double.isFinite(value)) {
            throw new IllegalArgumentException("Langevin dynamics: " + name + " = " + value
                    + ", must be finite and not negative");
        }
    }

    /** The standard deviation of one velocity component at the target temperature, Å/fs. */
    private double thermalSpeed() {
        return Math.sqrt(BOLTZMANN * temperature / SILICON_MASS * EV_PER_AMU);
    }

    /**
     * Advances {@code steps} time steps.
     *
     * @param steps the number of steps, ≥ 0
     * @throws IllegalArgumentException for a negative count
     */
    public void run(int steps) {
        if (steps < 0) {
            throw new IllegalArgumentException("Langevin dynamics: steps = " + steps + ", must not be negative");
        }
        double decay = Math.exp(-friction * timeStep);
        double noise = Math.sqrt(1 - decay * decay) * thermalSpeed();
        for (int s = 0; s < steps; s++) {
            kick();
            drift();
            for (int i = 0; i < velocities.length; i++) {
                velocities[i] = decay * velocities[i] + noise * random.nextGaussian();
            }
            drift();
            current = StillingerWeber.evaluate(state());
            kick();
        }
    }

    private void kick() {
        double[] forces = current.forces();
        double scale = 0.5 * timeStep * EV_PER_AMU / SILICON_MASS;
        for (int i = 0; i < velocities.length; i++) {
            velocities[i] += scale * forces[i];
        }
    }

    private void drift() {
        for (int i = 0; i < positions.length; i++) {
            positions[i] += 0.5 * timeStep * velocities[i];
        }
    }

    /**
     * The current cell and positions (positions are not wrapped into the cell).
     *
     * @return a new snapshot
     */
    public PeriodicCell state() {
        return new PeriodicCell(cell, positions);
    }

    /**
     * The potential's energy, forces and per-atom energies at the current positions.
     *
     * @return the potential's result at the current positions
     */
    public SwResult potential() {
        return current;
    }

    /**
     * Kinetic energy in eV.
     *
     * @return Σ ½·m·v² over the atoms
     */
    public double kineticEnergy() {
        double sum = 0;
        for (double v : velocities) {
            sum += v * v;
        }
        return 0.5 * SILICON_MASS * sum / EV_PER_AMU;
    }

    /**
     * The instantaneous kinetic temperature 2K / (3N k_B) in K.
     *
     * @return the temperature, ≥ 0
     */
    public double kineticTemperature() {
        return 2 * kineticEnergy() / (velocities.length * BOLTZMANN);
    }
}
