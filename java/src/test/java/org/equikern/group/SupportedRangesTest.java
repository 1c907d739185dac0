package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.stream.Stream;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The supported ranges of l: calls that used to hang are rejected at once with the argument, its
 * value and the limit, and the limits themselves still compute correct values.
 */
class SupportedRangesTest {
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    static Stream<Arguments> formerHangs() {
        return Stream.of(
                hang("Irreps.sphericalHarmonics(MAX_VALUE)", () -> Irreps.sphericalHarmonics(Integer.MAX_VALUE),
                        "lmax = 2147483647", "0.." + Irrep.MAX_L),
                hang("SphericalHarmonics.of(100000)",
                        () -> SphericalHarmonics.of(100000, ShNormalization.COMPONENT, true), "lmax = 100000",
                        "0.." + SphericalHarmonics.MAX_L),
                hang("WignerD.of(100000)", () -> WignerD.of(100000, Rotation.fromEuler(0.1, 0.2, 0.3)),
                        "l = 100000", "0.." + WignerD.MAX_L),
                hang("Wigner3j.of(3000, 3000, 3000)", () -> Wigner3j.of(3000, 3000, 3000), "(3000, 3000, 3000)",
                        "MAX_L = " + Wigner3j.MAX_L),
                hang("Wigner3j.of(65535, 65535, 0)", () -> Wigner3j.of(65535, 65535, 0), "(65535, 65535, 0)",
                        "MAX_L = " + Wigner3j.MAX_L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("formerHangs")
    void formerHangsAreRejectedAtOnce(String call, Executable executable, String value, String limit) {
        IllegalArgumentException e = assertTimeoutPreemptively(AT_ONCE,
                () -> assertThrows(IllegalArgumentException.class, executable), call);
        assertTrue(e.getMessage().contains(value) && e.getMessage().contains(limit), call + ": " + e.getMessage());
    }

    @Test
    void harmonicsAtTheLimitHaveTheirNorm() {
        // Component normalization: each degree's block of a unit vector has squared norm 2l+1.
        SphericalHarmonics sh = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> SphericalHarmonics.of(SphericalHarmonics.MAX_L, ShNormalization.COMPONENT, true));
        double[] out = new double[sh.dim()];
        sh.compute(new double[] {0.3, -0.5, 0.8}, out, 1);
        int l = SphericalHarmonics.MAX_L;
        double norm = 0;
        for (int k = l * l; k < (l + 1) * (l + 1); k++) norm += out[k] * out[k];
        assertEquals(2 * l + 1, norm, 1e-8 * (2 * l + 1));
    }

    @Test
    void wigner3jAtTheLimitHasUnitNorm() {
        int l = Wigner3j.MAX_L;
        Wigner3j c = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> Wigner3j.of(l, l, 1));
        double norm = 0;
        for (double v : c.toArray()) norm += v * v;
        assertEquals(1.0, norm, 1e-12);
    }

    @Test
    void weightCountsAreExact() {
        // u<vw on 7000x0e -> 3x0e: 7000·6999/2 pairs × 3 outputs, computed here in exact long arithmetic.
        TensorProductSpec spec = TensorProductSpec.builder("7000x0e", "7000x0e", "3x0e")
                .instruction(0, 0, 0, "u<vw", true).build();
        assertEquals(7000L * 6999 / 2 * 3, spec.weightNumel());
        assertEquals(3L * 1_000_000 * 7, Irreps.parse("1000000x3e+2000000x3o").dim());
    }

    private static Arguments hang(String call, Executable executable, String value, String limit) {
        return Arguments.of(call, executable, value, limit);
    }
}
