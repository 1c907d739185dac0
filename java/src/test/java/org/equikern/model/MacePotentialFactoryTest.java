package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.equikern.data.Structure;
import org.equikern.train.ConfigException;
import org.equikern.train.ConfigNode;
import org.equikern.train.DatasetStatistics;
import org.equikern.train.PotentialFactories;
import org.equikern.train.PotentialFactory;
import org.junit.jupiter.api.Test;

/** Model type {@code mace} through the factory registry: resolved sections, the model they build, errors. */
class MacePotentialFactoryTest {
    private static final List<Structure> FRAMES = List.of(
            withEnergy(NequipFixtures.denseCell(), -2.0), withEnergy(NequipFixtures.slab(), -3.5));

    private static Structure withEnergy(Structure s, double energy) {
        return s.toBuilder().energy(energy).build();
    }

    private static Map<String, Object> resolve(Map<String, Object> section) {
        return PotentialFactories.find("mace", "model.type").resolve(ConfigNode.root(Map.of("model", section))
                .section("model"), DatasetStatistics.of(FRAMES, NequipFixtures.R_MAX));
    }

    @Test
    void resolvesMacesFieldsAndBuildsTheConfiguredModel() {
        Map<String, Object> resolved = resolve(Map.of("type", "mace", "hidden_irreps", "3x0e+3x1o", "max_ell", 2,
                "correlation", 2, "radial_MLP", List.of(6, 5), "num_radial_basis", 4, "MLP_irreps", "4x0e"));
        assertEquals("3x0e+3x1o", resolved.get("hidden_irreps"));
        assertEquals(List.of(6, 5), resolved.get("radial_MLP"));
        assertEquals(2, resolved.get("num_interactions"));
        assertEquals(NequipFixtures.R_MAX, resolved.get("r_max"));
        PotentialFactory factory = PotentialFactories.find("mace", "model.type");
        MaceModel model = assertInstanceOf(MaceModel.class, factory.build(ConfigNode.root(resolved), 3));
        MaceConfig c = model.config();
        assertEquals(2, c.correlation());
        assertEquals(List.of("C", "Si"), c.chemicalSymbols());
        assertEquals((double) resolved.get("avg_num_neighbors"), c.avgNumNeighbors());
        // The first radial MLP: 4 → 6 → 5 → the convolution's weights.
        assertEquals(List.of(4, 6), List.of(model.parameters().get("interactions.0.conv_tp_weights.layer0.weight")
                .shape()[0], model.parameters().get("interactions.0.conv_tp_weights.layer0.weight").shape()[1]));
    }

    @Test
    void badFieldsAreNamedWithTheirSectionPath() {
        assertMessage("model.correlation: 4 is out of range [1, 3]", Map.of("type", "mace", "correlation", 4));
        assertMessage("model.hidden_irreps: 8x0e+4x1o: every block needs the same multiplicity",
                Map.of("type", "mace", "hidden_irreps", "8x0e+4x1o"));
        assertMessage("model.hidden_irreps: 'sixteen' is not an irreps string",
                Map.of("type", "mace", "hidden_irreps", "sixteen"));
        assertMessage("model.radial_MLP: expected whole numbers, got 2.5", Map.of("type", "mace", "radial_MLP",
                List.of(2.5)));
        assertMessage("model.num_layers: unknown field", Map.of("type", "mace", "num_layers", 2));
    }

    private static void assertMessage(String start, Map<String, Object> section) {
        ConfigException e = assertThrows(ConfigException.class, () -> resolve(section));
        assertEquals(start, e.getMessage().substring(0, Math.min(start.length(), e.getMessage().length())));
    }
}
