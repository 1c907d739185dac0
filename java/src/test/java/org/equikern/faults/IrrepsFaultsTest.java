package org.equikern.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.Random;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.group.Rotation;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;
import org.equikern.group.Wigner3j;
import org.equikern.group.WignerD;
import org.junit.jupiter.api.Test;

/**
 * Generated irreps strings (well-formed with extreme multiplicities and degrees, and garbled ones),
 * degrees out of range for the group functions: each parses to the right dimension or is rejected
 * naming the input, never overflows, hangs or throws another exception.
 */
class IrrepsFaultsTest {
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int[] MULS = {0, 1, 2, 3, 7, 32, 65536, 1_000_000_000, Integer.MAX_VALUE};
    private static final int[] LS = {0, 1, 2, 3, 10, 65535, 65536, 1_073_741_824, Integer.MAX_VALUE};
    private static final String NOISE = "xeoy+- \t\n\r\u0000\u0007\u007f\u00a0\u2003,;:()[]{}'\"\\/.*=_!?0123456789-e٣ｅ\uD83D\uDE00";

    private final Random random = new Random(Seeds.SEED);
    private final FaultRecorder recorder = new FaultRecorder(Seeds.SEED);

    @Test
    void irrepsStringsParseExactlyOrAreRejectedByPosition() {
        for (int i = 0; i < 300; i++) wellFormed();
        for (int i = 0; i < 600; i++) garbled();
        recorder.mustReject("irreps.null", "Irreps.parse(null)", () -> Irreps.parse(null), "text");
        recorder.mustReject("irreps.null", "Irrep.parse(null)", () -> Irrep.parse(null), "text");
        recorder.assertNoFaults("irreps strings");
    }

    @Test
    void degreesOutOfRangeAreRejectedAtOnce() {
        for (int i = 0; i < 80; i++) {
            int l = pick(LS) - (random.nextBoolean() ? 0 : random.nextInt(3));
            int sign = random.nextInt(5) - 2;
            boolean valid = l >= 0 && l <= Irrep.MAX_L && (sign == 1 || sign == -1);
            String input = "Irrep.of(" + l + ", " + sign + ")";
            if (valid) {
                recorder.mustPass("irrep.of", input, () -> Irrep.of(l, sign), r -> assertEquals(2 * l + 1, r.dim()));
            } else {
                recorder.mustReject("irrep.of", input, () -> Irrep.of(l, sign), "l", "parity");
            }
        }
        for (int i = 0; i < 40; i++) {
            int lmax = random.nextBoolean() ? random.nextInt(200) - 20 : pick(LS);
            long dim = (long) (lmax + 1) * (lmax + 1);
            String input = "Irreps.sphericalHarmonics(" + lmax + ")";
            if (lmax >= 0 && lmax <= Irrep.MAX_L && dim <= MAX_ARRAY) {
                recorder.mustPass("irreps.sh", input, () -> Irreps.sphericalHarmonics(lmax),
                        r -> assertEquals(dim, r.dim()));
            } else {
                recorder.mustReject("irreps.sh", input, () -> Irreps.sphericalHarmonics(lmax), "lmax", "l ");
            }
        }
        for (int i = 0; i < 80; i++) wigner3j();
        for (int i = 0; i < 40; i++) wignerD();
        for (int i = 0; i < 40; i++) {
            int lmax = random.nextBoolean() ? random.nextInt(12) : pick(LS) - random.nextInt(2);
            String input = "SphericalHarmonics.of(" + lmax + ")";
            if (lmax >= 0 && lmax <= SphericalHarmonics.MAX_L) {
                recorder.mustPass("sh.of", input, () -> SphericalHarmonics.of(lmax, ShNormalization.COMPONENT, true),
                        r -> assertEquals((lmax + 1) * (lmax + 1), r.dim()));
            } else {
                recorder.mustReject("sh.of", input, () -> SphericalHarmonics.of(lmax, ShNormalization.COMPONENT, true),
                        "lmax");
            }
        }
        recorder.assertNoFaults("degrees");
    }

