package org.equikern.ops.lorentzproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.LorentzClebschGordan;
import org.equikern.group.lorentz.SL2C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The complex CG product against per-channel couplings of {@link LorentzClebschGordan#couple},
 * its equivariance under random SO⁺(1,3) elements, and its gradients against finite differences.
 */
class LorentzProductTest {
    private static final LorentzIrreps IN1 = LorentzIrreps.parse("2x(0,0)+2x(1,1)+2x(1,0)");
    private static final LorentzIrreps IN2 = LorentzIrreps.parse("2x(1,1)+2x(0,1)");
    private static final LorentzIrreps OUT = LorentzIrreps.parse("2x(0,0)+2x(1,1)+2x(2,2)+2x(1,2)+2x(2,0)");
    private static final int BATCH = 3;

    private static LorentzProduct product(LorentzProduct.Mode mode) {
        return new LorentzProduct(IN1, IN2, OUT, mode);
    }

    @ParameterizedTest
    @EnumSource(LorentzProduct.Mode.class)
    void forwardIsTheWeightedSumOfChannelCouplings(LorentzProduct.Mode mode) {
        LorentzProduct tp = product(mode);
        Random random = new Random(1);
        ComplexTensor x1 = LorentzFeatures.random(random, BATCH * IN1.dim());
        ComplexTensor x2 = LorentzFeatures.random(random, BATCH * IN2.dim());
        ComplexTensor w = LorentzFeatures.random(random, tp.weightLength());
        ComplexTensor out = ComplexTensor.zeros(BATCH * OUT.dim());
        tp.forward(x1, x2, w, out, BATCH);
        ComplexTensor expected = ComplexTensor.zeros(out.length());
        int weight = 0;
        for (int[] path : tp.paths()) {
            int s1 = path[0], s2 = path[1], so = path[2];
            LorentzClebschGordan cg = LorentzClebschGordan.of(IN1.irrep(s1), IN2.irrep(s2), OUT.irrep(so));
            int m = IN1.mul(s1);
            for (int b = 0; b < BATCH; b++) {
                for (int u = 0; u < m; u++) {
                    for (int v = 0; v < m; v++) {
                        for (int wo = 0; wo < m; wo++) {
                            boolean channelWise = mode == LorentzProduct.Mode.CHANNEL_WISE;
                            if (channelWise && (v != u || wo != u)) continue;
                            int k = weight + (channelWise ? u : (u * m + v) * m + wo);
                            ComplexMatrix c = cg.couple(
                                    LorentzFeatures.column(x1, b * IN1.dim() + IN1.offset(s1) + u * cg.in1().dim(),
                                            cg.in1().dim()),
                                    LorentzFeatures.column(x2, b * IN2.dim() + IN2.offset(s2) + v * cg.in2().dim(),
                                            cg.in2().dim()));
                            int base = b * OUT.dim() + OUT.offset(so) + wo * cg.out().dim();
                            for (int i = 0; i < cg.out().dim(); i++) {
                                expected.re()[base + i] += w.re()[k] * c.re(i, 0) - w.im()[k] * c.im(i, 0);
                                expected.im()[base + i] += w.re()[k] * c.im(i, 0) + w.im()[k] * c.re(i, 0);
                            }
                        }
                    }
                }
            }
            weight += mode == LorentzProduct.Mode.CHANNEL_WISE ? m : m * m * m;
        }
        assertEquals(tp.weightLength(), weight);
        assertTrue(LorentzFeatures.relativeError(out, expected) < 1e-14);
    }

    @ParameterizedTest
    @EnumSource(LorentzProduct.Mode.class)
    void productIsLorentzEquivariant(LorentzProduct.Mode mode) {
        LorentzProduct tp = product(mode);
        Random random = new Random(2);
        ComplexTensor w = LorentzFeatures.random(random, tp.weightLength());
        for (int trial = 0; trial < 10; trial++) {
            SL2C g = SL2C.random(random, 3.0);
            ComplexTensor x1 = LorentzFeatures.random(random, BATCH * IN1.dim());
            ComplexTensor x2 = LorentzFeatures.random(random, BATCH * IN2.dim());
            ComplexTensor out = ComplexTensor.zeros(BATCH * OUT.dim());
            ComplexTensor outMoved = ComplexTensor.zeros(out.length());
            tp.forward(x1, x2, w, out, BATCH);
            tp.forward(LorentzFeatures.act(g, IN1, x1, BATCH), LorentzFeatures.act(g, IN2, x2, BATCH), w, outMoved,
                    BATCH);
            double error = LorentzFeatures.relativeError(LorentzFeatures.act(g, OUT, out, BATCH), outMoved);
            assertTrue(error <= 1e-12, "trial " + trial + " rapidity " + g.rapidity() + ": " + error);
        }
    }

    @ParameterizedTest
    @EnumSource(LorentzProduct.Mode.class)
    void backwardMatchesCentralDifferences(LorentzProduct.Mode mode) {
        LorentzProduct tp = product(mode);
        Random random = new Random(3);
        ComplexTensor x1 = LorentzFeatures.random(random, 2 * IN1.dim());
        ComplexTensor x2 = LorentzFeatures.random(random, 2 * IN2.dim());
        ComplexTensor w = LorentzFeatures.random(random, tp.weightLength());
        ComplexTensor gradOut = LorentzFeatures.random(random, 2 * OUT.dim());
        ComplexTensor g1 = ComplexTensor.zeros(x1.length());
        ComplexTensor g2 = ComplexTensor.zeros(x2.length());
        ComplexTensor gw = ComplexTensor.zeros(w.length());
        tp.backward(x1, x2, w, gradOut, g1, g2, gw, 2);
        ComplexTensor out = ComplexTensor.zeros(gradOut.length());
        assertTrue(LorentzFeatures.relativeError(g1, LorentzFeatures.gradient(x1, 1e-6, x -> {
            tp.forward(x, x2, w, out, 2);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8);
        assertTrue(LorentzFeatures.relativeError(g2, LorentzFeatures.gradient(x2, 1e-6, x -> {
            tp.forward(x1, x, w, out, 2);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8);
        assertTrue(LorentzFeatures.relativeError(gw, LorentzFeatures.gradient(w, 1e-6, x -> {
            tp.forward(x1, x2, x, out, 2);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8);
    }

    @ParameterizedTest
    @EnumSource(LorentzProduct.Mode.class)
    void doubleBackwardMatchesCentralDifferencesOfTheBackward(LorentzProduct.Mode mode) {
        LorentzProduct tp = new LorentzProduct(LorentzIrreps.parse("2x(1,1)+2x(1,0)"),
                LorentzIrreps.parse("2x(1,1)"), LorentzIrreps.parse("2x(0,0)+2x(0,1)+2x(2,2)"), mode);
        int batch = 2;
        Random random = new Random(4);
        ComplexTensor x1 = LorentzFeatures.random(random, batch * tp.irreps1().dim());
        ComplexTensor x2 = LorentzFeatures.random(random, batch * tp.irreps2().dim());
        ComplexTensor w = LorentzFeatures.random(random, tp.weightLength());
        ComplexTensor gradOut = LorentzFeatures.random(random, batch * tp.irrepsOut().dim());
        ComplexTensor v1 = LorentzFeatures.random(random, x1.length());
        ComplexTensor v2 = LorentzFeatures.random(random, x2.length());
        ComplexTensor vw = LorentzFeatures.random(random, w.length());
        ComplexTensor[] grads = {ComplexTensor.zeros(x1.length()), ComplexTensor.zeros(x2.length()),
            ComplexTensor.zeros(w.length()), ComplexTensor.zeros(gradOut.length())};
        tp.doubleBackward(x1, x2, w, gradOut, v1, v2, vw, grads[0], grads[1], grads[2], grads[3], batch);
        ComplexTensor[] args = {x1, x2, w, gradOut};
        for (int which = 0; which < 4; which++) {
            ComplexTensor numeric = LorentzFeatures.gradient(args[which], 1e-6, x -> q(tp, args, v1, v2, vw, batch));
            assertTrue(LorentzFeatures.relativeError(grads[which], numeric) < 1e-8, "argument " + which);
        }
    }

    /** Q = Re⟨v1, gradX1⟩ + Re⟨v2, gradX2⟩ + Re⟨vw, gradW⟩ at the current arguments. */
    private static double q(LorentzProduct tp, ComplexTensor[] args, ComplexTensor v1, ComplexTensor v2,
            ComplexTensor vw, int batch) {
        ComplexTensor g1 = ComplexTensor.zeros(v1.length());
        ComplexTensor g2 = ComplexTensor.zeros(v2.length());
        ComplexTensor gw = ComplexTensor.zeros(vw.length());
        tp.backward(args[0], args[1], args[2], args[3], g1, g2, gw, batch);
        return LorentzFeatures.pairing(v1, g1) + LorentzFeatures.pairing(v2, g2) + LorentzFeatures.pairing(vw, gw);
    }

    @Test
    void float32AgreesWithFloat64() {
        LorentzProduct tp = product(LorentzProduct.Mode.FULLY_CONNECTED);
        Random random = new Random(5);
        ComplexTensor x1 = LorentzFeatures.random(random, BATCH * IN1.dim());
        ComplexTensor x2 = LorentzFeatures.random(random, BATCH * IN2.dim());
        ComplexTensor w = LorentzFeatures.random(random, tp.weightLength());
        ComplexTensor gradOut = LorentzFeatures.random(random, BATCH * OUT.dim());
        ComplexTensor out = ComplexTensor.zeros(gradOut.length());
        ComplexTensor g1 = ComplexTensor.zeros(x1.length());
        tp.forward(x1, x2, w, out, BATCH);
        tp.backward(x1, x2, w, gradOut, g1, null, null, BATCH);
        ComplexTensor32 out32 = ComplexTensor32.zeros(out.length());
        ComplexTensor32 g132 = ComplexTensor32.zeros(g1.length());
        tp.forward(x1.toFloat(), x2.toFloat(), w.toFloat(), out32, BATCH);
        tp.backward(x1.toFloat(), x2.toFloat(), w.toFloat(), gradOut.toFloat(), g132, null, null, BATCH);
        assertTrue(LorentzFeatures.relativeError(out32.widen(), out) < 1e-6);
        assertTrue(LorentzFeatures.relativeError(g132.widen(), g1) < 1e-6);
    }

    @Test
    void badArgumentsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LorentzProduct(LorentzIrreps.parse("2x(1,1)"), LorentzIrreps.parse("3x(1,1)"),
                        LorentzIrreps.parse("2x(0,0)"), LorentzProduct.Mode.CHANNEL_WISE));
        assertTrue(e.getMessage().contains("mul2 3"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> LorentzIrreps.parse("2x(1,1)+x(0,0)"));
        assertTrue(e.getMessage().contains("'x(0,0)'"), e.getMessage());
        LorentzProduct tp = product(LorentzProduct.Mode.CHANNEL_WISE);
        e = assertThrows(IllegalArgumentException.class, () -> tp.forward(ComplexTensor.zeros(1),
                ComplexTensor.zeros(IN2.dim()), ComplexTensor.zeros(tp.weightLength()),
                ComplexTensor.zeros(OUT.dim()), 1));
        assertTrue(e.getMessage().contains("x1 has 1 entries, expected " + IN1.dim()), e.getMessage());
    }
}
