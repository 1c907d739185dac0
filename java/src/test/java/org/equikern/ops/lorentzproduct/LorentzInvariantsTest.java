package org.equikern.ops.lorentzproduct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.Minkowski;
import org.equikern.group.lorentz.SL2C;
import org.junit.jupiter.api.Test;

/** The bilinear-form invariants and the 4-vector map. */
class LorentzInvariantsTest {
    private static final LorentzIrreps IRREPS = LorentzIrreps.parse("2x(0,0)+3x(1,1)+1x(1,0)+2x(2,2)+1x(2,1)");

    @Test
    void invariantsAreUnchangedByTheGroup() {
        LorentzInvariants inv = new LorentzInvariants(IRREPS);
        Random random = new Random(1);
        for (int trial = 0; trial < 5; trial++) {
            SL2C g = SL2C.random(random, 3.0);
            ComplexTensor x = LorentzFeatures.random(random, 2 * IRREPS.dim());
            ComplexTensor before = ComplexTensor.zeros(2 * inv.channels());
            ComplexTensor after = ComplexTensor.zeros(before.length());
            inv.forward(x, before, 2);
            inv.forward(LorentzFeatures.act(g, IRREPS, x, 2), after, 2);
            // relative to |D(g)|² |x|², the size of the terms that cancel
            double scale = 0;
            for (int i = 0; i < x.length(); i++) scale = Math.max(scale, Math.hypot(x.re()[i], x.im()[i]));
            ComplexTensor moved = LorentzFeatures.act(g, IRREPS, x, 2);
            double movedScale = 0;
            for (int i = 0; i < moved.length(); i++) {
                movedScale = Math.max(movedScale, Math.hypot(moved.re()[i], moved.im()[i]));
            }
            for (int c = 0; c < before.length(); c++) {
                double error = Math.hypot(before.re()[c] - after.re()[c], before.im()[c] - after.im()[c]);
                assertTrue(error <= 1e-12 * movedScale * movedScale, "trial " + trial + " channel " + c);
            }
        }
    }

    @Test
    void halfIntegerIrrepsHaveZeroInvariantAndVectorsTheirMinkowskiSquare() {
        LorentzInvariants inv = new LorentzInvariants(LorentzIrreps.parse("1x(1,1)+1x(1,0)"));
        double[] p = {5, 1, -2, 3};
        ComplexTensor x = ComplexTensor.zeros(6);
        ComplexMatrix canonical = Minkowski.toCanonical(p);
        for (int i = 0; i < 4; i++) {
            x.re()[i] = canonical.re(i, 0);
            x.im()[i] = canonical.im(i, 0);
        }
        x.re()[4] = 0.7;
        x.im()[5] = -1.3;
        ComplexTensor out = ComplexTensor.zeros(2);
        inv.forward(x, out, 1);
        assertEquals(Minkowski.squaredNorm(p), out.re()[0], 1e-13);
        assertEquals(0, out.im()[0], 1e-13);
        assertEquals(0, out.re()[1], 0.0);
        assertEquals(0, out.im()[1], 0.0);
    }

    @Test
    void backwardMatchesCentralDifferences() {
        LorentzInvariants inv = new LorentzInvariants(IRREPS);
        Random random = new Random(2);
        ComplexTensor x = LorentzFeatures.random(random, 2 * IRREPS.dim());
        ComplexTensor gradOut = LorentzFeatures.random(random, 2 * inv.channels());
        ComplexTensor grad = ComplexTensor.zeros(x.length());
        inv.backward(x, gradOut, grad, 2);
        ComplexTensor out = ComplexTensor.zeros(gradOut.length());
        ComplexTensor numeric = LorentzFeatures.gradient(x, 1e-6, y -> {
            inv.forward(y, out, 2);
            return LorentzFeatures.pairing(out, gradOut);
        });
        assertTrue(LorentzFeatures.relativeError(grad, numeric) < 1e-8);
    }

    /** Central differences of Q = Re⟨v, gradX⟩ through the backward, in x and in gradOut. */
    @Test
    void doubleBackwardMatchesCentralDifferences() {
        LorentzInvariants inv = new LorentzInvariants(IRREPS);
        Random random = new Random(3);
        ComplexTensor[] args = {LorentzFeatures.random(random, 2 * IRREPS.dim()),
            LorentzFeatures.random(random, 2 * inv.channels()), LorentzFeatures.random(random, 2 * IRREPS.dim())};
        ComplexTensor[] grads = {ComplexTensor.zeros(args[0].length()), ComplexTensor.zeros(args[1].length())};
        inv.doubleBackward(args[0], args[1], args[2], grads[0], grads[1], 2);
        ComplexTensor gradX = ComplexTensor.zeros(args[0].length());
        for (int which = 0; which < 2; which++) {
            ComplexTensor numeric = LorentzFeatures.gradient(args[which], 1e-6, ignored -> {
                inv.backward(args[0], args[1], gradX, 2);
                return LorentzFeatures.pairing(args[2], gradX);
            });
            assertTrue(LorentzFeatures.relativeError(grads[which], numeric) < 1e-8, "argument " + which);
        }
    }

    @Test
    void fourVectorsMatchMinkowskiAndRoundTrip() {
        double[] p = {5, 1, -2, 3, 2, 0.5, 0.25, -1};
        ComplexTensor c = FourVectors.toCanonical(p, 2);
        for (int v = 0; v < 2; v++) {
            ComplexMatrix expected = Minkowski.toCanonical(java.util.Arrays.copyOfRange(p, 4 * v, 4 * v + 4));
            for (int i = 0; i < 4; i++) {
                assertEquals(expected.re(i, 0), c.re()[4 * v + i], 0.0);
                assertEquals(expected.im(i, 0), c.im()[4 * v + i], 0.0);
            }
        }
        assertArrayEquals(p, FourVectors.fromCanonical(c, 2), 1e-15);
    }
}
