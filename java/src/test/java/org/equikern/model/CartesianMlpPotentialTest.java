package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.data.synthetic.DiamondLattice;
import org.equikern.group.Rotation;
import org.equikern.testing.FiniteDifferences;
import org.equikern.train.Parameter;
import org.equikern.train.PotentialEvaluation;
import org.equikern.train.RotationAugmentation;
import org.junit.jupiter.api.Test;

/** The baseline in float64: forces and the backward pass against finite differences, and its lack of symmetry. */
class CartesianMlpPotentialTest {
    private static final CartesianMlpPotential.Config CONFIG =
            new CartesianMlpPotential.Config(new int[] {6, 14}, 8, 4.0, new int[] {10, 6});

    /** Two 8-atom diamond cells of mixed Si and C with random displacements, so no distances tie. */
    private static List<Structure> structures() {
        Random random = new Random(17);
        DiamondLattice lattice = new DiamondLattice(1, 5.431);
        Structure[] out = new Structure[2];
        for (int k = 0; k < 2; k++) {
            double[] positions = lattice.positions();
            for (int i = 0; i < positions.length; i++) {
                positions[i] += 0.15 * random.nextGaussian();
            }
            String[] symbols = {"Si", "C", "Si", "Si", "C", "Si", "Si", "Si"};
            out[k] = Structure.builder(symbols, positions).periodicCell(lattice.cell()).build();
        }
        return List.of(out);
    }

    private static AtomicBatch batch(List<Structure> structures) {
        return AtomicBatch.of(structures, CONFIG.cutoff());
    }

    private static double totalEnergy(CartesianMlpPotential model, List<Structure> structures) {
        double sum = 0;
        for (double e : model.evaluate(batch(structures)).energies()) {
            sum += e;
        }
        return sum;
    }

    /** The structures with positions {@code flat} (all structures' atoms × 3, concatenated). */
    private static List<Structure> moved(List<Structure> structures, double[] flat) {
        Structure a = structures.get(0);
        Structure b = structures.get(1);
        int n = 3 * a.atoms();
        return List.of(
                Structure.builder(a.symbols(), java.util.Arrays.copyOfRange(flat, 0, n)).periodicCell(a.cell()).build(),
                Structure.builder(b.symbols(), java.util.Arrays.copyOfRange(flat, n, flat.length))
                        .periodicCell(b.cell()).build());
    }

    @Test
    void forcesAreMinusCentralDifferencesOfTheEnergy() {
        CartesianMlpPotential model = new CartesianMlpPotential(CONFIG, 3);
        List<Structure> structures = structures();
        double[] forces = model.evaluate(batch(structures)).forces();
        double[] positions = batch(structures).positions();
        double[] fd = FiniteDifferences.gradient(positions, () -> totalEnergy(model, moved(structures, positions)), 1e-6);
        double scale = 0;
        for (int i = 0; i < fd.length; i++) {
            scale = Math.max(scale, Math.abs(fd[i]));
            assertEquals(-fd[i], forces[i], 1e-7 * Math.max(1, Math.abs(fd[i])), "component " + i);
        }
        assertTrue(scale > 1e-2, "forces are not trivially small: " + scale);
    }

    @Test
    void backwardIsTheGradientOfAnEnergyAndForceLoss() {
        CartesianMlpPotential model = new CartesianMlpPotential(CONFIG, 4);
        AtomicBatch batch = batch(structures());
        Random random = new Random(8);
        double[] gradEnergies = {random.nextGaussian(), random.nextGaussian()};
        double[] gradForces = new double[3 * batch.atomCount()];
        for (int i = 0; i < gradForces.length; i++) {
            gradForces[i] = random.nextGaussian();
        }
        // L = Σ gE·E + Σ gF·F: its θ-gradient is exactly what backward(gE, gF) accumulates.
        java.util.function.DoubleSupplier loss = () -> {
            PotentialEvaluation ev = model.evaluate(batch);
            double l = 0;
            for (int k = 0; k < 2; k++) {
                l += gradEnergies[k] * ev.energies()[k];
            }
            double[] f = ev.forces();
            for (int i = 0; i < f.length; i++) {
                l += gradForces[i] * f[i];
            }
            return l;
        };
        model.parameters().zeroGrad();
        model.evaluate(batch).backward(gradEnergies, gradForces);
        int checked = 0;
        for (Parameter p : model.parameters()) {
            double[] fd = FiniteDifferences.gradient(p.values(), loss, 1e-6);
            for (int i = 0; i < fd.length; i++) {
                assertEquals(fd[i], p.grad()[i], 1e-7 * Math.max(1, Math.abs(fd[i])), p + " element " + i);
                checked++;
            }
        }
        assertEquals(model.parameters().elementCount(), checked);
    }

