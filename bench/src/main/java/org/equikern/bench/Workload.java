package org.equikern.bench;

import java.util.Locale;
import org.equikern.group.Irreps;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nn.SymmetricContraction;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;

/**
 * The benchmark workloads of the performance issue (see {@code DESIGN.md}), defined once for every
 * benchmark class, the smoke test and the results report. Names are those of the e3nn oracle's
 * {@code bench_e3nn.py}, so JMH and e3nn rows can be joined by name.
 */
public enum Workload {
    /** NequIP convolution: channel-wise {@code uvu}, one weight vector per edge. */
    NEQUIP_CONV_UVU(Kind.CHANNEL_WISE, "32x0e+32x1o+32x2e", "0e+1o+2e", "32x0e+32x1o+32x2e", 20_000),
    /** MACE-large convolution: channel-wise {@code uvu}, one weight vector per edge. */
    MACE_LARGE_UVU(Kind.CHANNEL_WISE, "128x0e+128x1o+128x2e", "0e+1o+2e+3o", "128x0e+128x1o+128x2e+128x3o", 5_000),
    /** Fully connected {@code uvw} with weights shared across the batch. */
    FCTP_UVW_32(Kind.FULLY_CONNECTED, "32x0e+32x1o+32x2e", "0e+1o+2e", "32x0e+32x1o+32x2e", 5_000),
    /** Fully connected {@code uvw}, wide scalars and vectors. */
    FCTP_UVW_128(Kind.FULLY_CONNECTED, "128x0e+128x1o", "0e+1o", "128x0e+128x1o", 2_000),
    /**
     * Fused convolution on a random graph of 1 000 nodes: the NequIP tensor product on each of
     * 20 000 edges, gathered from senders and summed into receivers (items are edges).
     */
    FUSED_CONV(Kind.CONVOLUTION, "32x0e+32x1o+32x2e", "0e+1o+2e", "32x0e+32x1o+32x2e", 20_000),
    /** MACE's symmetric contraction, 128 channels, l ≤ 3, correlation 3, 10 elements (items are nodes). */
    MACE_SYMMETRIC_CONTRACTION(Kind.SYMMETRIC_CONTRACTION, "128x0e+128x1o+128x2e+128x3o", null, "128x0e+128x1o", 1_000),
    /** Component-normalized spherical harmonics of unit-normalized vectors, up to l = 3. */
    SH_LMAX3(3, 1_000_000),
    /** Component-normalized spherical harmonics of unit-normalized vectors, up to l = 6. */
    SH_LMAX6(6, 1_000_000);

    /** Average edges per node of the fused convolution's graph. */
    public static final int CONVOLUTION_DEGREE = 20;

    /** What a workload computes. */
    public enum Kind { CHANNEL_WISE, FULLY_CONNECTED, CONVOLUTION, SYMMETRIC_CONTRACTION, SPHERICAL_HARMONICS }

    private final Kind kind;
    private final String irrepsIn1;
    private final String irrepsIn2;
    private final String irrepsOut;
    private final int lmax;
    private final int batch;

    Workload(Kind kind, String irrepsIn1, String irrepsIn2, String irrepsOut, int batch) {
        this(kind, irrepsIn1, irrepsIn2, irrepsOut, -1, batch);
    }

    Workload(int lmax, int batch) {
        this(Kind.SPHERICAL_HARMONICS, null, null, null, lmax, batch);
    }

    Workload(Kind kind, String irrepsIn1, String irrepsIn2, String irrepsOut, int lmax, int batch) {
        this.kind = kind;
        this.irrepsIn1 = irrepsIn1;
        this.irrepsIn2 = irrepsIn2;
        this.irrepsOut = irrepsOut;
        this.lmax = lmax;
        this.batch = batch;
    }

    /** The workload with this {@link #id()}, e.g. {@code nequip_conv_uvu}. */
    public static Workload of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The lower-case name used in JMH parameters and by the e3nn oracle's tensor-product workloads. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The workload name {@code bench_e3nn.py} takes on its command line ({@code sh3} for spherical harmonics). */
    public String oracleArgument() {
        return kind == Kind.SPHERICAL_HARMONICS ? "sh" + lmax : id();
    }

