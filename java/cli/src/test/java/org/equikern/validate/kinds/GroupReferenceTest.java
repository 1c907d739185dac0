package org.equikern.validate.kinds;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.testing.ReferenceFiles;
import org.equikern.validate.Comparison;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Precision;
import org.equikern.validate.ValidationContext;
import org.junit.jupiter.api.Test;

/** The host-side group math (Wigner 3j, Wigner D, spherical harmonics) against e3nn's files, case by case. */
class GroupReferenceTest {
    @Test
    void wigner3jMatchesE3nnInDouble() {
        double worst = ReferenceCheck.allCasesPass("wigner_3j.json", Precision.F64);
        // Exact computation: agreement with e3nn's float64 values is at round-off level.
        assertTrue(worst < 1e-14, "max_abs " + worst);
    }

    @Test
    void wigner3jMatchesE3nnInFloat() {
        ReferenceCheck.allCasesPass("wigner_3j.json", Precision.F32);
    }

    @Test
    void wignerDMatchesE3nnInDouble() {
        double worst = ReferenceCheck.allCasesPass("wigner_D.json", Precision.F64);
        assertTrue(worst < 3e-10, "max_abs " + worst);
    }

    @Test
    void wignerDMatchesE3nnInFloat() {
        ReferenceCheck.allCasesPass("wigner_D.json", Precision.F32);
    }

    @Test
    void sphericalHarmonicsMatchE3nnInDouble() {
        ReferenceCheck.allCasesPass("spherical_harmonics.json", Precision.F64);
    }

    @Test
    void sphericalHarmonicsMatchE3nnInFloat() {
        ReferenceCheck.allCasesPass("spherical_harmonics.json", Precision.F32);
    }

    @Test
    void sphericalHarmonicsMatchE3nnHardCodedPolynomialsUpToL11() {
        // e3nn's own polynomials for l <= 11, evaluated in float64 on non-unit vectors.
        JsonFields file = JsonFields.parse(
                ReferenceFiles.text("e3nn_polynomials", "spherical_harmonics_lmax11.json"), "");
        JsonFields c = file.objects("cases").get(0);
        assertEquals(11, c.integer("lmax"));
        Comparison result = new SphericalHarmonicsKind().check(file, c, new ValidationContext(Precision.F64));
        assertTrue(result.passed(), "max_rel " + result.maxRel());
        assertTrue(result.maxRel() < 1e-13, "max_rel " + result.maxRel());
    }
}