    /** A string built from known blocks: the exact dimension decides between a result and a rejection. */
    private void wellFormed() {
        int blocks = random.nextInt(4);
        StringBuilder text = new StringBuilder();
        BigInteger dim = BigInteger.ZERO;
        boolean lInRange = true;
        for (int b = 0; b < blocks; b++) {
            int mul = random.nextInt(3) == 0 ? pick(MULS) : random.nextInt(5);
            int l = random.nextInt(4) == 0 ? pick(LS) : random.nextInt(4);
            if (b > 0) text.append(random.nextBoolean() ? "+" : " + ");
            if (mul != 1 || random.nextBoolean()) text.append(mul).append('x');
            text.append(l).append(random.nextBoolean() ? 'e' : 'o');
            lInRange &= l <= Irrep.MAX_L;
            dim = dim.add(BigInteger.valueOf(mul).multiply(BigInteger.valueOf(2L * l + 1)));
        }
        String input = text.toString();
        long expected = dim.min(BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        if (lInRange && expected <= MAX_ARRAY) {
            int size = blocks;
            recorder.mustPass("irreps.wellformed", input, () -> Irreps.parse(input), r -> {
                assertEquals(expected, r.dim());
                assertEquals(size, r.size());
            });
        } else {
            recorder.mustReject("irreps.wellformed", input, () -> Irreps.parse(input), "limit", "range", "above");
        }
    }

    /** A well-formed string with a few characters inserted, deleted or replaced. */
    private void garbled() {
        StringBuilder text = new StringBuilder(random.nextInt(4) == 0 ? "" : "3x0e+2x1o+1x2e");
        for (int m = random.nextInt(3) + 1; m > 0; m--) {
            int at = text.length() == 0 ? 0 : random.nextInt(text.length() + 1);
            int kind = random.nextInt(3);
            if (kind == 0 || text.length() == 0) {
                text.insert(at, NOISE.charAt(random.nextInt(NOISE.length())));
            } else if (kind == 1 && at < text.length()) {
                text.deleteCharAt(at);
            } else if (at < text.length()) {
                text.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length())));
            }
        }
        String input = text.toString();
        recorder.mayPass("irreps.garbled", input, () -> Irreps.parse(input), r -> {
            long dim = 0;
            for (MulIrrep block : r) dim += (long) block.mul() * (2L * block.irrep().l() + 1);
            assertEquals(dim, r.dim(), "dimension of " + r);
            assertEquals(r, Irreps.parse(r.toString()), "round trip of " + r);
        }, "position");
    }

    private void wigner3j() {
        int[] l = new int[3];
        for (int k = 0; k < 3; k++) l[k] = random.nextInt(3) == 0 ? pick(LS) - random.nextInt(2) : random.nextInt(6);
        String input = "Wigner3j.of(" + l[0] + ", " + l[1] + ", " + l[2] + ")";
        boolean inRange = l[0] >= 0 && l[1] >= 0 && l[2] >= 0 && l[0] <= Wigner3j.MAX_L && l[1] <= Wigner3j.MAX_L
                && l[2] <= Wigner3j.MAX_L;
        if (!inRange) {
            recorder.mustReject("wigner3j", input, () -> Wigner3j.of(l[0], l[1], l[2]), "l", "range");
            return;
        }
        // Orthonormality, exact math: sum over m1, m2 of C(m1, m2, m3) C(m1, m2, m3') = delta / (2 l3 + 1) when coupled.
        recorder.mayPass("wigner3j", input, () -> Wigner3j.of(l[0], l[1], l[2]), c -> {
            int d1 = 2 * l[0] + 1, d2 = 2 * l[1] + 1, d3 = 2 * l[2] + 1;
            boolean coupled = Math.abs(l[0] - l[1]) <= l[2] && l[2] <= l[0] + l[1];
            for (int k = 0; k < d3; k++) {
                for (int kk = 0; kk < d3; kk++) {
                    double s = 0;
                    for (int i = 0; i < d1; i++) for (int j = 0; j < d2; j++) s += c.get(i, j, k) * c.get(i, j, kk);
                    assertEquals(coupled && k == kk ? 1.0 / d3 : 0.0, s, 1e-12, input + " orthonormality");
                }
            }
        }, "triangle", "l");
    }

    private void wignerD() {
        int l = random.nextBoolean() ? random.nextInt(6) : pick(LS) - random.nextInt(2);
        Rotation r = Rotation.random(random);
        String input = "WignerD.of(" + l + ", " + r + ")";
        if (l < 0 || l > WignerD.MAX_L) {
            recorder.mustReject("wignerD", input, () -> WignerD.of(l, r), "l");
            return;
        }
        recorder.mustPass("wignerD", input, () -> WignerD.of(l, r), d -> {
            int n = 2 * l + 1;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    double s = 0;
                    for (int k = 0; k < n; k++) s += d[i * n + k] * d[j * n + k];
                    assertEquals(i == j ? 1 : 0, s, 1e-12, input + " orthogonality");
                }
            }
            assertTrue(d.length == n * n);
        });
    }

    private int pick(int[] values) {
        return values[random.nextInt(values.length)];
    }
}
