package org.equikern.ops.lorentzproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Complex mixing against an explicit matrix product and its backward against finite differences. */
class ComplexLinearTest {
    @Test
    void mixingIsAComplexMatrixPerIrrep() {
        LorentzIrreps in = LorentzIrreps.parse("2x(0,0)+3x(1,1)");
        LorentzIrreps out = LorentzIrreps.parse("4x(1,1)+1x(0,0)");
        ComplexLinear mix = new ComplexLinear(in, out);
        assertEquals(3 * 4 + 2 * 1, mix.weightLength());
        Random random = new Random(3);
        ComplexTensor x = LorentzFeatures.random(random, in.dim());
        ComplexTensor w = LorentzFeatures.random(random, mix.weightLength());
        ComplexTensor y = ComplexTensor.zeros(out.dim());
        mix.forward(x, w, y, 1);
        // paths in (input segment, output segment) order: (0,0)->(0,0) first, weights [2][1]; then (1,1), [3][4]
        for (int wo = 0; wo < 4; wo++) {
            for (int i = 0; i < 4; i++) {
                double re = 0, im = 0;
                for (int u = 0; u < 3; u++) {
                    int k = 2 + u * 4 + wo;
                    int at = 2 + u * 4 + i;
                    re += w.re()[k] * x.re()[at] - w.im()[k] * x.im()[at];
                    im += w.re()[k] * x.im()[at] + w.im()[k] * x.re()[at];
                }
                assertEquals(re, y.re()[wo * 4 + i], 1e-14);
                assertEquals(im, y.im()[wo * 4 + i], 1e-14);
            }
        }
        double re = w.re()[0] * x.re()[0] - w.im()[0] * x.im()[0] + w.re()[1] * x.re()[1] - w.im()[1] * x.im()[1];
        assertEquals(re, y.re()[16], 1e-14);
    }

    @Test
    void backwardMatchesCentralDifferences() {
        LorentzIrreps in = LorentzIrreps.parse("2x(0,0)+2x(1,1)+1x(1,0)");
        LorentzIrreps out = LorentzIrreps.parse("3x(1,1)+2x(1,0)");
        ComplexLinear mix = new ComplexLinear(in, out);
        Random random = new Random(4);
        ComplexTensor x = LorentzFeatures.random(random, 2 * in.dim());
        ComplexTensor w = LorentzFeatures.random(random, mix.weightLength());
        ComplexTensor gradOut = LorentzFeatures.random(random, 2 * out.dim());
        ComplexTensor gradX = ComplexTensor.zeros(x.length());
        ComplexTensor gradW = ComplexTensor.zeros(w.length());
        mix.backward(x, w, gradOut, gradX, gradW, 2);
        ComplexTensor y = ComplexTensor.zeros(gradOut.length());
        assertTrue(LorentzFeatures.relativeError(gradX, LorentzFeatures.gradient(x, 1e-6, v -> {
            mix.forward(v, w, y, 2);
            return LorentzFeatures.pairing(y, gradOut);
        })) < 1e-8);
        assertTrue(LorentzFeatures.relativeError(gradW, LorentzFeatures.gradient(w, 1e-6, v -> {
            mix.forward(x, v, y, 2);
            return LorentzFeatures.pairing(y, gradOut);
        })) < 1e-8);
    }
}
