package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.UnaryOperator;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.junit.jupiter.api.Test;

/** {@link NequipConfig} validation names the YAML field; the model's irreps and parameters follow NequIP. */
class NequipConfigTest {
    private static NequipConfig.Builder valid() {
        return NequipConfig.builder().chemicalSymbols(List.of("H", "O"));
    }

    private static void assertRejected(String field, UnaryOperator<NequipConfig.Builder> change) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> change.apply(valid()).build());
        assertTrue(e.getMessage().startsWith(field + " = "), e.getMessage());
    }

    @Test
    void everyBadFieldIsNamed() {
        assertRejected("r_max", b -> b.rMax(0));
        assertRejected("r_max", b -> b.rMax(Double.POSITIVE_INFINITY));
        assertRejected("num_layers", b -> b.numLayers(0));
        assertRejected("l_max", b -> b.lMax(-1));
        assertRejected("num_features", b -> b.numFeatures(0));
        assertRejected("num_basis", b -> b.numBasis(0));
        assertRejected("invariant_layers", b -> b.invariantLayers(-1));
        assertRejected("invariant_neurons", b -> b.invariantNeurons(0));
        assertRejected("avg_num_neighbors", b -> b.avgNumNeighbors(-2));
        assertRejected("PolynomialCutoff_p", b -> b.polynomialCutoffP(Double.NaN));
        assertRejected("global_scale", b -> b.globalScale(0));
        assertRejected("chemical_symbols", b -> b.chemicalSymbols(List.of()));
        assertRejected("chemical_symbols", b -> b.chemicalSymbols(List.of("H", "Xx")));
        assertRejected("chemical_symbols", b -> b.chemicalSymbols(List.of("H", "H")));
        assertRejected("per_species_shifts", b -> b.perSpeciesShifts(List.of(1.0)));
        assertRejected("per_species_shifts", b -> b.perSpeciesShifts(List.of(1.0, Double.NaN)));
    }

    @Test
    void shiftsDefaultToZero() {
        assertEquals(List.of(0.0, 0.0), valid().build().perSpeciesShifts());
    }

    @Test
    void hiddenIrrepsFollowTheParityRule() {
        assertEquals("3x0e+3x1e+3x2e+3x0o+3x1o+3x2o",
                NequipModel.hiddenIrreps(valid().numFeatures(3).lMax(2).parity(true).build()).toString()
                        .replace("\"", ""));
        assertEquals("3x0e+3x2e+3x1o",
                NequipModel.hiddenIrreps(valid().numFeatures(3).lMax(2).parity(false).build()).toString()
                        .replace("\"", ""));
    }

    @Test
    void lMaxZeroHasScalarFeaturesOnly() {
        assertEquals("3x0e+3x0o", NequipModel.hiddenIrreps(valid().numFeatures(3).lMax(0).parity(true).build())
                .toString().replace("\"", ""));
        assertEquals("3x0e", NequipModel.hiddenIrreps(valid().numFeatures(3).lMax(0).parity(false).build())
                .toString().replace("\"", ""));
        NequipModel model = NequipModel.create(NequipFixtures.config(0, true), 1);
        for (InteractionLayer layer : model.layers()) {
            assertEquals("4x0e", layer.irrepsOut().toString().replace("\"", ""), "invariant messages");
        }
    }

    @Test
    void blocksKeepTheHiddenIrrepsThatAPathReaches() {
        NequipConfig config = NequipFixtures.config(true);
        NequipModel model = NequipModel.create(config.toBuilder().numLayers(3).build(), 1);
        assertEquals("4x0e+4x2e+4x1o", model.layers().get(0).irrepsOut().toString().replace("\"", ""));
        assertTrue(model.layers().get(2).irrepsOut().toString().contains("4x0o"),
                "0e x harmonics x harmonics x harmonics reaches 0o: " + model.layers().get(2).irrepsOut());
    }

    @Test
    void parametersAreNamedAsInNequip() {
        NequipModel model = NequipModel.create(valid().numLayers(1).invariantLayers(1).numFeatures(2).build(), 1);
        assertEquals(List.of("embedding.weight", "layers.0.linear_1.weight", "layers.0.radial_mlp.layer0.weight",
                "layers.0.radial_mlp.layer1.weight", "layers.0.linear_2.weight", "layers.0.self_connection.weight",
                "readout.weight"), model.parameters().names());
        assertEquals(2 * 2, model.parameters().get("embedding.weight").size(), "2 species x 2 channels");
    }

    @Test
    void sameSeedSameWeights() {
        NequipConfig config = valid().numLayers(1).build();
        assertEquals(NequipModel.create(config, 4).parameters().toTensors().toString(),
                NequipModel.create(config, 4).parameters().toTensors().toString());
    }

    @Test
    void unknownSpeciesIsNamed() {
        NequipModel model = NequipModel.create(valid().numLayers(1).build(), 1);
        AtomicBatch batch = AtomicBatch.of(List.of(Structure.builder(new String[] {"H", "C"},
                new double[] {0, 0, 0, 1, 0, 0}).build()), model.cutoff());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> model.evaluate(batch));
        assertTrue(e.getMessage().contains("atom 1") && e.getMessage().contains("chemical_symbols"), e.getMessage());
    }
}
