package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Comparison;
import org.equikern.validate.Precision;
import org.equikern.validate.ValidationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class GateKindTest {
    private final GateKind kind = new GateKind();

    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyReferenceCasePassesWithE3nnConstants(Precision precision) {
        ReferenceKindChecks.assertEveryReferenceCasePasses(kind, "gate", precision);
    }

    @Test
    void registeredUnderItsKind() {
        ReferenceKindChecks.assertRegistered(GateKind.class, "gate");
    }

    @Test
    void acceptsOtherFilesAndNullActivations() {
        // scalars 1x0e (relu, constant 2 from the file), gates 1x0o (None: unscaled identity) gating 1x1e:
        // x = [s, g, v0, v1, v2] sorted as 0o, 0e, 1e -> input order [g, s, v]; out = [2·relu(s), g·v] with 1x1o.
        JsonFields file = JsonFields.parse("{\"kind\":\"gate\",\"e3nn_second_moment_constants\":{\"relu\":2.0},"
                + "\"cases\":[{\"irreps_scalars\":\"1x0e\",\"act_scalars\":[\"relu\"],\"irreps_gates\":\"1x0o\","
                + "\"act_gates\":[null],\"irreps_gated\":\"1x1e\",\"irreps_in\":\"1x0o+1x0e+1x1e\","
                + "\"irreps_out\":\"1x0e+1x1o\",\"batch\":2,\"x\":[3,1.5,1,2,-1, -2,-0.5,4,0,1],"
                + "\"out\":[3,3,6,-3, 0,-8,0,-2]}]}", "hand.json");
        JsonFields c = file.objects("cases").get(0);
        assertEquals("1x0o+1x0e+1x1e -> 1x0e+1x1o", kind.caseName(c, 0));
        for (Precision p : Precision.values()) {
            Comparison r = kind.check(file, c, new ValidationContext(p));
            assertTrue(r.passed(), p.label() + " max abs " + r.maxAbs());
        }
    }

    @Test
    void withoutFileConstantsTheIntegratedOnesAreWithinFiveThousandths() {
        JsonFields file = ReferenceCases.e3nn("gate.json");
        JsonFields bare = JsonFields.parse("{\"kind\":\"gate\",\"cases\":[]}", "bare.json");
        for (JsonFields c : file.objects("cases")) {
            Comparison r = kind.check(bare, c, new ValidationContext(Precision.F64));
            assertFalse(r.passed(), "the Monte-Carlo constants differ from the integral by ~1e-3");
            assertTrue(r.maxRel() < 5e-3, "max rel " + r.maxRel());
        }
    }

    @Test
    void mismatchedIrrepsAndUnknownActivationsAreReported() {
        JsonFields file = JsonFields.parse("{\"kind\":\"gate\",\"cases\":[{\"irreps_scalars\":\"1x0e\","
                + "\"act_scalars\":[\"relu\"],\"irreps_gates\":\"\",\"act_gates\":[],\"irreps_gated\":\"\","
                + "\"irreps_in\":\"1x0e\",\"irreps_out\":\"1x0o\",\"batch\":1,\"x\":[1],\"out\":[1]},"
                + "{\"irreps_scalars\":\"1x0e\",\"act_scalars\":[\"gelu\"],\"irreps_gates\":\"\",\"act_gates\":[],"
                + "\"irreps_gated\":\"\",\"irreps_in\":\"1x0e\",\"irreps_out\":\"1x0e\",\"batch\":1,\"x\":[1],"
                + "\"out\":[1]}]}", "bad.json");
        ValidationContext f64 = new ValidationContext(Precision.F64);
        JsonFieldException e = assertThrows(JsonFieldException.class,
                () -> kind.check(file, file.objects("cases").get(0), f64));
        assertEquals("bad.json.cases[0].irreps_out", e.field());
        IllegalArgumentException u = assertThrows(IllegalArgumentException.class,
                () -> kind.check(file, file.objects("cases").get(1), f64));
        assertTrue(u.getMessage().contains("gelu"), u.getMessage());
    }
}
