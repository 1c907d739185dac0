package org.equikern.model.jets;

import java.util.List;
import org.equikern.data.jets.Jet;
import org.equikern.data.jets.JetBatch;
import org.equikern.train.Parameters;

/**
 * A binary jet classifier with trainable {@link Parameters}: logits per jet, and exact parameter
 * gradients through {@link TaggerPass#backward}. Momenta enter in units of {@link #MOMENTUM_UNIT}.
 */
public interface JetTagger {
    /** GeV per input unit: the taggers see momenta / 100 GeV. */
    double MOMENTUM_UNIT = 100;

    /** A short name for reports. */
    String name();

    /** Whether the logits are Lorentz invariant by construction (up to round-off). */
    boolean lorentzInvariant();

    /** The trainable parameters, live. */
    Parameters parameters();

    /** Runs the tagger on a batch. */
    TaggerPass forward(JetBatch batch);

    /** The logits of {@code jets}, run {@code batchSize} at a time. */
    default double[] logits(List<Jet> jets, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize = " + batchSize + ": must be >= 1");
        double[] out = new double[jets.size()];
        for (int start = 0; start < jets.size(); start += batchSize) {
            List<Jet> part = jets.subList(start, Math.min(jets.size(), start + batchSize));
            System.arraycopy(forward(JetBatch.of(part)).logits(), 0, out, start, part.size());
        }
        return out;
    }

    /** The momenta of a batch in units of {@link #MOMENTUM_UNIT}. */
    static double[] scaledMomenta(JetBatch batch) {
        double[] p = batch.momenta();
        for (int k = 0; k < p.length; k++) p[k] /= MOMENTUM_UNIT;
        return p;
    }

    /** Rejects a gradient that does not have one entry per jet. */
    static void checkGradient(double[] gradLogits, int batch) {
        if (gradLogits == null || gradLogits.length != batch) {
            throw new IllegalArgumentException("gradLogits must have one entry per jet (" + batch + "), got "
                    + (gradLogits == null ? "null" : gradLogits.length));
        }
    }
}
