package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Comparison;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.ReferenceKinds;
import org.equikern.validate.ValidationContext;

/** Runs every case of an e3nn reference file through its registered kind, in one precision. */
final class ReferenceCheck {
    private ReferenceCheck() {
    }

    /** Asserts that every case passes; returns the largest max_abs seen. */
    static double allCasesPass(String fileName, Precision precision) {
        JsonFields file = ReferenceCases.e3nn(fileName);
        ReferenceKind kind = ReferenceKinds.all().get(file.string("kind"));
        List<JsonFields> cases = file.objects("cases");
        assertFalse(cases.isEmpty(), fileName + " has no cases");
        ValidationContext context = new ValidationContext(precision);
        double worst = 0;
        for (int i = 0; i < cases.size(); i++) {
            JsonFields c = cases.get(i);
            Comparison result = kind.check(file, c, context);
            String name = kind.caseName(c, i);
            assertTrue(result.passed(), () -> fileName + " " + name + " " + precision.label() + ": max_abs="
                    + result.maxAbs() + " max_rel=" + result.maxRel() + " in " + result.worstArray());
            worst = Math.max(worst, result.maxAbs());
        }
        assertEquals(file.string("kind"), kind.kind());
        return worst;
    }
}
