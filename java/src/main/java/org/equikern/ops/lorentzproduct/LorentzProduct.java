package org.equikern.ops.lorentzproduct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.equikern.group.lorentz.LorentzClebschGordan;
import org.equikern.group.lorentz.LorentzIrrep;

/**
 * The complex Clebsch–Gordan product of SL(2,C) features with channel multiplicities, as LGN's
 * {@code CGProduct} followed by its complex mixing: for every path (segment s1 of x1, segment s2 of
 * x2, segment so of the output) whose irreps couple ({@link LorentzIrrep#couplesTo}), with H the
 * coupling tensor ({@link LorentzClebschGordan}, LGN's canonical basis) and complex weights w:
 * <ul>
 * <li>{@link Mode#CHANNEL_WISE} (e3nn's "uvu" with v tied to u): out[so][u] += w[p][u] · H(x1[s1][u],
 *     x2[s2][u]); mul1 = mulOut and mul2 = mul1, or mul2 = 1 (then x2's one channel serves every u);</li>
 * <li>{@link Mode#FULLY_CONNECTED} ("uvw"): out[so][w] += Σ_{u,v} W[p][u][v][w] · H(x1[s1][u], x2[s2][v]).</li>
 * </ul>
 * H(a, b)_i = Σ H[i1][i2][i]·a_{i1}·b_{i2}. Since H intertwines and the weights act on channels
 * only, D(g)·out(x1, x2) = out(D(g)·x1, D(g)·x2).
 *
 * <p>Layouts: x1, x2 and out are {@code [batch][irreps.dim]} ({@link LorentzIrreps}); the weights,
 * shared by the batch, are {@link #weightLength()} complex values, path after path (paths in
 * {@link #paths()} order, channel-wise {@code [mul1]}, fully connected {@code [mul1][mul2][mulOut]}).
 * Outputs are overwritten. Gradients are ∂L/∂Re + i·∂L/∂Im of a real loss L. Immutable and
 * thread-safe.
 */
public final class LorentzProduct {
    /** How channels pair up. */
    public enum Mode {
        /** out channel u from x1 channel u and x2 channel u (or x2's only channel), one weight per (path, u). */
        CHANNEL_WISE,
        /** out channel w from every pair (u, v), one weight per (path, u, v, w). */
        FULLY_CONNECTED
    }

    private final LorentzIrreps in1;
    private final LorentzIrreps in2;
    private final LorentzIrreps out;
    private final Mode mode;
    private final List<Path> paths;
    private final int weightLength;

    /**
     * The product of {@code in1} and {@code in2} into {@code out}, with a path for every coupling segment
     * triple.
     *
     * @param in1 the first input's irreps
     * @param in2 the second input's irreps
     * @param out the output irreps
     * @param mode how channels pair up
     * @throws IllegalArgumentException when no path exists, or in channel-wise mode a path's multiplicities
     *     do not match
     */
    public LorentzProduct(LorentzIrreps in1, LorentzIrreps in2, LorentzIrreps out, Mode mode) {
        this.in1 = in1;
        this.in2 = in2;
        this.out = out;
        this.mode = mode;
        List<Path> found = new ArrayList<>();
        long weights = 0;
        for (int s1 = 0; s1 < in1.size(); s1++) {
            for (int s2 = 0; s2 < in2.size(); s2++) {
                for (int so = 0; so < out.size(); so++) {
                    if (!in1.irrep(s1).couplesTo(in2.irrep(s2), out.irrep(so))) continue;
                    Path p = new Path(s1, s2, so, (int) weights);
                    requireMultiplicities(p);
                    found.add(p);
                    weights += mode == Mode.CHANNEL_WISE ? p.mul1 : (long) p.mul1 * p.mul2 * p.mulOut;
                    if (weights > Integer.MAX_VALUE - 8) {
                        throw new IllegalArgumentException("the product " + in1 + " x " + in2 + " -> " + out
                                + " needs more than the array limit of weights");
                    }
                }
            }
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("no irrep of " + out + " is in " + in1 + " x " + in2);
        }
        paths = Collections.unmodifiableList(found);
        weightLength = (int) weights;
    }

