package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.data.synthetic.SyntheticSilicon;
import org.equikern.train.ConfigException;
import org.equikern.train.ConfigNode;
import org.equikern.train.DatasetStatistics;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;
import org.equikern.train.PotentialFactories;
import org.equikern.train.PotentialFactory;
import org.junit.jupiter.api.Test;

/** Model type {@code cartesian_mlp} through the factory registry, and the per-atom energies of the models. */
class CartesianMlpPotentialFactoryTest {
    private static final double CUTOFF = 3.8;

    /** Two 8-atom silicon frames with energies and forces from the generator. */
    private static List<Structure> frames() {
        SyntheticSilicon.Settings settings = new SyntheticSilicon.Settings(1, new double[] {600}, 0.02, 0, 1.0, 0.02,
                5, 2, 2);
        return SyntheticSilicon.generate(settings, 2, 9);
    }

    private static Potential build(Map<String, Object> section, List<Structure> frames) {
        PotentialFactory factory = PotentialFactories.find("cartesian_mlp", "model.type");
        Map<String, Object> resolved = factory.resolve(ConfigNode.root(section),
                DatasetStatistics.of(frames, CUTOFF));
        return factory.build(ConfigNode.root(resolved), 4);
    }

    @Test
    void buildsTheArchitectureWithSpeciesEnergiesAtTheMeanEnergyPerAtom() {
        List<Structure> frames = frames();
        Potential potential = build(Map.of("type", "cartesian_mlp", "neighbours", 6, "hidden", List.of(5, 3)), frames);
        // Widths 3·6 + 1 → 5 → 3 → 1 without biases, plus one species energy.
        assertEquals(19 * 5 + 5 * 3 + 3 + 1, potential.parameters().elementCount());
        double meanPerAtom = (frames.get(0).energy() + frames.get(1).energy())
                / (frames.get(0).atoms() + frames.get(1).atoms());
        assertEquals(meanPerAtom, potential.parameters().get("species_energy").values()[0], 1e-12);
        assertEquals(CUTOFF, potential.cutoff());
    }

    @Test
    void rejectsAFractionalWidth() {
        assertThrows(ConfigException.class,
                () -> build(Map.of("type", "cartesian_mlp", "hidden", List.of(2.5)), frames()));
    }

    @Test
    void perAtomEnergiesSumToEachStructuresEnergy() {
        List<Structure> frames = frames();
        NequipConfig nequip = NequipFixtures.config(true).toBuilder().rMax(CUTOFF).chemicalSymbols(List.of("Si"))
                .perSpeciesShifts(List.of(-4.0)).build();
        for (Potential potential : List.of(build(Map.of("type", "cartesian_mlp"), frames),
                NequipModel.create(nequip, 5))) {
            PotentialEvaluation e = potential.evaluate(AtomicBatch.of(frames, CUTOFF));
            double[] perAtom = e.atomEnergies();
            int n = frames.get(0).atoms();
            double first = 0;
            double second = 0;
            for (int a = 0; a < perAtom.length; a++) {
                if (a < n) {
                    first += perAtom[a];
                } else {
                    second += perAtom[a];
                }
            }
            assertArrayEquals(e.energies(), new double[] {first, second}, 1e-10, potential.getClass().getSimpleName());
        }
    }
}
