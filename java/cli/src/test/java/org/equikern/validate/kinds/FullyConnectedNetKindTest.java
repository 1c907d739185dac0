package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Comparison;
import org.equikern.validate.Precision;
import org.equikern.validate.ValidationContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FullyConnectedNetKindTest {
    private final FullyConnectedNetKind kind = new FullyConnectedNetKind();
    private final JsonFields file = ReferenceCases.e3nnExtra("fully_connected_net.json");

    @Test
    void everyArrayOfEveryCaseMatchesE3nnToOneInATrillion() {
        assertEquals("fully_connected_net", file.string("kind"));
        List<JsonFields> cases = file.objects("cases");
        assertEquals(4, cases.size());
        for (JsonFields c : cases) {
            Map<String, double[]> computed = FullyConnectedNetKind.compute(c);
            assertEquals(6, computed.size());
            for (Map.Entry<String, double[]> e : computed.entrySet()) {
                double[] expected = c.doubles(e.getKey());
                double[] actual = e.getValue();
                assertEquals(expected.length, actual.length, c.path() + "." + e.getKey());
                double diff = 0;
                double scale = 0;
                for (int i = 0; i < expected.length; i++) {
                    diff = Math.max(diff, Math.abs(actual[i] - expected[i]));
                    scale = Math.max(scale, Math.abs(expected[i]));
                }
                assertTrue(scale > 0, c.path() + "." + e.getKey() + " is all zeros: a vacuous reference");
                assertTrue(diff <= 1e-12 * scale, c.path() + "." + e.getKey() + ": max rel " + diff / scale);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyCasePassesTheHarnessTolerance(Precision precision) {
        for (JsonFields c : file.objects("cases")) {
            Comparison result = kind.check(file, c, new ValidationContext(precision));
            assertTrue(result.passed(), c.path() + " " + precision + ": max rel " + result.maxRel());
        }
    }

    @Test
    void theIntegratedConstantInsteadOfE3nnsMonteCarloOneFails() {
        // The Monte-Carlo constant differs from the Gaussian integral by ~1e-3: the file's constant is used.
        JsonFields c = file.objects("cases").get(0);
        String text = "{\"name\":\"n\",\"hs\":[8,16,16,4],\"act\":\"silu\",\"act_constant\":1.6765324703310912,"
                + "\"variance_in\":1,\"variance_out\":1,\"out_act\":false,\"batch\":5";
        StringBuilder json = new StringBuilder(text);
        for (String key : new String[] {"x", "weights", "out", "grad_out", "grad_x", "grad_weights", "v_x",
                "v_weights", "double_backward_x", "double_backward_weights", "double_backward_grad_out"}) {
            json.append(",\"").append(key).append("\":").append(java.util.Arrays.toString(c.doubles(key)));
        }
        JsonFields integrated = JsonFields.parse(json.append('}').toString(), "integrated");
        Comparison result = kind.check(file, integrated, new ValidationContext(Precision.F64));
        assertFalse(result.passed());
        assertTrue(result.maxRel() < 5e-3, "max rel " + result.maxRel());
    }

    @Test
    void registeredUnderItsKindWithCaseNames() {
        ReferenceKindChecks.assertRegistered(FullyConnectedNetKind.class, "fully_connected_net");
        assertEquals("silu_8_16_16_4", kind.caseName(file.objects("cases").get(0), 0));
    }
}
