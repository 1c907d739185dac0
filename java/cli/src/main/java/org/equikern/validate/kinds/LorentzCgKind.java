package org.equikern.validate.kinds;

import java.util.Arrays;
import org.equikern.group.lorentz.LorentzClebschGordan;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Comparison;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Reference kind {@code lorentz_cg}: SL(2,C) Clebsch–Gordan tensors (k1,n1) ⊗ (k2,n2) → (k,n) in
 * LGN's canonical basis, compared at 1e-13 absolute in f64 (they are computed exactly).
 */
public final class LorentzCgKind implements ReferenceKind {
    @Override
    public String kind() {
        return "lorentz_cg";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return "(" + testCase.integer("k1") + "," + testCase.integer("n1") + ")x(" + testCase.integer("k2") + ","
                + testCase.integer("n2") + ")->(" + testCase.integer("k") + "," + testCase.integer("n") + ")";
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        LorentzClebschGordan cg = LorentzClebschGordan.of(testCase.integer("k1"), testCase.integer("n1"),
                testCase.integer("k2"), testCase.integer("n2"), testCase.integer("k"), testCase.integer("n"));
        int[] shape = {cg.in1().dim(), cg.in2().dim(), cg.out().dim()};
        int[] given = testCase.ints("shape");
        if (!Arrays.equals(shape, given)) {
            throw new JsonFieldException(testCase.path() + ".shape", "expected " + Arrays.toString(shape)
                    + " for these irreps, found " + Arrays.toString(given));
        }
        double[] expected = testCase.doubles("cg", (long) shape[0] * shape[1] * shape[2]);
        Precision precision = context.precision();
        Tolerance tolerance = precision == Precision.F64 ? Tolerance.F64_EXACT : Tolerance.of(precision, true);
        return Comparison.of("cg", expected, Precisions.round(cg.toArray(), precision), tolerance);
    }
}
