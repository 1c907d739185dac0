package org.equikern.validate.kinds;

import org.equikern.data.EdgeIndex;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.group.ShNormalization;
import org.equikern.nn.BesselBasis;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.GaussianBasis;
import org.equikern.nn.PolynomialCutoff;
import org.equikern.nn.RadialBasis;
import org.equikern.nn.RadialEmbedding;
import org.equikern.ops.edgeembedding.EdgeEmbeddingOp;
import org.equikern.validate.Comparison;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Checks {@code kind = edge_embedding} cases (SCHEMA.md): edge lengths, e3nn's spherical harmonics
 * of the edge directions and radial features (a basis times NequIP's polynomial cutoff) of a small
 * graph, recomputed by {@link EdgeEmbedding} on the context's device, and the position gradients of
 * the backward pass. The {@code basis} names e3nn's {@code soft_one_hot_linspace} variants
 * ({@code e3nn_bessel}: {@link BesselBasis#of}; {@code e3nn_gaussian}: {@link GaussianBasis#of};
 * {@code e3nn_gaussian_cutoff}: {@link GaussianBasis#interior}) or NequIP's Bessel basis
 * ({@code nequip_bessel}: {@link BesselBasis#nequip}).
 */
public final class EdgeEmbeddingKind implements ReferenceKind {
    @Override
    public String kind() {
        return "edge_embedding";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return testCase.string("basis") + " lmax=" + testCase.integer("lmax") + " edges=" + testCase.integer("edges");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        int lmax = testCase.integer("lmax");
        if (lmax < 0) throw new JsonFieldException(testCase.where("lmax"), "must be at least 0, found " + lmax);
        int atoms = testCase.integer("atoms");
        int edges = testCase.integer("edges");
        int number = testCase.integer("number");
        double[] positions = CaseFields.values(testCase, "positions", atoms, 3);
        int[] src = ints(testCase, "edge_src", edges);
        int[] dst = ints(testCase, "edge_dst", edges);
        double[] lengths = CaseFields.values(testCase, "lengths", edges);
        double[] sh = CaseFields.values(testCase, "sh", edges, lmax + 1L, lmax + 1L);
        double[] radial = CaseFields.values(testCase, "radial", edges, number);
        double[] gradSh = CaseFields.values(testCase, "grad_sh", edges, lmax + 1L, lmax + 1L);
        double[] gradRadial = CaseFields.values(testCase, "grad_radial", edges, number);
        double[] gradPositions = CaseFields.values(testCase, "grad_positions", atoms, 3);
        EdgeEmbedding embedding = EdgeEmbedding.of(lmax,
                CaseFields.parsed(testCase, "normalization", ShNormalization::parse), radial(testCase, number));
        EdgeIndex graph = CaseFields.at(testCase.where("edge_src"), () -> EdgeIndex.of(atoms, src, dst));
        Tolerance tolerance = Tolerance.of(context.precision(), false);
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(context.device(), embedding, context.dtype());
                DeviceGraph deviceGraph = DeviceGraph.upload(context.device(), graph);
                MemoryScope scope = context.device().openScope()) {
            DeviceBuffer p = context.upload(scope, positions);
            DeviceBuffer r = context.allocate(scope, lengths.length);
            DeviceBuffer y = context.allocate(scope, sh.length);
            DeviceBuffer f = context.allocate(scope, radial.length);
            op.forward(p, null, deviceGraph, null, r, y, f);
            DeviceBuffer g = context.allocate(scope, gradPositions.length);
            op.backward(p, null, deviceGraph, context.upload(scope, gradSh), context.upload(scope, gradRadial), g,
                    null, context.allocate(scope, op.scratchLength(edges)));
            return Comparison.of("lengths", lengths, ValidationContext.read(r), tolerance)
                    .and(Comparison.of("sh", sh, ValidationContext.read(y), tolerance))
                    .and(Comparison.of("radial", radial, ValidationContext.read(f), tolerance))
                    .and(Comparison.of("grad_positions", gradPositions, ValidationContext.read(g), tolerance));
        }
    }

    @Override
    public boolean runsOnDevices() {
        return true;
    }

    /** The case's radial features: its basis of {@code number} functions times the polynomial cutoff. */
    private static RadialEmbedding radial(JsonFields testCase, int number) {
        double radius = testCase.number("radius");
        String basisName = testCase.string("basis");
        RadialBasis basis = CaseFields.parsedValue(testCase.where("basis"), basisName, name -> {
            switch (name) {
                case "e3nn_bessel": return BesselBasis.of(radius, number);
                case "nequip_bessel": return BesselBasis.nequip(radius, number);
                case "e3nn_gaussian": return GaussianBasis.of(testCase.number("start"), radius, number);
                case "e3nn_gaussian_cutoff": return GaussianBasis.interior(testCase.number("start"), radius, number);
                default: throw new IllegalArgumentException("unknown basis '" + name + "'; known: e3nn_bessel, "
                        + "nequip_bessel, e3nn_gaussian, e3nn_gaussian_cutoff");
            }
        });
        PolynomialCutoff cutoff = CaseFields.at(testCase.where("cutoff_exponent"),
                () -> PolynomialCutoff.of(radius, testCase.number("cutoff_exponent")));
        return RadialEmbedding.of(basis, cutoff);
    }

    /** The integer array {@code key}, which must hold {@code length} entries. */
    private static int[] ints(JsonFields testCase, String key, int length) {
        int[] values = testCase.ints(key);
        if (values.length != length) {
            throw new JsonFieldException(testCase.where(key), "expected " + length + " values, found " + values.length);
        }
        return values;
    }
}
