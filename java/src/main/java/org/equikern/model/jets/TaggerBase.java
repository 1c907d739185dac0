package org.equikern.model.jets;

import org.equikern.train.Parameters;

/** What every tagger keeps the same way: its report name, whether it is invariant, its parameters. */
abstract class TaggerBase implements JetTagger {
    /** The tagger's trainable parameters, filled by the subclass's constructor. */
    final Parameters parameters = new Parameters();
    private final String name;
    private final boolean lorentzInvariant;

    TaggerBase(String name, boolean lorentzInvariant) {
        this.name = name;
        this.lorentzInvariant = lorentzInvariant;
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
