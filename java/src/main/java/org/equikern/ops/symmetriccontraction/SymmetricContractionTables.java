package org.equikern.ops.symmetriccontraction;

import java.util.Arrays;
import org.equikern.nn.ContractionMonomials;

/**
 * {@link ContractionMonomials} as the records {@code kernels/common/symmetric_contraction.h} reads
 * (field order as its {@code SM_*} and {@code SC_*} defines), plus the CSR groups that let each
 * work item walk only its own monomials.
 */
final class SymmetricContractionTables {
    private static final int MONOMIAL_STRIDE = 6;

    private final int[] monomials;
    private final int[] groups;
    private final int[] members;
    private final int[] components;

    SymmetricContractionTables(ContractionMonomials m, int pathCount) {
        this(m.order(), m.index(), m.output(), m.path(), pathCount, m);
    }

    /** The tables of {@code terms} as monomials: each term its own path, for the weights {@code C = U·W}. */
    static SymmetricContractionTables ofTerms(ContractionTerms terms, ContractionMonomials m) {
        return new SymmetricContractionTables(terms.order(), terms.index(), terms.output(), terms.selfPath(),
                terms.count(), m);
    }

    /** Records of the monomials given by their arrays (as {@link ContractionMonomials} names them), components from {@code m}. */
    private SymmetricContractionTables(int[] order, int[] index, int[] output, int[] path, int pathCount,
            ContractionMonomials m) {
        int count = order.length;
        int slots = ContractionMonomials.MAX_ORDER;
        monomials = new int[MONOMIAL_STRIDE * count];
        for (int e = 0; e < count; e++) {
            int at = MONOMIAL_STRIDE * e;
            monomials[at] = order[e];
            System.arraycopy(index, slots * e, monomials, at + 1, slots);
            monomials[at + 4] = output[e];
            monomials[at + 5] = path[e];
        }
        int channelIn = m.inputStart().length;
        int channelOut = m.outputStart().length;
        // Each monomial is listed once under its output, once per distinct input index, once under its path.
        Csr csr = new Csr(channelOut + 1 + channelIn + 1 + pathCount + 1, (2 + slots) * count);
        for (int o = 0; o < channelOut; o++) {
            csr.start();
            for (int e = 0; e < count; e++) {
                if (output[e] == o) csr.add(e);
            }
        }
        csr.end();
        for (int a = 0; a < channelIn; a++) {
            csr.start();
            for (int e = 0; e < count; e++) {
                if (contains(index, slots * e, order[e], a)) csr.add(e);
            }
        }
        csr.end();
        for (int p = 0; p < pathCount; p++) {
            csr.start();
            for (int e = 0; e < count; e++) {
                if (path[e] == p) csr.add(e);
            }
        }
        csr.end();
        groups = csr.offsets;
        members = Arrays.copyOf(csr.members, csr.size);
        components = new int[2 * (channelIn + channelOut)];
        interleave(m.inputStart(), m.inputStride(), components, 0);
        interleave(m.outputStart(), m.outputStride(), components, 2 * channelIn);
    }

    /** Per monomial: order, three input slots (-1 past the order), output component, path. */
    int[] monomials() {
        return monomials;
    }

    /** Three CSR offset lists into {@link #members()}: per output component, input component, path. */
    int[] groups() {
        return groups;
    }

    /** Monomial numbers, grouped as {@link #groups()} says. */
    int[] members() {
        return members;
    }

    /** Per input component, then per output component: (offset in a sample, channel stride). */
    int[] components() {
        return components;
    }

    private static boolean contains(int[] index, int from, int n, int a) {
        for (int s = 0; s < n; s++) {
            if (index[from + s] == a) return true;
        }
        return false;
    }

    private static void interleave(int[] start, int[] stride, int[] out, int at) {
        for (int i = 0; i < start.length; i++) {
            out[at + 2 * i] = start[i];
            out[at + 2 * i + 1] = stride[i];
        }
    }

    /** Offset lists, each list closed by the total so far. */
    private static final class Csr {
        final int[] offsets;
        final int[] members;
        int size;
        private int next;

        Csr(int offsetCount, int capacity) {
            offsets = new int[offsetCount];
            members = new int[capacity];
        }

        void start() {
            offsets[next++] = size;
        }

        void add(int member) {
            members[size++] = member;
        }

        /** Closes a list of groups: the end of its last group. */
        void end() {
            offsets[next++] = size;
        }
    }
}
