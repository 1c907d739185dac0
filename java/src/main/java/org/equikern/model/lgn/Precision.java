package org.equikern.model.lgn;

import org.equikern.ops.lorentzproduct.ComplexTensor;

/**
 * The storage precision of an LGN forward pass: every op computes in double; with {@link #FLOAT32}
 * each input and intermediate tensor is rounded to float between ops, as a float32 pipeline stores
 * them.
 */
public enum Precision {
    /** Keep doubles. */
    FLOAT64,
    /** Round every stored value to float. */
    FLOAT32;

    /** Rounds t in place (FLOAT32) and returns it. */
    ComplexTensor store(ComplexTensor t) {
        if (this == FLOAT32) {
            store(t.re());
            store(t.im());
        }
        return t;
    }

    /** Rounds a in place (FLOAT32) and returns it. */
    double[] store(double[] a) {
        if (this == FLOAT32) {
            for (int i = 0; i < a.length; i++) a[i] = (float) a[i];
        }
        return a;
    }
}
