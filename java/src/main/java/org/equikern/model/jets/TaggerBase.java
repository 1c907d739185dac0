package org.equikern.model.jets;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.jets.JetBatch;
import org.equikern.nn.Activation;
import org.equikern.train.Parameters;

/**
 * What every tagger keeps the same way: its report name, whether it is invariant, its parameters, and
 * its MLPs, which {@link #calibrate} standardizes in the order a forward pass reaches them.
 */
abstract class TaggerBase implements JetTagger {
    /** The tagger's trainable parameters, filled by the subclass's constructor. */
    final Parameters parameters = new Parameters();
    private final List<Mlp> mlps = new ArrayList<>();
    private final String name;
    private final boolean lorentzInvariant;

    TaggerBase(String name, boolean lorentzInvariant) {
        this.name = name;
        this.lorentzInvariant = lorentzInvariant;
    }

    /** A new MLP whose parameters join {@link #parameters} and which {@link #calibrate} reaches. */
    final Mlp mlp(String name, int[] widths, Activation activation, boolean activateLast, SplittableRandom random) {
        Mlp mlp = new Mlp(parameters, name, widths, activation, activateLast, random);
        mlps.add(mlp);
        return mlp;
    }

    @Override
    public void calibrate(JetBatch batch) {
        for (Mlp mlp : mlps) mlp.calibrateOnNextForward();
        forward(batch);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final boolean lorentzInvariant() {
        return lorentzInvariant;
    }

    @Override
    public final Parameters parameters() {
        return parameters;
    }
}
