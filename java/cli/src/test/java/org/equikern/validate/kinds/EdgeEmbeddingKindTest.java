package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Precision;
import org.equikern.validate.ValidationContext;
import org.junit.jupiter.api.Test;

/**
 * The edge embedding (harmonics, radial bases with NequIP's cutoff, position gradients) against
 * e3nn and NequIP's formulas (test-data/e3nn_extra/edge_embedding.json).
 */
class EdgeEmbeddingKindTest {
    private final EdgeEmbeddingKind kind = new EdgeEmbeddingKind();

    @Test
    void everyReferenceCasePassesForwardAndBackward() {
        JsonFields file = ReferenceCases.e3nnExtra("edge_embedding.json");
        ReferenceKindChecks.assertEveryCasePasses(kind, file, Precision.F64, 1e-12);
        ReferenceKindChecks.assertEveryCasePasses(kind, file, Precision.F32, 1e-5);
    }

    @Test
    void coversEveryBasisAndEdgesBeyondTheCutoff() {
        List<JsonFields> cases = ReferenceCases.e3nnExtra("edge_embedding.json").objects("cases");
        assertEquals(List.of("e3nn_bessel", "nequip_bessel", "e3nn_gaussian", "e3nn_gaussian_cutoff"),
                cases.stream().map(c -> c.string("basis")).collect(Collectors.toList()));
        for (JsonFields c : cases) {
            double beyond = 0;
            for (double r : c.doubles("lengths")) beyond = Math.max(beyond, r - c.number("radius"));
            assertTrue(beyond > 0, c.path() + ": no edge beyond the cutoff");
        }
    }

    @Test
    void registeredUnderItsKind() {
        ReferenceKindChecks.assertRegistered(EdgeEmbeddingKind.class, "edge_embedding");
    }

    @Test
    void unknownBasisNamesTheField() {
        JsonFields file = JsonFields.parse("{\"kind\":\"edge_embedding\",\"cases\":[{\"basis\":\"chebyshev\","
                + "\"lmax\":0,\"normalization\":\"component\",\"number\":1,\"radius\":2,\"cutoff_exponent\":6,"
                + "\"atoms\":1,\"edges\":0,\"edge_src\":[],\"edge_dst\":[],\"positions\":[0,0,0],\"lengths\":[],"
                + "\"sh\":[],\"radial\":[],\"grad_sh\":[],\"grad_radial\":[],\"grad_positions\":[0,0,0]}]}", "");
        JsonFieldException e = assertThrows(JsonFieldException.class,
                () -> kind.check(file, file.objects("cases").get(0), new ValidationContext(Precision.F64)));
        assertEquals("cases[0].basis", e.field());
        assertTrue(e.getMessage().contains("unknown basis 'chebyshev'"), e.getMessage());
    }
}
