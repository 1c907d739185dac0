package org.equikern.validate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.validate.kinds.SphericalHarmonicsKind;
import org.equikern.validate.kinds.TensorProductKind;
import org.equikern.validate.kinds.Wigner3jKind;
import org.equikern.validate.kinds.WignerDKind;
import org.equikern.validate.kinds.GateKind;
import org.equikern.validate.kinds.LinearKind;
import org.equikern.validate.kinds.NormActivationKind;
import org.equikern.validate.kinds.EdgeEmbeddingKind;
import org.equikern.validate.kinds.LorentzCgKind;
import org.equikern.validate.kinds.FullyConnectedNetKind;

/** The reference kinds the harness understands, looked up by the file's {@code kind}. */
public final class ReferenceKinds {
    private final Map<String, ReferenceKind> byName = new LinkedHashMap<>();

    private ReferenceKinds(List<ReferenceKind> kinds) {
        for (ReferenceKind k : kinds) byName.put(k.kind(), k);
    }

    /** Every kind Equikern can check. */
    public static ReferenceKinds all() {
        List<ReferenceKind> kinds = new ArrayList<>();
        kinds.add(new Wigner3jKind());
        kinds.add(new WignerDKind());
        kinds.add(new SphericalHarmonicsKind());
        kinds.add(new LinearKind());
        kinds.add(new GateKind());
        kinds.add(new TensorProductKind());
        kinds.add(new NormActivationKind());
        kinds.add(new EdgeEmbeddingKind());
        kinds.add(new LorentzCgKind());
        kinds.add(new FullyConnectedNetKind());
        return new ReferenceKinds(kinds);
    }

    /** The checker for {@code kind}, or an error listing the known ones. */
    public ReferenceKind get(String kind) {
        ReferenceKind k = byName.get(kind);
        if (k == null) {
            throw new IllegalArgumentException("unknown reference kind '" + kind + "'; known: "
                    + String.join(", ", byName.keySet()));
        }
        return k;
    }
}
