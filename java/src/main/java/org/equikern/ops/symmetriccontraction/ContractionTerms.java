package org.equikern.ops.symmetriccontraction;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.equikern.nn.ContractionMonomials;

/**
 * The monomials of a symmetric contraction grouped by their polynomial: a term is one product
 * {@code x_u[i_1] ⋯ x_u[i_order]} into one output component, and the mixing matrix
 * {@code U[term, path]} sums the coefficients of the monomials that share it. The weights then
 * enter through a GEMM per element, {@code C[e] = U · W[e]} (terms × channels), and the contraction
 * becomes {@code out[o, u] = Σ over terms t of o of C[e, t, u] · P_t(x_u)}: each term once per
 * node instead of once per path. Backward, {@code dW[e] = Uᵀ · D[e]} with
 * {@code D[e, t, u] = Σ over the element's nodes of grad_out[o_t, u] · P_t(x_u)}.
 *
 * <p>The terms are laid out as monomial records whose path is the term itself, with coefficient 1,
 * so the element kernels evaluate them with {@code C} as the weights and the terms as the paths.
 */
final class ContractionTerms {
    private final int count;
    private final int pathCount;
    private final int[] order;
    private final int[] index;
    private final int[] output;
    private final double[] mixing;

    ContractionTerms(ContractionMonomials m, int pathCount) {
        int slots = ContractionMonomials.MAX_ORDER;
        int[] monomialOrder = m.order();
        int[] monomialIndex = m.index();
        int[] monomialOutput = m.output();
        int[] path = m.path();
        double[] coefficient = m.coefficient();
        Map<List<Integer>, Integer> termOf = new HashMap<>();
        List<Integer> first = new ArrayList<>();
        int[] term = new int[m.count()];
        for (int e = 0; e < m.count(); e++) {
            List<Integer> key = new ArrayList<>(slots + 1);
            key.add(monomialOutput[e]);
            for (int s = 0; s < slots; s++) key.add(monomialIndex[slots * e + s]);
            int e0 = e;
            term[e] = termOf.computeIfAbsent(key, k -> {
                first.add(e0);
                return first.size() - 1;
            });
        }
        this.count = first.size();
        this.pathCount = pathCount;
        this.order = new int[count];
        this.index = new int[slots * count];
        this.output = new int[count];
        for (int t = 0; t < count; t++) {
            int e = first.get(t);
            order[t] = monomialOrder[e];
            output[t] = monomialOutput[e];
            System.arraycopy(monomialIndex, slots * e, index, slots * t, slots);
        }
        this.mixing = new double[Math.multiplyExact(count, pathCount)];
        for (int e = 0; e < m.count(); e++) {
            mixing[term[e] * pathCount + path[e]] += coefficient[e];
        }
    }

    /** The number of distinct terms. */
    int count() {
        return count;
    }

    /** Per term: its correlation order. */
    int[] order() {
        return order.clone();
    }

    /** {@link ContractionMonomials#MAX_ORDER} slots per term: its sorted input components, then -1. */
    int[] index() {
        return index.clone();
    }

    /** Per term: its output component. */
    int[] output() {
        return output.clone();
    }

    /** Per term: its own number, the "path" of the term as a monomial record. */
    int[] selfPath() {
        int[] self = new int[count];
        Arrays.setAll(self, t -> t);
        return self;
    }

    /** {@code U}, terms × paths, row-major. */
    double[] mixing() {
        return mixing.clone();
    }

    /** {@code Uᵀ}, paths × terms, row-major. */
    double[] mixingTransposed() {
        double[] out = new double[mixing.length];
        for (int t = 0; t < count; t++) {
            for (int p = 0; p < pathCount; p++) out[p * count + t] = mixing[t * pathCount + p];
        }
        return out;
    }
}
