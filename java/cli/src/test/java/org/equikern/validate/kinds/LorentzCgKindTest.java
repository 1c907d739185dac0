package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.equikern.device.Device;
import org.equikern.runtime.Devices;
import org.equikern.validate.CaseResult;
import org.equikern.validate.Harness;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKinds;
import org.equikern.validate.ValidationContext;
import org.junit.jupiter.api.Test;

class LorentzCgKindTest {
    private final LorentzCgKind kind = new LorentzCgKind();

    @Test
    void everyCaseOfLgnsFilePassesThroughTheHarnessOnTheHost() throws Exception {
        Path file = Path.of(getClass().getResource("/test-data/lorentz/lorentz_cg.json").toURI());
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        List<CaseResult> results;
        try (Device java = Devices.open("java")) {
            results = new Harness(ReferenceKinds.all(), List.of(Precision.F64, Precision.F32), List.of(java),
                    new PrintStream(text, true, StandardCharsets.UTF_8)).run(List.of(file));
        }
        String table = text.toString(StandardCharsets.UTF_8);
        assertEquals(66, results.size(), table);
        for (CaseResult r : results) {
            assertTrue(r.passed(), r.line());
            assertTrue(r.line().contains(" host "), r.line());
        }
        assertTrue(table.contains("lorentz_cg (2,2)x(2,2)->(2,2) host f64 "), table);
        assertTrue(table.endsWith("66 passed, 0 failed" + System.lineSeparator()));
    }

    @Test
    void registeredUnderItsKind() {
        ReferenceKindChecks.assertRegistered(LorentzCgKind.class, "lorentz_cg");
    }

    @Test
    void acceptsOtherIrrepsAndFailsWrongValues() {
        // (0,0) ⊗ (3,0) → (3,0) is the identity, a case LGN's file does not hold.
        StringBuilder identity = new StringBuilder();
        for (int i = 0; i < 16; i++) identity.append(i > 0 ? "," : "").append(i % 5 == 0 ? 1 : 0);
        JsonFields file = JsonFields.parse(caseFile("[1,4,4]", identity.toString()), "other.json");
        JsonFields c = file.objects("cases").get(0);
        assertEquals("(0,0)x(3,0)->(3,0)", kind.caseName(c, 0));
        for (Precision p : Precision.values()) assertTrue(kind.check(file, c, new ValidationContext(p)).passed());
        JsonFields wrong = JsonFields.parse(caseFile("[1,4,4]", identity.toString().replaceFirst("1", "0.9999999")),
                "wrong.json");
        assertFalse(kind.check(wrong, wrong.objects("cases").get(0), new ValidationContext(Precision.F64)).passed());
    }

    @Test
    void wrongShapesNameTheField() {
        JsonFields shape = JsonFields.parse(caseFile("[1,4,3]", "0,0,0,0,0,0,0,0,0,0,0,0"), "shape.json");
        JsonFieldException e = assertThrows(JsonFieldException.class,
                () -> kind.check(shape, shape.objects("cases").get(0), new ValidationContext(Precision.F64)));
        assertEquals("shape.json.cases[0].shape", e.field());
        JsonFields length = JsonFields.parse(caseFile("[1,4,4]", "1,0"), "length.json");
        JsonFieldException l = assertThrows(JsonFieldException.class,
                () -> kind.check(length, length.objects("cases").get(0), new ValidationContext(Precision.F64)));
        assertEquals("length.json.cases[0].cg", l.field());
    }

    private static String caseFile(String shape, String values) {
        return "{\"kind\":\"lorentz_cg\",\"cases\":[{\"name\":\"x\",\"k1\":0,\"n1\":0,\"k2\":3,\"n2\":0,\"k\":3,\"n\":0,"
                + "\"shape\":" + shape + ",\"cg\":[" + values + "]}]}";
    }
}
