package org.equikern.validate.kinds;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;
import org.equikern.ops.harmonics.SphericalHarmonicsOp;
import org.equikern.validate.Comparison;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Reference kind {@code spherical_harmonics}: e3nn's real spherical harmonics of a batch of
 * vectors. In f32 the vectors are rounded to float and the float overload runs.
 */
public final class SphericalHarmonicsKind implements ReferenceKind {
    @Override
    public String kind() {
        return "spherical_harmonics";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return "lmax=" + testCase.integer("lmax") + " " + testCase.string("normalization")
                + (testCase.bool("normalize") ? " normalize" : "");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        int lmax = testCase.integer("lmax");
        boolean normalize = testCase.bool("normalize");
        int n = testCase.integer("n");
        ShNormalization normalization = CaseFields.parsed(testCase, "normalization", ShNormalization::parse);
        if (lmax < 0) throw new JsonFieldException(testCase.where("lmax"), "must be at least 0, found " + lmax);
        double[] vectors = CaseFields.values(testCase, "vectors", 3, n);
        double[] expected = CaseFields.values(testCase, "values", n, lmax + 1L, lmax + 1L);
        SphericalHarmonics sh = SphericalHarmonics.of(lmax, normalization, normalize);
        // Unit vectors give values of order 1 (absolute bound); raw polynomials scale as r^l.
        Tolerance tolerance = Tolerance.of(context.precision(), normalize);
        try (SphericalHarmonicsOp op = SphericalHarmonicsOp.on(context.device(), sh, context.dtype());
                MemoryScope scope = context.device().openScope()) {
            DeviceBuffer out = context.allocate(scope, expected.length);
            op.forward(context.upload(scope, vectors), out, n);
            return Comparison.of("values", expected, ValidationContext.read(out), tolerance);
        }
    }

    @Override
    public boolean runsOnDevices() {
        return true;
    }
}