    private void requireMultiplicities(Path p) {
        if (mode != Mode.CHANNEL_WISE) return;
        if (p.mulOut != p.mul1 || (p.mul2 != p.mul1 && p.mul2 != 1)) {
            throw new IllegalArgumentException("channel-wise path " + in1.irrep(p.s1) + " x " + in2.irrep(p.s2)
                    + " -> " + out.irrep(p.so) + " needs mulOut = mul1 and mul2 in {mul1, 1}, got mul1 " + p.mul1
                    + ", mul2 " + p.mul2 + ", mulOut " + p.mulOut);
        }
    }

    /**
     * First input's irreps.
     *
     * @return the irreps
     */
    public LorentzIrreps irreps1() {
        return in1;
    }

    /**
     * Second input's irreps.
     *
     * @return the irreps
     */
    public LorentzIrreps irreps2() {
        return in2;
    }

    /**
     * Output irreps.
     *
     * @return the irreps
     */
    public LorentzIrreps irrepsOut() {
        return out;
    }

    /**
     * The channel pairing.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * The paths as (s1, s2, so) segment triples, in weight order.
     *
     * @return a new list of {s1, s2, so} arrays
     */
    public List<int[]> paths() {
        List<int[]> list = new ArrayList<>();
        for (Path p : paths) list.add(new int[] {p.s1, p.s2, p.so});
        return list;
    }

    /**
     * Complex weights per call.
     *
     * @return the number of complex weights
     */
    public int weightLength() {
        return weightLength;
    }

    /**
     * out = x1 ⊗_H x2 weighted, per sample.
     *
     * @param x1 {@code [batch][irreps1.dim]}
     * @param x2 {@code [batch][irreps2.dim]}
     * @param w {@link #weightLength()} complex weights, shared by the batch
     * @param result receives {@code [batch][irrepsOut.dim]}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void forward(ComplexTensor x1, ComplexTensor x2, ComplexTensor w, ComplexTensor result, int batch) {
        String op = "LorentzProduct.forward";
        checkInputs(op, x1, x2, w, batch);
        ComplexChecks.required(op, "out", result, ComplexChecks.rows(batch, out.dim()));
        result.clear();
        double[] ar = x1.re(), ai = x1.im(), br = x2.re(), bi = x2.im(), wr = w.re(), wi = w.im();
        double[] or = result.re(), oi = result.im();
        for (int s = 0; s < batch; s++) {
            int a0 = s * in1.dim(), b0 = s * in2.dim(), o0 = s * out.dim();
            forEachTerm((a, b, k, o, c) -> {
                double pr = ar[a0 + a] * br[b0 + b] - ai[a0 + a] * bi[b0 + b];
                double pi = ar[a0 + a] * bi[b0 + b] + ai[a0 + a] * br[b0 + b];
                or[o0 + o] += c * (pr * wr[k] - pi * wi[k]);
                oi[o0 + o] += c * (pr * wi[k] + pi * wr[k]);
            });
        }
    }

    /**
     * The gradients of a real loss L given gradOut = ∂L/∂out: each is Σ c·gradOut·conj(the other two
     * factors). A null output is not computed; gradW is summed over the batch.
     *
     * @param x1 {@code [batch][irreps1.dim]}
     * @param x2 {@code [batch][irreps2.dim]}
     * @param w {@link #weightLength()} complex weights, shared by the batch
     * @param gradOut ∂L/∂out, {@code [batch][irrepsOut.dim]}
     * @param gradX1 receives ∂L/∂x1, or null
     * @param gradX2 receives ∂L/∂x2, or null
     * @param gradW receives ∂L/∂w, summed over the batch, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void backward(ComplexTensor x1, ComplexTensor x2, ComplexTensor w, ComplexTensor gradOut,
            ComplexTensor gradX1, ComplexTensor gradX2, ComplexTensor gradW, int batch) {
        String op = "LorentzProduct.backward";
        checkInputs(op, x1, x2, w, batch);
        ComplexChecks.required(op, "gradOut", gradOut, ComplexChecks.rows(batch, out.dim()));
        ComplexChecks.optional(op, "gradX1", gradX1, x1.length());
        ComplexChecks.optional(op, "gradX2", gradX2, x2.length());
        ComplexChecks.optional(op, "gradW", gradW, weightLength);
        if (gradX1 != null) gradX1.clear();
        if (gradX2 != null) gradX2.clear();
        if (gradW != null) gradW.clear();
        for (int s = 0; s < batch; s++) {
            int a0 = s * in1.dim(), b0 = s * in2.dim(), o0 = s * out.dim();
            forEachTerm((a, b, k, o, c) -> {
                double gr = c * gradOut.re()[o0 + o];
                double gi = c * gradOut.im()[o0 + o];
                if (gradX1 != null) addConjugateProduct(gr, gi, x2, b0 + b, w, k, gradX1, a0 + a);
                if (gradX2 != null) addConjugateProduct(gr, gi, x1, a0 + a, w, k, gradX2, b0 + b);
                if (gradW != null) addConjugateProduct(gr, gi, x1, a0 + a, x2, b0 + b, gradW, k);
            });
        }
    }

    /** target[t] += g·conj(p[i]·q[j]). */
    private static void addConjugateProduct(double gr, double gi, ComplexTensor p, int i, ComplexTensor q, int j,
            ComplexTensor target, int t) {
        double pr = p.re()[i] * q.re()[j] - p.im()[i] * q.im()[j];
        double pi = p.re()[i] * q.im()[j] + p.im()[i] * q.re()[j];
        target.re()[t] += gr * pr + gi * pi;
        target.im()[t] += gi * pr - gr * pi;
    }

