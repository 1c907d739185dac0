package org.equikern.validate.kinds;

import java.util.Locale;
import org.equikern.group.Rotation;
import org.equikern.group.WignerD;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Comparison;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Reference kind {@code wigner_D}: each listed D_l from the Euler angles, and the same D_l and
 * rotation matrix reached from the case's quaternion and from its matrix.
 *
 * <p>Rotation matrices are compared with the absolute tolerance, the D matrices relative to their
 * largest entry (which is of order 1): e3nn evaluates D with {@code torch.matrix_exp}, whose float64
 * error reaches 2e-10 in the shipped reference (case #2: its D_1 differs from its own rotation
 * matrix by 2.1e-10), above the 1e-10 absolute bound.
 */
public final class WignerDKind implements ReferenceKind {
    @Override
    public String kind() {
        return "wigner_D";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return String.format(Locale.ROOT, "#%d alpha=%.4f beta=%.4f gamma=%.4f", index,
                testCase.number("alpha"), testCase.number("beta"), testCase.number("gamma"));
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        Precision precision = context.precision();
        Tolerance tolerance = Tolerance.of(precision, true);
        Tolerance dTolerance = Tolerance.of(precision, false);
        double[] matrix = testCase.doubles("matrix", 9);
        double[] q = testCase.doubles("quaternion", 4);
        Rotation fromEuler = Rotation.fromEuler(testCase.number("alpha"), testCase.number("beta"),
                testCase.number("gamma"));
        Rotation fromQuaternion = Rotation.fromQuaternion(q[0], q[1], q[2], q[3]);
        Rotation fromMatrix = Rotation.fromMatrix(matrix);
        Comparison result = Comparison.of("matrix (euler)", matrix,
                Precisions.round(fromEuler.matrix(), precision), tolerance)
                .and(Comparison.of("matrix (quaternion)", matrix,
                        Precisions.round(fromQuaternion.matrix(), precision), tolerance));
        for (JsonFields d : testCase.objects("D")) {
            int l = d.integer("l");
            long dim = CaseFields.irrepDim(d, "l");
            double[] expected = CaseFields.values(d, "values", dim, dim);
            result = result
                    .and(Comparison.of("D_" + l + " (euler)", expected,
                            Precisions.round(WignerD.of(l, fromEuler), precision), dTolerance))
                    .and(Comparison.of("D_" + l + " (quaternion)", expected,
                            Precisions.round(WignerD.of(l, fromQuaternion), precision), dTolerance))
                    .and(Comparison.of("D_" + l + " (matrix)", expected,
                            Precisions.round(WignerD.of(l, fromMatrix), precision), dTolerance));
        }
        return result;
    }
}
