package org.equikern.model.lgn;

import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.FourVectors;
import org.equikern.ops.lorentzproduct.LorentzIrreps;

/**
 * LGN's input features of particles: one (0,0) scalar per particle (e.g. its charge) and its
 * 4-momentum as (1,1) canonical components, irreps {@link #IRREPS}.
 */
public final class LgnInputs {
    /** {@code 1x(0,0)+1x(1,1)}. */
    public static final LorentzIrreps IRREPS = LorentzIrreps.parse("1x(0,0)+1x(1,1)");

    private LgnInputs() {
    }

    /**
     * Features {@code [count][5]} of {@code count} particles.
     *
     * @param momenta {@code [count][4]} (t, x, y, z)
     * @param scalars {@code [count]} real scalars
     * @param count the number of particles, ≥ 0
     * @return a new tensor of {@code count × 5} complex values
     * @throws IllegalArgumentException when a length does not match count
     */
    public static ComplexTensor of(double[] momenta, double[] scalars, int count) {
        if (scalars == null || scalars.length != count) {
            throw new IllegalArgumentException("LgnInputs.of: scalars must hold count = " + count + " values, got "
                    + (scalars == null ? "null" : scalars.length));
        }
        ComplexTensor vectors = FourVectors.toCanonical(momenta, count);
        ComplexTensor out = ComplexTensor.zeros(Math.multiplyExact(count, IRREPS.dim()));
        for (int i = 0; i < count; i++) {
            out.re()[i * 5] = scalars[i];
            System.arraycopy(vectors.re(), 4 * i, out.re(), i * 5 + 1, 4);
            System.arraycopy(vectors.im(), 4 * i, out.im(), i * 5 + 1, 4);
        }
        return out;
    }
}
