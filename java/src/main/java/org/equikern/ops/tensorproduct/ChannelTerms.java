package org.equikern.ops.tensorproduct;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One statement of a generated loop over channels: {@code s[target + u] (=|+=) Σ w·c·x·y} over
 * terms, where c is a coupling {@code m<q>} (loop-invariant) or a float literal, x and y values
 * loaded per channel, and w an optional per-path weight. {@link FloatChannelWiseSource} splits
 * long sums into several statements, so no generated method outgrows what the JIT compiles well.
 */
final class ChannelTerms {
    /** Scratch index of the statement's first channel. */
    final int target;
    /** Whether the statement stores (else adds into the scratch). */
    final boolean store;
    /** The weights' load, or null when unweighted. */
    final Load weight;
    private final List<Term> terms = new ArrayList<>();

    ChannelTerms(int target, boolean store, Load weight) {
        this.target = target;
        this.store = store;
        this.weight = weight;
    }

    /** A value loaded per channel: {@code array[base + offset + u]}, named {@code name}. */
    static final class Load {
        final String name;
        final String array;
        final String base;
        final int offset;

        Load(String name, String array, String base, int offset) {
            this.name = name;
            this.array = array;
            this.base = base;
            this.offset = offset;
        }
    }

    /** {@code coefficient · x (· y)}: coupling q when {@code literal} is null, else the literal. */
    private static final class Term {
        final int coupling;
        final String literal;
        final Load x;
        final Load y;

        Term(int coupling, String literal, Load x, Load y) {
            this.coupling = coupling;
            this.literal = literal;
            this.x = x;
            this.y = y;
        }
    }

    /** Adds {@code m<q> · x}, or {@code m<q> · x · y} when y is not null. */
    void addCoupling(int q, Load x, Load y) {
        terms.add(new Term(q, null, x, y));
    }

    /** Adds {@code literal · x · y}. */
    void addLiteral(String literal, Load x, Load y) {
        terms.add(new Term(-1, literal, x, y));
    }

    int size() {
        return terms.size();
    }

    /**
     * This statement cut into statements of at most {@code most} terms: the first keeps
     * {@link #store}, the others add.
     */
    List<ChannelTerms> split(int most) {
        List<ChannelTerms> parts = new ArrayList<>();
        for (int from = 0; from < terms.size(); from += most) {
            ChannelTerms part = new ChannelTerms(target, store && from == 0, weight);
            part.terms.addAll(terms.subList(from, Math.min(terms.size(), from + most)));
            parts.add(part);
        }
        return parts;
    }

    /** The couplings the terms read, in order. */
    void couplings(List<Integer> into) {
        for (Term t : terms) {
            if (t.literal == null && !into.contains(t.coupling)) into.add(t.coupling);
        }
    }

    /** The per-channel loads the statement reads, by name. */
    void loads(Map<String, Load> into) {
        if (weight != null) into.putIfAbsent(weight.name, weight);
        for (Term t : terms) {
            into.putIfAbsent(t.x.name, t.x);
            if (t.y != null) into.putIfAbsent(t.y.name, t.y);
        }
    }

    /** The statement for one step of the loop (variable {@code u}). */
    String render(ChannelStep step) {
        ProductSum sum = new ProductSum();
        for (Term t : terms) {
            String coefficient = t.literal == null ? step.coupling(t.coupling) : null;
            if (t.y == null) {
                sum.add(coefficient, t.x.name);
            } else if (coefficient != null) {
                sum.add("(" + step.mul(coefficient, t.x.name) + ")", t.y.name);
            } else {
                sum.add("(" + step.scaled(t.x.name, t.literal) + ")", t.y.name);
            }
        }
        String value = sum.render(step);
        if (weight != null) value = step.mul(weight.name, "(" + value + ")");
        String index = target + " + u";
        return store ? step.store("s", index, value) : step.addInto("s", index, value);
    }

    /** The loads of {@code statements}, in first-use order. */
    static Map<String, Load> loadsOf(List<ChannelTerms> statements) {
        Map<String, Load> loads = new LinkedHashMap<>();
        for (ChannelTerms s : statements) s.loads(loads);
        return loads;
    }
}
