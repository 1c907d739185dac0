package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Comparison;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.ReferenceKinds;
import org.equikern.validate.ValidationContext;

/** Checks every reference kind's test makes against its e3nn file and the registry. */
final class ReferenceKindChecks {
    private ReferenceKindChecks() {}

    /**
     * Every case of the e3nn reference file {@code <name>.json} passes {@code kind} at
     * {@code precision}, within 1e-13 relative in F64 and 1e-6 in F32.
     */
    static void assertEveryReferenceCasePasses(ReferenceKind kind, String name, Precision precision) {
        assertEveryCasePasses(kind, ReferenceCases.e3nn(name + ".json"), precision,
                precision == Precision.F64 ? 1e-13 : 1e-6);
    }

    /** Every case of {@code file} passes {@code kind} at {@code precision}, within {@code maxRel}. */
    static void assertEveryCasePasses(ReferenceKind kind, JsonFields file, Precision precision, double maxRel) {
        assertEquals(kind.kind(), file.string("kind"));
        List<JsonFields> cases = file.objects("cases");
        assertFalse(cases.isEmpty());
        for (JsonFields c : cases) {
            Comparison result = kind.check(file, c, new ValidationContext(precision));
            assertTrue(result.passed(), c.path() + " " + precision + ": max rel " + result.maxRel());
            assertTrue(result.maxRel() < maxRel, c.path() + " " + precision + ": max rel " + result.maxRel());
        }
    }

    /** The registry lists an instance of {@code type} under {@code name}. */
    static void assertRegistered(Class<? extends ReferenceKind> type, String name) {
        assertInstanceOf(type, ReferenceKinds.all().get(name));
    }
}