    /**
     * Gradients of Q = Re⟨v1, gradX1⟩ + Re⟨v2, gradX2⟩ + Re⟨vw, gradW⟩ (⟨a, b⟩ = Σ conj(a)·b) with
     * respect to x1, x2, w and gradOut, where gradX1, gradX2, gradW are {@link #backward}'s outputs.
     * The product is trilinear, so Q = Re⟨gradOut, T(v1, x2, w) + T(x1, v2, w) + T(x1, x2, vw)⟩ and each
     * derivative is a forward or backward with one argument swapped. Null upstream gradients count
     * as zero; null outputs are not computed.
     *
     * @param x1 {@code [batch][irreps1.dim]}
     * @param x2 {@code [batch][irreps2.dim]}
     * @param w {@link #weightLength()} complex weights, shared by the batch
     * @param gradOut ∂L/∂out, {@code [batch][irrepsOut.dim]}
     * @param v1 the upstream gradient on gradX1, or null
     * @param v2 the upstream gradient on gradX2, or null
     * @param vw the upstream gradient on gradW, or null
     * @param gradX1 receives ∂Q/∂x1, or null
     * @param gradX2 receives ∂Q/∂x2, or null
     * @param gradW receives ∂Q/∂w, or null
     * @param gradGradOut receives ∂Q/∂gradOut, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void doubleBackward(ComplexTensor x1, ComplexTensor x2, ComplexTensor w, ComplexTensor gradOut,
            ComplexTensor v1, ComplexTensor v2, ComplexTensor vw, ComplexTensor gradX1, ComplexTensor gradX2,
            ComplexTensor gradW, ComplexTensor gradGradOut, int batch) {
        String op = "LorentzProduct.doubleBackward";
        checkInputs(op, x1, x2, w, batch);
        ComplexChecks.required(op, "gradOut", gradOut, ComplexChecks.rows(batch, out.dim()));
        ComplexChecks.optional(op, "v1", v1, x1.length());
        ComplexChecks.optional(op, "v2", v2, x2.length());
        ComplexChecks.optional(op, "vw", vw, weightLength);
        ComplexChecks.optional(op, "gradGradOut", gradGradOut, gradOut.length());
        if (gradGradOut != null) {
            gradGradOut.clear();
            ComplexTensor term = ComplexTensor.zeros(gradOut.length());
            if (v1 != null) addForward(v1, x2, w, term, gradGradOut, batch);
            if (v2 != null) addForward(x1, v2, w, term, gradGradOut, batch);
            if (vw != null) addForward(x1, x2, vw, term, gradGradOut, batch);
        }
        if (gradX1 != null) {
            ComplexChecks.optional(op, "gradX1", gradX1, x1.length());
            gradX1.clear();
            if (v2 != null) addGradient(x1, v2, w, gradOut, 0, gradX1, batch);
            if (vw != null) addGradient(x1, x2, vw, gradOut, 0, gradX1, batch);
        }
        if (gradX2 != null) {
            ComplexChecks.optional(op, "gradX2", gradX2, x2.length());
            gradX2.clear();
            if (v1 != null) addGradient(v1, x2, w, gradOut, 1, gradX2, batch);
            if (vw != null) addGradient(x1, x2, vw, gradOut, 1, gradX2, batch);
        }
        if (gradW != null) {
            ComplexChecks.optional(op, "gradW", gradW, weightLength);
            gradW.clear();
            if (v1 != null) addGradient(v1, x2, w, gradOut, 2, gradW, batch);
            if (v2 != null) addGradient(x1, v2, w, gradOut, 2, gradW, batch);
        }
    }

    private void addForward(ComplexTensor a, ComplexTensor b, ComplexTensor w, ComplexTensor term,
            ComplexTensor sum, int batch) {
        forward(a, b, w, term, batch);
        sum.add(term);
    }

    /** Adds the gradient with respect to argument {@code which} (0 = x1, 1 = x2, 2 = w) at (a, b, w). */
    private void addGradient(ComplexTensor a, ComplexTensor b, ComplexTensor w, ComplexTensor gradOut, int which,
            ComplexTensor sum, int batch) {
        ComplexTensor term = ComplexTensor.zeros(sum.length());
        backward(a, b, w, gradOut, which == 0 ? term : null, which == 1 ? term : null, which == 2 ? term : null,
                batch);
        sum.add(term);
    }

