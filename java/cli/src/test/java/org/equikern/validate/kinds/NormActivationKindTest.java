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

/** The norm activation against e3nn's nn.NormActivation (test-data/e3nn_extra/norm_activation.json). */
class NormActivationKindTest {
    private final NormActivationKind kind = new NormActivationKind();

    @Test
    void everyE3nnCasePassesForwardAndBackward() {
        JsonFields file = ReferenceCases.e3nnExtra("norm_activation.json");
        ReferenceKindChecks.assertEveryCasePasses(kind, file, Precision.F64, 1e-13);
        ReferenceKindChecks.assertEveryCasePasses(kind, file, Precision.F32, 1e-6);
    }

    @Test
    void registeredUnderItsKind() {
        ReferenceKindChecks.assertRegistered(NormActivationKind.class, "norm_activation");
    }

    @Test
    void aWrongBiasIsCaught() {
        JsonFields file = ReferenceCases.e3nnExtra("norm_activation.json");
        JsonFields c = file.objects("cases").get(0);
        String text = "{\"kind\":\"norm_activation\",\"cases\":[" + caseWithFirstBiasMoved(c) + "]}";
        JsonFields changed = JsonFields.parse(text, "changed.json");
        Comparison r = kind.check(changed, changed.objects("cases").get(0), new ValidationContext(Precision.F64));
        assertFalse(r.passed(), "a bias moved by 0.01 must change the result beyond the tolerance");
    }

    private static String caseWithFirstBiasMoved(JsonFields c) {
        double[] biases = c.doubles("biases");
        biases[0] += 0.01;
        StringBuilder sb = new StringBuilder("{\"irreps\":\"" + c.string("irreps") + "\",\"activation\":\""
                + c.string("activation") + "\",\"normalize\":" + c.bool("normalize") + ",\"bias\":true,\"batch\":"
                + c.integer("batch"));
        for (String key : new String[] {"x", "out", "grad_out", "grad_x", "grad_biases"}) {
            sb.append(",\"").append(key).append("\":").append(java.util.Arrays.toString(c.doubles(key)));
        }
        return sb.append(",\"biases\":").append(java.util.Arrays.toString(biases)).append('}').toString();
    }

    @Test
    void badActivationAndShortArraysNameTheField() {
        JsonFields file = JsonFields.parse("{\"kind\":\"norm_activation\",\"cases\":[{\"irreps\":\"1x1o\","
                + "\"activation\":\"gelu\",\"normalize\":true,\"bias\":false,\"batch\":1,\"x\":[1,2,3],"
                + "\"out\":[1,2,3],\"grad_out\":[1,2,3],\"grad_x\":[1,2,3]},{\"irreps\":\"1x1o\","
                + "\"activation\":\"silu\",\"normalize\":true,\"bias\":true,\"batch\":1,\"x\":[1,2,3],"
                + "\"out\":[1,2,3],\"grad_out\":[1,2,3],\"grad_x\":[1,2,3],\"biases\":[]}]}", "");
        ValidationContext f64 = new ValidationContext(Precision.F64);
        JsonFieldException e = assertThrows(JsonFieldException.class,
                () -> kind.check(file, file.objects("cases").get(0), f64));
        assertEquals("cases[0].activation", e.field());
        assertTrue(e.getMessage().contains("gelu"), e.getMessage());
        e = assertThrows(JsonFieldException.class, () -> kind.check(file, file.objects("cases").get(1), f64));
        assertEquals("cases[1].biases: expected 1 values, found 0", e.getMessage());
    }
}
