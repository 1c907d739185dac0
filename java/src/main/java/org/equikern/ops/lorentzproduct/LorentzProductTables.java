package org.equikern.ops.lorentzproduct;

import java.util.ArrayList;
import java.util.List;

/**
 * The term lists the kernels of {@code kernels/common/lorentz_product.h} gather over: every
 * non-zero term c·x1[a]·x2[b]·w[k] → out[o] of a {@link LorentzProduct} (paths and channels
 * unrolled), grouped in CSR form by the entry one kernel writes: the output entry (forward), the
 * x1 or x2 entry (their gradients) or the weight (its gradient). Each term keeps the other three
 * indices, {@link #TERM_STRIDE} ints, in the order the kernel reads its factors; the header's
 * {@code LP_TERM_STRIDE} mirrors it (KernelLayoutTest ties them).
 */
final class LorentzProductTables {
    static final int TERM_STRIDE = 3;

    /** What a list is grouped by, and which indices each of its terms keeps. */
    enum Key {
        /** Key o; terms (a, b, k). */
        OUT,
        /** Key a; terms (o, b, k). */
        X1,
        /** Key b; terms (o, a, k). */
        X2,
        /** Key k; terms (o, a, b). */
        WEIGHT
    }

    /** One list: {@code offsets[key] .. offsets[key + 1]} index the terms and their coefficients. */
    static final class TermList {
        final int[] offsets;
        final int[] terms;
        final double[] coefficients;

        private TermList(int[] offsets, int[] terms, double[] coefficients) {
            this.offsets = offsets;
            this.terms = terms;
            this.coefficients = coefficients;
        }
    }

    private LorentzProductTables() {
    }

    /** The product's terms grouped by {@code key}. */
    static TermList of(LorentzProduct product, Key key) {
        List<int[]> all = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        product.forEachTerm((a, b, k, o, c) -> {
            all.add(new int[] {a, b, k, o});
            values.add(c);
        });
        int keys = keyCount(product, key);
        int[] offsets = new int[keys + 1];
        for (int[] t : all) offsets[keyOf(t, key) + 1]++;
        for (int i = 0; i < keys; i++) offsets[i + 1] += offsets[i];
        int[] next = offsets.clone();
        int[] terms = new int[Math.multiplyExact(all.size(), TERM_STRIDE)];
        double[] coefficients = new double[all.size()];
        for (int n = 0; n < all.size(); n++) {
            int[] t = all.get(n);
            int at = next[keyOf(t, key)]++;
            int[] kept = kept(t, key);
            System.arraycopy(kept, 0, terms, at * TERM_STRIDE, TERM_STRIDE);
            coefficients[at] = values.get(n);
        }
        return new TermList(offsets, terms, coefficients);
    }

    private static int keyCount(LorentzProduct product, Key key) {
        switch (key) {
            case OUT: return product.irrepsOut().dim();
            case X1: return product.irreps1().dim();
            case X2: return product.irreps2().dim();
            default: return product.weightLength();
        }
    }

    /** t = (a, b, k, o). */
    private static int keyOf(int[] t, Key key) {
        switch (key) {
            case OUT: return t[3];
            case X1: return t[0];
            case X2: return t[1];
            default: return t[2];
        }
    }

    private static int[] kept(int[] t, Key key) {
        switch (key) {
            case OUT: return new int[] {t[0], t[1], t[2]};
            case X1: return new int[] {t[3], t[1], t[2]};
            case X2: return new int[] {t[3], t[0], t[2]};
            default: return new int[] {t[3], t[0], t[1]};
        }
    }
}
