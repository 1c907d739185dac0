package org.equikern.validate.kinds;

import org.equikern.group.Wigner3j;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Comparison;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/** Reference kind {@code wigner_3j}: e3nn's real-basis Wigner 3j tensors. */
public final class Wigner3jKind implements ReferenceKind {
    @Override
    public String kind() {
        return "wigner_3j";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return "l=" + testCase.integer("l1") + "," + testCase.integer("l2") + "," + testCase.integer("l3");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        int l1 = testCase.integer("l1");
        int l2 = testCase.integer("l2");
        int l3 = testCase.integer("l3");
        double[] expected = CaseFields.values(testCase, "values", CaseFields.irrepDim(testCase, "l1"),
                CaseFields.irrepDim(testCase, "l2"), CaseFields.irrepDim(testCase, "l3"));
        double[] actual = Wigner3j.of(l1, l2, l3).toArray();
        Tolerance tolerance = Tolerance.of(context.precision(), true);
        return Comparison.of("values", expected, Precisions.round(actual, context.precision()), tolerance);
    }
}
