package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equikern.validate.JsonFields;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.equikern.validate.Comparison;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.ReferenceKinds;
import org.equikern.validate.ValidationContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/** Every case of e3nn's tensor_product.json: values, gradients, coefficients and weight layout. */
class TensorProductReferenceTest {
    private static final JsonFields FILE = ReferenceCases.e3nn("tensor_product.json");

    @ParameterizedTest
    @EnumSource(Precision.class)
    void everyCaseMatchesE3nn(Precision precision) {
        ReferenceKind kind = ReferenceKinds.all().get("tensor_product");
        List<JsonFields> cases = FILE.objects("cases");
        assertEquals(7, cases.size());
        ValidationContext context = new ValidationContext(precision);
        for (int i = 0; i < cases.size(); i++) {
            JsonFields c = cases.get(i);
            Comparison r = kind.check(FILE, c, context);
            String name = kind.caseName(c, i);
            assertTrue(r.passed(), () -> name + " " + precision.label() + ": max_abs=" + r.maxAbs()
                    + " max_rel=" + r.maxRel() + " in " + r.worstArray());
            double bound = precision == Precision.F64 ? 1e-12 : 1e-6;
            assertTrue(r.maxRel() < bound, name + " max_rel " + r.maxRel());
        }
    }

    @Test
    void coefficientsAndPathShapesMatchE3nn() {
        for (JsonFields c : FILE.objects("cases")) {
            TensorProductSpec spec = TensorProductKind.spec(c);
            Plan plan = spec.compile();
            List<JsonFields> instructions = c.objects("instructions");
            assertEquals(c.integer("weight_numel"), plan.weightNumel(), c.string("name"));
            for (int n = 0; n < instructions.size(); n++) {
                JsonFields ins = instructions.get(n);
                double expected = ins.number("normalized_path_weight");
                assertEquals(expected, spec.coefficient(n), 1e-15 * expected, c.string("name") + " path " + n);
                assertEquals(expected, plan.paths().get(n).coefficient(), 1e-15 * expected);
                assertEquals(java.util.Arrays.toString(ins.ints("path_shape")),
                        java.util.Arrays.toString(spec.pathShape(n)), c.string("name") + " path " + n);
            }
        }
    }
}