    /** The name {@code bench_e3nn.py} prints at the start of its result line. */
    public String oracleName() {
        return kind == Kind.SPHERICAL_HARMONICS ? "sh_lmax" + lmax : id();
    }

    public Kind kind() {
        return kind;
    }

    /** The first input's irreps ({@code null} for spherical harmonics). */
    public String irrepsIn1() {
        return irrepsIn1;
    }

    /** The second input's irreps ({@code null} for harmonics and the symmetric contraction). */
    public String irrepsIn2() {
        return irrepsIn2;
    }

    /** The output irreps ({@code null} for spherical harmonics). */
    public String irrepsOut() {
        return irrepsOut;
    }

    /** The harmonics degree; -1 for every other kind. */
    public int lmax() {
        return lmax;
    }

    /** Whether a tensor-product {@link #plan()} describes the work of one item. */
    public boolean isTensorProduct() {
        return kind == Kind.CHANNEL_WISE || kind == Kind.FULLY_CONNECTED || kind == Kind.CONVOLUTION;
    }

    /** Whether the suite times forward+backward too (everything but the harmonics). */
    public boolean hasBackward() {
        return kind != Kind.SPHERICAL_HARMONICS;
    }

    /** Items (edges, samples or vectors) per call in the definition. */
    public int batch() {
        return batch;
    }

    /** {@link #batch()} times {@code scale}, at least 1: smaller runs of the same shapes for smoke tests. */
    public int batch(double scale) {
        if (!(scale > 0)) throw new IllegalArgumentException("scale must be > 0, got " + scale);
        return (int) Math.max(1, Math.round(batch * scale));
    }

    /**
     * Nodes of the fused convolution's random graph: {@link #CONVOLUTION_DEGREE} edges per node on
     * average, at least 2.
     */
    public int nodes(double scale) {
        if (kind != Kind.CONVOLUTION) throw new UnsupportedOperationException(this + " is no convolution");
        return Math.max(2, batch(scale) / CONVOLUTION_DEGREE);
    }

    /** The layer of the symmetric-contraction workload. */
    public SymmetricContraction symmetricContraction() {
        if (kind != Kind.SYMMETRIC_CONTRACTION) throw new UnsupportedOperationException(this + " is no contraction");
        return SymmetricContraction.of(irrepsIn1, irrepsOut, 3, 10);
    }

    /** The tensor product's spec; only for tensor-product workloads. */
    public TensorProductSpec spec() {
        if (!isTensorProduct()) throw new UnsupportedOperationException(this + " is not a tensor product");
        Irreps in1 = Irreps.parse(irrepsIn1);
        Irreps in2 = Irreps.parse(irrepsIn2);
        Irreps out = Irreps.parse(irrepsOut);
        switch (kind) {
            case CHANNEL_WISE:
            case CONVOLUTION:
                return TensorProductSpec.channelWise(in1, in2, out);
            case FULLY_CONNECTED:
                return TensorProductSpec.fullyConnected(in1, in2, out);
            default:
                throw new UnsupportedOperationException(this + " is not a tensor product");
        }
    }

    /** The compiled plan of {@link #spec()}. */
    public Plan plan() {
        return Plan.of(spec());
    }

    /** The harmonics evaluator; only for spherical-harmonics workloads. */
    public SphericalHarmonics sphericalHarmonics() {
        if (kind != Kind.SPHERICAL_HARMONICS) throw new UnsupportedOperationException(this + " is not harmonics");
        return SphericalHarmonics.of(lmax, ShNormalization.COMPONENT, true);
    }

    /** A short description for reports: the irreps product or the harmonics degree. */
    public String describe() {
        switch (kind) {
            case SPHERICAL_HARMONICS:
                return "Y_l, l ≤ " + lmax + ", component, normalized";
            case SYMMETRIC_CONTRACTION:
                return irrepsIn1 + " → " + irrepsOut + ", correlation 3";
            default:
                return irrepsIn1 + " ⊗ " + irrepsIn2 + " → " + irrepsOut + (kind == Kind.FULLY_CONNECTED ? " (uvw)"
                        : " (uvu)") + (kind == Kind.CONVOLUTION ? ", fused gather/scatter" : "");
        }
    }
}