    /**
     * Float32 version of {@link #forward(ComplexTensor, ComplexTensor, ComplexTensor, ComplexTensor, int)}.
     *
     * @param x1 {@code [batch][irreps1.dim]}
     * @param x2 {@code [batch][irreps2.dim]}
     * @param w {@link #weightLength()} complex weights, shared by the batch
     * @param result receives {@code [batch][irrepsOut.dim]}
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void forward(ComplexTensor32 x1, ComplexTensor32 x2, ComplexTensor32 w, ComplexTensor32 result,
            int batch) {
        if (result == null) throw new IllegalArgumentException("LorentzProduct.forward: out must not be null");
        ComplexTensor wide = ComplexTensor.zeros(result.length());
        forward(ComplexTensor32.widen(x1), ComplexTensor32.widen(x2), ComplexTensor32.widen(w), wide, batch);
        wide.narrowInto(result);
    }

    /** Float32 version of {@link #backward(ComplexTensor, ComplexTensor, ComplexTensor, ComplexTensor,
     * ComplexTensor, ComplexTensor, ComplexTensor, int)}.
     *
     * @param x1 {@code [batch][irreps1.dim]}
     * @param x2 {@code [batch][irreps2.dim]}
     * @param w {@link #weightLength()} complex weights, shared by the batch
     * @param gradOut ∂L/∂out, {@code [batch][irrepsOut.dim]}
     * @param gradX1 receives ∂L/∂x1, or null
     * @param gradX2 receives ∂L/∂x2, or null
     * @param gradW receives ∂L/∂w, summed over the batch, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, or a null or wrongly sized required tensor
     */
    public void backward(ComplexTensor32 x1, ComplexTensor32 x2, ComplexTensor32 w, ComplexTensor32 gradOut,
            ComplexTensor32 gradX1, ComplexTensor32 gradX2, ComplexTensor32 gradW, int batch) {
        ComplexTensor g1 = gradX1 == null ? null : ComplexTensor.zeros(gradX1.length());
        ComplexTensor g2 = gradX2 == null ? null : ComplexTensor.zeros(gradX2.length());
        ComplexTensor gw = gradW == null ? null : ComplexTensor.zeros(gradW.length());
        backward(ComplexTensor32.widen(x1), ComplexTensor32.widen(x2), ComplexTensor32.widen(w),
                ComplexTensor32.widen(gradOut), g1, g2, gw, batch);
        if (g1 != null) g1.narrowInto(gradX1);
        if (g2 != null) g2.narrowInto(gradX2);
        if (gw != null) gw.narrowInto(gradW);
    }

