package org.equikern.model.jets;

import java.util.List;
import org.equikern.data.jets.Jet;
import org.equikern.data.jets.JetBatch;
import org.equikern.train.Parameters;

/**
 * A binary jet classifier with trainable {@link Parameters}: logits per jet, and exact parameter
 * gradients through {@link TaggerPass#backward}. The baselines read momenta in units of
 * {@link #MOMENTUM_UNIT}; the invariant taggers read invariants in units of the jet mass.
 */
public interface JetTagger {
    /** GeV per input unit: the non-invariant taggers see momenta / 100 GeV. */
    double MOMENTUM_UNIT = 100;

    /**
     * A short name for reports.
     *
     * @return the name
     */
    String name();

    /**
     * Whether the logits are Lorentz invariant by construction (up to round-off).
     *
     * @return whether the tagger is Lorentz invariant by construction
     */
    boolean lorentzInvariant();

    /**
     * The trainable parameters, live.
     *
     * @return the parameters
     */
    Parameters parameters();

    /**
     * Data-dependent initialization (LSUV, Mishkin &amp; Matas 2016): one forward pass over
     * {@code batch} in which every affine layer of the tagger's MLPs, in the order the pass reaches
     * it, is rescaled and shifted so that its outputs on the batch's real rows have mean 0 and
     * variance 1 per channel. Mean aggregations over a jet's particles and pairs otherwise leave the
     * pooled features of different jets nearly equal, and the logits all of one sign; after
     * calibration the logits on the batch have mean 0 and variance 1. Invariance is untouched (only
     * weights change).
     *
     * @param batch the calibration jets, e.g. a sample of the training set
     */
    void calibrate(JetBatch batch);

    /**
     * Runs the tagger on a batch.
     *
     * @param batch the jets
     * @return the pass, holding the logits and what the backward needs
     */
    TaggerPass forward(JetBatch batch);

    /**
     * The logits of {@code jets}, run {@code batchSize} at a time.
     *
     * @param jets the jets
     * @param batchSize jets per forward pass, ≥ 1
     * @return one logit per jet, in order
     * @throws IllegalArgumentException for a batch size below 1
     */
    default double[] logits(List<Jet> jets, int batchSize) {
        if (batchSize < 1) throw new IllegalArgumentException("batchSize = " + batchSize + ": must be >= 1");
        double[] out = new double[jets.size()];
        for (int start = 0; start < jets.size(); start += batchSize) {
            List<Jet> part = jets.subList(start, Math.min(jets.size(), start + batchSize));
            System.arraycopy(forward(JetBatch.of(part)).logits(), 0, out, start, part.size());
        }
        return out;
    }

    /**
     * The momenta of a batch in units of {@link #MOMENTUM_UNIT}.
     *
     * @param batch the jets
     * @return a new array {@code [batch][particles][4]}
     */
    static double[] scaledMomenta(JetBatch batch) {
        double[] p = batch.momenta();
        for (int k = 0; k < p.length; k++) p[k] /= MOMENTUM_UNIT;
        return p;
    }

    /**
     * Rejects a gradient that does not have one entry per jet.
     *
     * @param gradLogits the gradient, one entry per jet
     * @param batch the number of jets
     * @throws IllegalArgumentException unless gradLogits has one entry per jet
     */
    static void checkGradient(double[] gradLogits, int batch) {
        if (gradLogits == null || gradLogits.length != batch) {
            throw new IllegalArgumentException("gradLogits must have one entry per jet (" + batch + "), got "
                    + (gradLogits == null ? "null" : gradLogits.length));
        }
    }
}
