package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Precision;
import org.equikern.validate.ValidationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class LinearKindTest {
    private final LinearKind kind = new LinearKind();

    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyReferenceCasePasses(Precision precision) {
        ReferenceKindChecks.assertEveryReferenceCasePasses(kind, "linear", precision);
    }

    @Test
    void registeredUnderItsKind() {
        ReferenceKindChecks.assertRegistered(LinearKind.class, "linear");
    }

    @Test
    void acceptsOtherFilesOfTheFormat() {
        // 2x0e -> 1x0e+1x1o: out_0 = (w0·1 + w1·2)/√2 = (3 + 4·2)/√2; 1x1o has no input, so zero.
        JsonFields file = JsonFields.parse("{\"kind\":\"linear\",\"cases\":[{\"irreps_in\":\"2x0e\","
                + "\"irreps_out\":\"1x0e+1x1o\",\"batch\":1,\"weight_numel\":2,\"x\":[1,2],\"weight\":[3,4],"
                + "\"out\":[" + 11 / Math.sqrt(2) + ",0,0,0]}]}", "hand.json");
        JsonFields c = file.objects("cases").get(0);
        assertEquals("2x0e -> 1x0e+1x1o", kind.caseName(c, 0));
        for (Precision p : Precision.values()) {
            assertTrue(kind.check(file, c, new ValidationContext(p)).passed(), p.label());
        }
    }

    @Test
    void wrongValuesFailAndWrongShapesNameTheField() {
        JsonFields wrong = JsonFields.parse("{\"kind\":\"linear\",\"cases\":[{\"irreps_in\":\"1x0e\","
                + "\"irreps_out\":\"1x0e\",\"batch\":1,\"weight_numel\":1,\"x\":[2],\"weight\":[3],\"out\":[6.1]}]}",
                "wrong.json");
        assertFalse(kind.check(wrong, wrong.objects("cases").get(0), new ValidationContext(Precision.F64)).passed());
        JsonFields badNumel = JsonFields.parse("{\"kind\":\"linear\",\"cases\":[{\"irreps_in\":\"1x0e\","
                + "\"irreps_out\":\"1x0e\",\"batch\":1,\"weight_numel\":2,\"x\":[2],\"weight\":[3,1],\"out\":[6]}]}",
                "numel.json");
        JsonFieldException e = assertThrows(JsonFieldException.class,
                () -> kind.check(badNumel, badNumel.objects("cases").get(0), new ValidationContext(Precision.F64)));
        assertEquals("numel.json.cases[0].weight_numel", e.field());
        JsonFields shortX = JsonFields.parse("{\"kind\":\"linear\",\"cases\":[{\"irreps_in\":\"1x0e\","
                + "\"irreps_out\":\"1x0e\",\"batch\":2,\"weight_numel\":1,\"x\":[2],\"weight\":[3],\"out\":[6,6]}]}",
                "short.json");
        JsonFieldException s = assertThrows(JsonFieldException.class,
                () -> kind.check(shortX, shortX.objects("cases").get(0), new ValidationContext(Precision.F64)));
        assertEquals("short.json.cases[0].x", s.field());
    }
}