    private void checkInputs(String op, ComplexTensor x1, ComplexTensor x2, ComplexTensor w, int batch) {
        ComplexChecks.batch(op, batch);
        ComplexChecks.required(op, "x1", x1, ComplexChecks.rows(batch, in1.dim()));
        ComplexChecks.required(op, "x2", x2, ComplexChecks.rows(batch, in2.dim()));
        ComplexChecks.required(op, "w", w, weightLength);
    }

    /** One non-zero term of one sample: x1 entry, x2 entry, weight, output entry and the CG coefficient. */
    @FunctionalInterface
    interface Term {
        void visit(int a, int b, int weight, int o, double coefficient);
    }

    /** Visits every non-zero term of one sample (also what the device term lists are built from). */
    void forEachTerm(Term term) {
        for (Path p : paths) {
            for (int u = 0; u < p.mul1; u++) {
                int a = in1.offset(p.s1) + u * p.d1;
                if (mode == Mode.CHANNEL_WISE) {
                    int v = p.mul2 == 1 ? 0 : u;
                    visitCoupling(p, a, in2.offset(p.s2) + v * p.d2, p.weightOffset + u,
                            out.offset(p.so) + u * p.dOut, term);
                    continue;
                }
                for (int v = 0; v < p.mul2; v++) {
                    int b = in2.offset(p.s2) + v * p.d2;
                    for (int wo = 0; wo < p.mulOut; wo++) {
                        visitCoupling(p, a, b, p.weightOffset + (u * p.mul2 + v) * p.mulOut + wo,
                                out.offset(p.so) + wo * p.dOut, term);
                    }
                }
            }
        }
    }

    private static void visitCoupling(Path p, int a, int b, int weight, int o, Term term) {
        for (int k = 0; k < p.coefficients.length; k++) {
            term.visit(a + p.i1[k], b + p.i2[k], weight, o + p.io[k], p.coefficients[k]);
        }
    }

    @Override
    public String toString() {
        return "LorentzProduct(" + in1 + " x " + in2 + " -> " + out + ", " + mode + ")";
    }

    /** One coupling path with the non-zero entries of its CG tensor. */
    private final class Path {
        final int s1, s2, so, mul1, mul2, mulOut, d1, d2, dOut, weightOffset;
        final int[] i1, i2, io;
        final double[] coefficients;

        Path(int s1, int s2, int so, int weightOffset) {
            this.s1 = s1;
            this.s2 = s2;
            this.so = so;
            this.weightOffset = weightOffset;
            mul1 = in1.mul(s1);
            mul2 = in2.mul(s2);
            mulOut = out.mul(so);
            d1 = in1.irrep(s1).dim();
            d2 = in2.irrep(s2).dim();
            dOut = out.irrep(so).dim();
            double[] h = LorentzClebschGordan.of(in1.irrep(s1), in2.irrep(s2), out.irrep(so)).toArray();
            int nonZero = 0;
            for (double v : h) if (v != 0) nonZero++;
            i1 = new int[nonZero];
            i2 = new int[nonZero];
            io = new int[nonZero];
            coefficients = new double[nonZero];
            int k = 0;
            for (int idx = 0; idx < h.length; idx++) {
                if (h[idx] == 0) continue;
                i1[k] = idx / (d2 * dOut);
                i2[k] = idx / dOut % d2;
                io[k] = idx % dOut;
                coefficients[k++] = h[idx];
            }
        }
    }
}