    @Test
    void theParameterCountFollowsTheWidths() {
        CartesianMlpPotential model = new CartesianMlpPotential(CONFIG, 1);
        int input = 3 * 8 + 2;
        // Bias-free layers (e3nn's net) and one energy per species.
        assertEquals(input * 10 + 10 * 6 + 6 + 2, model.parameters().elementCount());
        assertEquals(List.of("net.weight", "species_energy"), model.parameters().names());
    }

    @Test
    void itIsTranslationInvariantButNotRotationInvariant() {
        CartesianMlpPotential model = new CartesianMlpPotential(CONFIG, 5);
        List<Structure> structures = structures();
        PotentialEvaluation ev = model.evaluate(batch(structures));
        double[] shifted = batch(structures).positions();
        for (int i = 0; i < shifted.length; i++) {
            shifted[i] += 0.37;
        }
        assertArrayEquals(ev.energies(), model.evaluate(batch(moved(structures, shifted))).energies(), 1e-10);

        Rotation rotation = Rotation.random(new Random(6));
        List<Structure> rotated = List.of(RotationAugmentation.rotate(structures.get(0), rotation),
                RotationAugmentation.rotate(structures.get(1), rotation));
        PotentialEvaluation turned = model.evaluate(batch(rotated));
        double energyChange = Math.abs(turned.energies()[0] - ev.energies()[0]);
        double[] expected = rotateRows(rotation, ev.forces());
        double forceError = 0;
        for (int i = 0; i < expected.length; i++) {
            forceError = Math.max(forceError, Math.abs(expected[i] - turned.forces()[i]));
        }
        assertTrue(energyChange > 1e-4, "energy change under rotation " + energyChange);
        assertTrue(forceError > 1e-4, "force rotation error " + forceError);
    }

    @Test
    void theEnergyIsContinuousWhereANeighbourCrossesTheCutoff() {
        CartesianMlpPotential model = new CartesianMlpPotential(CONFIG, 7);
        double[] cell = {30, 0, 0, 0, 30, 0, 0, 0, 30};
        double below = dimerEnergy(model, cell, CONFIG.cutoff() - 1e-7);
        double above = dimerEnergy(model, cell, CONFIG.cutoff() + 1e-7);
        double far = dimerEnergy(model, cell, CONFIG.cutoff() + 1);
        double near = dimerEnergy(model, cell, CONFIG.cutoff() - 1);
        assertEquals(above, far, 1e-15);
        assertEquals(above, below, 1e-12);
        assertTrue(Math.abs(near - far) > 1e-6, "the neighbour matters inside the cutoff");
    }

    private static double dimerEnergy(CartesianMlpPotential model, double[] cell, double distance) {
        Structure s = Structure.builder(new String[] {"Si", "C"}, new double[] {1, 2, 3, 1 + distance * 0.6,
            2 + distance * 0.8, 3}).periodicCell(cell).build();
        return model.evaluate(AtomicBatch.of(List.of(s), CONFIG.cutoff())).energies()[0];
    }

    @Test
    void badInputIsNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CartesianMlpPotential.Config(new int[] {14}, 0, 4.0, new int[] {8}));
        assertTrue(e.getMessage().contains("neighbours = 0"), e.getMessage());
        CartesianMlpPotential siliconOnly = new CartesianMlpPotential(
                new CartesianMlpPotential.Config(new int[] {14}, 4, 4.0, new int[] {8}), 1);
        e = assertThrows(IllegalArgumentException.class, () -> siliconOnly.evaluate(batch(structures())));
        assertTrue(e.getMessage().contains("atomic number 6"), e.getMessage());
        PotentialEvaluation ev = new CartesianMlpPotential(CONFIG, 1).evaluate(batch(structures()));
        e = assertThrows(IllegalArgumentException.class, () -> ev.backward(new double[2], new double[5]));
        assertTrue(e.getMessage().contains("gradForces must hold 48"), e.getMessage());
    }

    private static double[] rotateRows(Rotation rotation, double[] rows) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i += 3) {
            System.arraycopy(rotation.apply(new double[] {rows[i], rows[i + 1], rows[i + 2]}), 0, out, i, 3);
        }
        return out;
    }
}
