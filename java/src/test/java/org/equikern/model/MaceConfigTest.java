package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.UnaryOperator;
import org.equikern.group.Irreps;
import org.equikern.train.ConfigException;
import org.junit.jupiter.api.Test;

/** {@link MaceConfig}: MACE's defaults, the derived irreps, and errors that name the field. */
class MaceConfigTest {
    private static MaceConfig.Builder valid() {
        return MaceConfig.builder().chemicalSymbols(List.of("H", "O"));
    }

    @Test
    void defaultsAreMacesAndTheDerivedIrrepsFollowFromThem() {
        MaceConfig c = valid().build();
        assertEquals(2, c.numInteractions());
        assertEquals(3, c.correlation());
        assertEquals(Irreps.parse("128x0e+128x1o"), c.hiddenIrreps());
        assertEquals(List.of(64, 64, 64), c.radialMlp());
        assertEquals(List.of(0.0, 0.0), c.perSpeciesShifts());
        assertEquals(128, c.channels());
        assertEquals(Irreps.parse("128x0e+128x1o+128x2e+128x3o"), c.interactionIrreps());
        assertEquals(Irreps.parse("128x0e"), c.lastHiddenIrreps());
    }

    @Test
    void badValuesAreConfigErrorsNamingTheField() {
        assertField("correlation", "4 is out of range [1, 3]", b -> b.correlation(4));
        assertField("num_interactions", "0 is out of range [1, 64]", b -> b.numInteractions(0));
        assertField("hidden_irreps", "8x0e+4x1o: every block needs the same multiplicity",
                b -> b.hiddenIrreps(Irreps.parse("8x0e+4x1o")));
        assertField("hidden_irreps", "8x1o has no 0e block", b -> b.hiddenIrreps(Irreps.parse("8x1o")));
        assertField("max_ell", "-1 is out of range [0, 8]", b -> b.maxEll(-1));
        assertField("radial_MLP", "[8, 0]: width 0 is out of range", b -> b.radialMlp(List.of(8, 0)));
        assertField("MLP_irreps", "4x1o must be one block of scalars", b -> b.mlpIrreps(Irreps.parse("4x1o")));
        assertField("avg_num_neighbors", "0.0 must be positive and finite", b -> b.avgNumNeighbors(0));
        assertField("atomic_inter_scale", "NaN must be finite and nonzero", b -> b.atomicInterScale(Double.NaN));
        assertField("chemical_symbols", "[H, Xx]: 'Xx' is not an element symbol",
                b -> b.chemicalSymbols(List.of("H", "Xx")));
        assertField("per_species_shifts", "[1.0] has 1 values; chemical_symbols has 2 species",
                b -> b.perSpeciesShifts(List.of(1.0)));
    }

    private static void assertField(String field, String problem, UnaryOperator<MaceConfig.Builder> change) {
        ConfigException e = assertThrows(ConfigException.class, () -> change.apply(valid()).build());
        assertEquals(field, e.field());
        assertEquals(field + ": " + problem, e.getMessage().substring(0, Math.min(e.getMessage().length(),
                field.length() + 2 + problem.length())));
    }
}
