package org.equikern.ops.edgeembedding;

import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.ShNormalization;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.GaussianBasis;
import org.equikern.nn.PolynomialCutoff;
import org.equikern.nn.RadialEmbedding;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * {@link EdgeEmbeddingOp} on a device against {@link EdgeEmbedding} in double: Bessel and Gaussian
 * bases, with and without shifts, both precisions, on a graph with zero-length edges (a self-edge
 * and two atoms at one point), edges past the cutoff and an isolated atom; graphs without edges;
 * argument errors. The second order ({@link EdgeEmbeddingOp#tangent},
 * {@link EdgeEmbeddingOp#tangentBackward}) is checked against the host and, in float64, against
 * central differences of the device's own forward and backward (an independent reference) on a graph
 * without zero-length edges, whose derivatives blow up there. Its second derivatives grow like
 * {@code 1/r²} on the short edge, so those comparisons are relative to the largest magnitude of the
 * whole output; float32 is held to {@value #SECOND_ORDER_F32_TOLERANCE} of it. Subclassed once per backend.
 */
public abstract class EdgeEmbeddingOpContract extends OpContract {
    private static final int ATOMS = 12;
    /** The last atom has no edges. */
    private static final int ISOLATED = ATOMS - 1;
    /** Atoms 0 and 1 sit at one point. */
    private static final int TWIN = 1;
    /** Atoms 3 and 4 sit near the origin, 0.025 apart: edge 2 reaches the Bessel derivative's series. */
    private static final int NEAR = 3;
    private static final int EDGES = 60;
    private static final double SECOND_ORDER_F64_TOLERANCE = 1e-12;
    private static final double SECOND_ORDER_F32_TOLERANCE = 1e-4;
    /** Central-difference step and bound (relative to the output's largest magnitude, at least 1). */
    private static final double STEP = 1e-6;
    private static final double DIFFERENCE_TOLERANCE = 1e-7;

    /** Named embeddings, built per test so the parameters print readably. */
    static EdgeEmbedding embedding(String basis) {
        if (basis.equals("bessel")) {
            return EdgeEmbedding.of(3, ShNormalization.COMPONENT, RadialEmbedding.nequip(3.0));
        }
        return EdgeEmbedding.of(2, ShNormalization.INTEGRAL,
                RadialEmbedding.of(GaussianBasis.interior(0.0, 3.5, 6), PolynomialCutoff.of(3.5, 5)));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String basis : new String[] {"bessel", "gaussian"}) {
                for (boolean shifts : new boolean[] {false, true}) {
                    out.add(Arguments.of(dtype, basis, shifts));
                }
            }
        }
        return out.stream();
    }

    /**
     * Edges 0 (self-edge of atom 2) and 1 (atom 0 to its twin) have length 0, edge 2 is the short
     * one between atoms 3 and 4; the rest are random.
     */
    private static EdgeIndex graph(SplittableRandom random) {
        int[] src = new int[EDGES];
        int[] dst = new int[EDGES];
        src[0] = 2;
        dst[0] = 2;
        src[1] = 0;
        dst[1] = TWIN;
        src[2] = NEAR;
        dst[2] = NEAR + 1;
        for (int e = 3; e < EDGES; e++) {
            src[e] = random.nextInt(ISOLATED);
            dst[e] = random.nextInt(ISOLATED);
        }
        return EdgeIndex.of(ATOMS, src, dst);
    }

    /** Positions in a 3.2 box (some edges past the cutoff), atom 1 on atom 0, atoms 3 and 4 near 0. */
    private static double[] positions(SplittableRandom random, DType dtype) {
        double[] p = new double[3 * ATOMS];
        for (int i = 0; i < p.length; i++) p[i] = 3.2 * random.nextDouble();
        for (int a = 0; a < 3; a++) p[3 * TWIN + a] = p[a];
        // Small coordinates, so rounding to float keeps the short edge accurate.
        System.arraycopy(new double[] {0, 0, 0, 0.012, -0.02, 0.009}, 0, p, 3 * NEAR, 6);
        return rounded(dtype, p);
    }

    /** Shifts of up to one cell, 0 on the zero-length and short edges; null without shifts. */
    private static double[] shifts(SplittableRandom random, DType dtype, boolean present) {
        if (!present) return null;
        double[] s = new double[3 * EDGES];
        for (int i = 9; i < s.length; i++) s[i] = random.nextInt(3) - 1 + 0.25 * random.nextDouble();
        return rounded(dtype, s);
    }

    private static DeviceBuffer uploadOrNull(MemoryScope scope, DType dtype, double[] values) {
        return values == null ? null : upload(scope, dtype, values);
    }

    @ParameterizedTest(name = "{0} {1} shifts={2}")
    @MethodSource("cases")
    void forwardMatchesJava(DType dtype, String basis, boolean withShifts) {
        EdgeEmbedding layer = embedding(basis);
        SplittableRandom random = new SplittableRandom(basis.hashCode() + (withShifts ? 1 : 0));
        EdgeIndex edges = graph(random);
        double[] pos = positions(random, dtype);
        double[] shifts = shifts(random, dtype, withShifts);
        int dim = layer.shDim();
        int size = layer.radialSize();
        double[] vectors = new double[3 * EDGES];
        double[] lengths = new double[EDGES];
        double[] sh = new double[EDGES * dim];
        double[] radial = new double[EDGES * size];
        layer.forward(pos, shifts, edges, vectors, lengths, sh, radial);
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, layer, dtype);
             DeviceGraph graph = DeviceGraph.upload(device, edges);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer p = upload(scope, dtype, pos);
            DeviceBuffer s = uploadOrNull(scope, dtype, shifts);
            DeviceBuffer v = scope.allocate(dtype, vectors.length);
            DeviceBuffer r = scope.allocate(dtype, lengths.length);
            DeviceBuffer y = scope.allocate(dtype, sh.length);
            DeviceBuffer f = scope.allocate(dtype, radial.length);
            op.forward(p, s, graph, v, r, y, f);
            assertClose(vectors, download(v), 3, dtype, basis + " vectors");
            assertClose(lengths, download(r), 1, dtype, basis + " lengths");
            assertClose(sh, download(y), dim, dtype, basis + " sh");
            assertClose(radial, download(f), size, dtype, basis + " radial");
            assertEquals(0.0, download(r)[0], "self-edge length");
            assertEquals(0.0, download(r)[1], "twin edge length");

            // Only some outputs: the others are neither required nor touched.
            DeviceBuffer y2 = scope.allocate(dtype, sh.length);
            op.forward(p, s, graph, null, null, y2, null);
            assertClose(sh, download(y2), dim, dtype, basis + " sh alone");
            DeviceBuffer f2 = scope.allocate(dtype, radial.length);
            op.forward(p, s, graph, null, null, null, f2);
            assertClose(radial, download(f2), size, dtype, basis + " radial alone");
        }
    }

    @ParameterizedTest(name = "{0} {1} shifts={2}")
    @MethodSource("cases")
    void backwardMatchesJava(DType dtype, String basis, boolean withShifts) {
        EdgeEmbedding layer = embedding(basis);
        SplittableRandom random = new SplittableRandom(basis.hashCode() + (withShifts ? 3 : 2));
        EdgeIndex edges = graph(random);
        double[] pos = positions(random, dtype);
        double[] shifts = shifts(random, dtype, withShifts);
        double[] gradSh = rounded(dtype, gaussian(random, EDGES * layer.shDim()));
        double[] gradRadial = rounded(dtype, gaussian(random, EDGES * layer.radialSize()));
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, layer, dtype);
             DeviceGraph graph = DeviceGraph.upload(device, edges);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer p = upload(scope, dtype, pos);
            DeviceBuffer s = uploadOrNull(scope, dtype, shifts);
            DeviceBuffer gy = upload(scope, dtype, gradSh);
            DeviceBuffer gr = upload(scope, dtype, gradRadial);
            DeviceBuffer scratch = scope.allocate(dtype, op.scratchLength(EDGES));
            for (int variant = 0; variant < 3; variant++) {
                // both gradients, harmonics only, radial only
                double[] ySide = variant == 2 ? null : gradSh;
                double[] rSide = variant == 1 ? null : gradRadial;
                double[] expectedPos = new double[3 * ATOMS];
                double[] expectedShifts = new double[3 * EDGES];
                layer.backward(pos, shifts, edges, ySide, rSide, expectedPos, expectedShifts);
                DeviceBuffer gp = scope.allocate(dtype, expectedPos.length);
                DeviceBuffer gs = scope.allocate(dtype, expectedShifts.length);
                op.backward(p, s, graph, ySide == null ? null : gy, rSide == null ? null : gr, gp, gs, scratch);
                String what = basis + " variant " + variant;
                double[] scale = edgeScales(layer, pos, shifts, edges, expectedShifts, rSide);
                assertEdgeGradientsClose(scale, expectedShifts, download(gs), dtype, what);
                assertGradPositionsClose(edges, scale, expectedPos, download(gp), dtype, what);
                double[] actualShifts = download(gs);
                for (int i = 0; i < 6; i++) assertEquals(0.0, actualShifts[i], what + ": zero-length edge gradient");
                double[] actualPos = download(gp);
                for (int a = 0; a < 3; a++) {
                    assertEquals(0.0, actualPos[3 * ISOLATED + a], what + ": isolated atom gradient");
                }
            }
            // Without gradShifts, and a second run: the per-atom sums repeat bit for bit.
            DeviceBuffer first = scope.allocate(dtype, 3 * ATOMS);
            DeviceBuffer second = scope.allocate(dtype, 3 * ATOMS);
            op.backward(p, s, graph, gy, gr, first, null, scratch);
            op.backward(p, s, graph, gy, gr, second, null, scratch);
            assertArrayEquals(download(first), download(second), basis + " repeat");
        }
    }

    /**
     * The magnitude each edge gradient is compared against: at least 1, its own size, and
     * {@code Σ_k |gradRadial_k| (|B'_k| · envelope terms + |B_k u'|)}, the terms whose sums cancel
     * (float rounds each term).
     */
    private static double[] edgeScales(EdgeEmbedding layer, double[] pos, double[] shifts, EdgeIndex edges,
            double[] edgeGradients, double[] gradRadial) {
        double[] lengths = new double[EDGES];
        layer.forward(pos, shifts, edges, null, lengths, null, null);
        int size = layer.radialSize();
        double[] values = new double[size];
        double[] derivatives = new double[size];
        double[] scale = new double[EDGES];
        for (int e = 0; e < EDGES; e++) {
            scale[e] = 1;
            for (int a = 0; a < 3; a++) scale[e] = Math.max(scale[e], Math.abs(edgeGradients[3 * e + a]));
            if (gradRadial != null) {
                // dR/dr = B'u + Bu': the envelope u is itself a cancelling sum (terms of size
                // envelopeTerms near the cutoff), so B'u carries |B'| times those terms.
                double r = lengths[e];
                layer.radial().basis().evaluate(r, values, derivatives, 0);
                PolynomialCutoff cutoff = layer.radial().cutoff();
                double du = Math.abs(cutoff.derivative(r));
                double terms = 0;
                for (int k = 0; k < size; k++) {
                    terms += Math.abs(gradRadial[e * size + k])
                            * (Math.abs(derivatives[k]) * envelopeTerms(cutoff, r) + Math.abs(values[k]) * du);
                }
                scale[e] = Math.max(scale[e], terms);
            }
        }
        return scale;
    }

    /** {@code 1 + a·x^p + b·x^(p+1) + c·x^(p+2)}: the magnitudes whose sum is the envelope u. */
    private static double envelopeTerms(PolynomialCutoff cutoff, double r) {
        double x = r / cutoff.radius();
        if (!(x < 1)) return 0;
        double p = cutoff.exponent();
        double xp = Math.pow(x, p);
        return 1 + (p + 1) * (p + 2) / 2 * xp + p * (p + 2) * xp * x + p * (p + 1) / 2 * xp * x * x;
    }

    private static void assertEdgeGradientsClose(double[] scale, double[] expected, double[] actual, DType dtype,
            String what) {
        for (int i = 0; i < expected.length; i++) {
            assertWithin(tolerance(dtype) * scale[i / 3], expected[i], actual[i], what + " gradShifts " + dtype
                    + ": element " + i);
        }
    }

    /** Position gradients against the sum of the scales of the edges each atom gathers: those sums cancel too. */
    private static void assertGradPositionsClose(EdgeIndex edges, double[] edgeScale, double[] expected,
            double[] actual, DType dtype, String what) {
        double[] scale = new double[ATOMS];
        Arrays.fill(scale, 1);
        int[] src = edges.sources();
        int[] dst = edges.targets();
        for (int e = 0; e < EDGES; e++) {
            scale[src[e]] += edgeScale[e];
            scale[dst[e]] += edgeScale[e];
        }
        for (int i = 0; i < expected.length; i++) {
            assertWithin(tolerance(dtype) * scale[i / 3], expected[i], actual[i], what + " gradPositions " + dtype
                    + ": element " + i);
        }
    }

    private static void assertWithin(double bound, double expected, double actual, String what) {
        double error = Math.abs(actual - expected);
        if (!(error <= bound)) {
            fail(what + ": expected " + expected + ", got " + actual + ", error " + error + " > " + bound);
        }
    }

    @ParameterizedTest(name = "{0} {1} shifts={2}")
    @MethodSource("cases")
    void tangentsMatchTheHost(DType dtype, String basis, boolean withShifts) {
        EdgeEmbedding layer = embedding(basis);
        SplittableRandom random = new SplittableRandom(basis.hashCode() + (withShifts ? 5 : 4));
        EdgeIndex edges = graph(random);
        double[] pos = positions(random, dtype);
        double[] shifts = shifts(random, dtype, withShifts);
        double[] posDot = rounded(dtype, gaussian(random, 3 * ATOMS));
        double[] gradSh = rounded(dtype, gaussian(random, EDGES * layer.shDim()));
        double[] gradShDot = rounded(dtype, gaussian(random, EDGES * layer.shDim()));
        double[] gradRadial = rounded(dtype, gaussian(random, EDGES * layer.radialSize()));
        double[] gradRadialDot = rounded(dtype, gaussian(random, EDGES * layer.radialSize()));
        double[] shTangent = new double[EDGES * layer.shDim()];
        double[] radialTangent = new double[EDGES * layer.radialSize()];
        double[] gradPosDot = new double[3 * ATOMS];
        layer.tangent(pos, shifts, edges, posDot, null, shTangent, radialTangent);
        layer.tangentBackward(pos, shifts, edges, posDot, gradSh, gradShDot, gradRadial, gradRadialDot, gradPosDot);
        double tolerance = dtype == DType.FLOAT64 ? SECOND_ORDER_F64_TOLERANCE : SECOND_ORDER_F32_TOLERANCE;
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, layer, dtype);
             DeviceGraph graph = DeviceGraph.upload(device, edges);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer p = upload(scope, dtype, pos);
            DeviceBuffer s = uploadOrNull(scope, dtype, shifts);
            DeviceBuffer pd = upload(scope, dtype, posDot);
            DeviceBuffer y = scope.allocate(dtype, shTangent.length);
            DeviceBuffer f = scope.allocate(dtype, radialTangent.length);
            op.tangent(p, s, graph, pd, y, f, scope.allocate(dtype, op.scratchLength(EDGES)));
            DeviceBuffer gp = scope.allocate(dtype, gradPosDot.length);
            op.tangentBackward(p, s, graph, pd, upload(scope, dtype, gradSh), upload(scope, dtype, gradShDot),
                    upload(scope, dtype, gradRadial), upload(scope, dtype, gradRadialDot), gp,
                    scope.allocate(dtype, op.tangentScratchLength(EDGES)));
            String what = basis + " " + dtype + " shifts=" + withShifts;
            assertCloseToLargest(shTangent, download(y), tolerance, what + " shTangent");
            assertCloseToLargest(radialTangent, download(f), tolerance, what + " radialTangent");
            assertCloseToLargest(gradPosDot, download(gp), tolerance, what + " gradPositionsTangent");
            // one side of each pair absent counts as zero
            DeviceBuffer shOnly = scope.allocate(dtype, gradPosDot.length);
            op.tangentBackward(p, s, graph, pd, upload(scope, dtype, gradSh), null, null, null, shOnly,
                    scope.allocate(dtype, op.tangentScratchLength(EDGES)));
            layer.tangentBackward(pos, shifts, edges, posDot, gradSh, null, null, null, gradPosDot);
            assertCloseToLargest(gradPosDot, download(shOnly), tolerance, what + " gradSh alone");
        }
    }

    /** Central differences of the device's forward and backward along the tangents, in float64. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("bases")
    void tangentsAreCentralDifferencesOfTheFirstOrder(String basis) {
        EdgeEmbedding layer = embedding(basis);
        SplittableRandom random = new SplittableRandom(basis.hashCode() + 6L);
        int[] src = new int[EDGES];
        int[] dst = new int[EDGES];
        for (int e = 0; e < EDGES; e++) {
            src[e] = random.nextInt(ATOMS);
            dst[e] = (src[e] + 1 + random.nextInt(ATOMS - 1)) % ATOMS;
        }
        EdgeIndex edges = EdgeIndex.of(ATOMS, src, dst);
        double[] pos = new double[3 * ATOMS];
        for (int i = 0; i < pos.length; i++) pos[i] = 3.2 * random.nextDouble();
        double[] shifts = shifts(random, DType.FLOAT64, true);
        double[] posDot = gaussian(random, 3 * ATOMS);
        double[] gradSh = gaussian(random, EDGES * layer.shDim());
        double[] gradShDot = gaussian(random, EDGES * layer.shDim());
        double[] gradRadial = gaussian(random, EDGES * layer.radialSize());
        double[] gradRadialDot = gaussian(random, EDGES * layer.radialSize());
        DType f64 = DType.FLOAT64;
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, layer, f64);
             DeviceGraph graph = DeviceGraph.upload(device, edges);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer s = scope.upload(shifts);
            DeviceBuffer y = scope.allocate(f64, gradSh.length);
            DeviceBuffer f = scope.allocate(f64, gradRadial.length);
            DeviceBuffer gp = scope.allocate(f64, 3 * ATOMS);
            op.tangent(scope.upload(pos), s, graph, scope.upload(posDot), y, f,
                    scope.allocate(f64, op.scratchLength(EDGES)));
            op.tangentBackward(scope.upload(pos), s, graph, scope.upload(posDot), scope.upload(gradSh),
                    scope.upload(gradShDot), scope.upload(gradRadial), scope.upload(gradRadialDot), gp,
                    scope.allocate(f64, op.tangentScratchLength(EDGES)));
            double[] features = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope in = device.openScope()) {
                    DeviceBuffer sh = in.allocate(f64, gradSh.length);
                    DeviceBuffer radial = in.allocate(f64, gradRadial.length);
                    op.forward(in.upload(FiniteDifferences.shifted(pos, t, posDot)), s, graph, null, null, sh, radial);
                    return FiniteDifferences.concatenated(sh.toDoubleArray(), radial.toDoubleArray());
                }
            }, STEP);
            double[] positions = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope in = device.openScope()) {
                    DeviceBuffer g = in.allocate(f64, 3 * ATOMS);
                    op.backward(in.upload(FiniteDifferences.shifted(pos, t, posDot)), s, graph,
                            in.upload(FiniteDifferences.shifted(gradSh, t, gradShDot)),
                            in.upload(FiniteDifferences.shifted(gradRadial, t, gradRadialDot)), g, null,
                            in.allocate(f64, op.scratchLength(EDGES)));
                    return g.toDoubleArray();
                }
            }, STEP);
            assertCloseToLargest(Arrays.copyOf(features, gradSh.length), y.toDoubleArray(), DIFFERENCE_TOLERANCE,
                    basis + " shTangent");
            assertCloseToLargest(Arrays.copyOfRange(features, gradSh.length, features.length), f.toDoubleArray(),
                    DIFFERENCE_TOLERANCE, basis + " radialTangent");
            assertCloseToLargest(positions, gp.toDoubleArray(), DIFFERENCE_TOLERANCE, basis + " gradPositionsTangent");
        }
    }

    static Stream<String> bases() {
        return Stream.of("bessel", "gaussian");
    }

    /** Every element within {@code tolerance} times the largest expected magnitude (at least 1). */
    private static void assertCloseToLargest(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 1;
        for (double v : expected) scale = Math.max(scale, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            assertWithin(tolerance * scale, expected[i], actual[i], what + ": element " + i);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("emptyCases")
    void graphsWithoutEdges(DType dtype, int atoms) {
        EdgeEmbedding layer = embedding("bessel");
        EdgeIndex edges = EdgeIndex.of(atoms, new int[0], new int[0]);
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, layer, dtype);
             DeviceGraph graph = DeviceGraph.upload(device, edges);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer p = upload(scope, dtype, new double[3 * atoms]);
            DeviceBuffer empty = scope.allocate(dtype, 0);
            op.forward(p, scope.allocate(dtype, 0), graph, empty, scope.allocate(dtype, 0),
                    scope.allocate(dtype, 0), scope.allocate(dtype, 0));
            double[] stale = new double[3 * atoms];
            Arrays.fill(stale, 7.0);
            DeviceBuffer gp = upload(scope, dtype, stale);
            op.backward(p, null, graph, scope.allocate(dtype, 0), scope.allocate(dtype, 0), gp,
                    scope.allocate(dtype, 0), scope.allocate(dtype, op.scratchLength(0)));
            assertArrayEquals(new double[3 * atoms], download(gp), "gradPositions of atoms without edges");
        }
    }

    static Stream<Arguments> emptyCases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            out.add(Arguments.of(dtype, 0));
            out.add(Arguments.of(dtype, 5));
        }
        return out.stream();
    }

    @Test
    void argumentsAreValidatedBeforeAnythingRuns() {
        EdgeEmbedding layer = embedding("bessel");
        EdgeIndex edges = EdgeIndex.of(3, new int[] {0, 1}, new int[] {1, 2});
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, layer, DType.FLOAT64);
             DeviceGraph graph = DeviceGraph.upload(device, edges);
             DeviceGraph elsewhere = DeviceGraph.upload(other, edges);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer p = scope.allocate(DType.FLOAT64, 9);
            DeviceBuffer sh = scope.allocate(DType.FLOAT64, 2 * 16);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(null, null, graph, null, null, sh, null));
            assertEquals("EdgeEmbeddingOp.forward: positions must not be null (expected 9 elements, atoms 3 * 3)",
                    e.getMessage());
            DeviceBuffer shortSh = scope.allocate(DType.FLOAT64, 31);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(p, null, graph, null, null, shortSh, null));
            assertEquals("EdgeEmbeddingOp.forward: sh " + shortSh.name()
                    + ": expected 32 elements (edges 2 * shDim 16), got 31", e.getMessage());
            DeviceBuffer wrongShifts = scope.allocate(DType.FLOAT64, 9);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(p, wrongShifts, graph, null, null, sh, null));
            assertEquals("EdgeEmbeddingOp.forward: shifts " + wrongShifts.name()
                    + ": expected 6 elements (edges 2 * 3), got 9", e.getMessage());
            DeviceBuffer vectors = scope.allocate(DType.FLOAT64, 6);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(p, vectors, graph, vectors, null, null, null));
            assertEquals("EdgeEmbeddingOp.forward: vectors and shifts must be different buffers, both are "
                    + vectors.name(), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(p, null, null, null, null, sh, null));
            assertEquals("EdgeEmbeddingOp.forward: graph must not be null", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> op.forward(p, null, elsewhere, null, null, sh, null));
            DeviceBuffer floats = scope.allocate(DType.FLOAT32, 9);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(floats, null, graph, null, null, sh, null));
            assertEquals("EdgeEmbeddingOp.forward: positions " + floats.name() + " must be FLOAT64 like the op",
                    e.getMessage());

            DeviceBuffer gp = scope.allocate(DType.FLOAT64, 9);
            DeviceBuffer scratch = scope.allocate(DType.FLOAT64, op.scratchLength(2));
            assertEquals(2 * (2 * 16 + 3), op.scratchLength(2));
            DeviceBuffer shortScratch = scope.allocate(DType.FLOAT64, 69);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(p, null, graph, sh, null, gp, null, shortScratch));
            assertEquals("EdgeEmbeddingOp.backward: scratch " + shortScratch.name()
                    + ": expected 70 elements (edges 2 * (2 * shDim 16 + 3)), got 69", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(p, null, graph, sh, null, p, null, scratch));
            assertEquals("EdgeEmbeddingOp.backward: gradPositions and positions must be different buffers, both are "
                    + p.name(), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(p, null, graph, sh, null, null, null, scratch));
            assertEquals("EdgeEmbeddingOp.backward: gradPositions must not be null (expected 9 elements, atoms 3 * 3)",
                    e.getMessage());

            DeviceBuffer pd = scope.allocate(DType.FLOAT64, 9);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangent(p, null, graph, shortSh, sh, null, scratch));
            assertEquals("EdgeEmbeddingOp.tangent: positionTangent " + shortSh.name()
                    + ": expected 9 elements (atoms 3 * 3), got 31", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(p, null, graph, pd, pd, null, scratch));
            assertEquals("EdgeEmbeddingOp.tangent: shTangent " + pd.name()
                    + ": expected 32 elements (edges 2 * shDim 16), got 9", e.getMessage());
            assertEquals(2 * (4 * 16 + 3), op.tangentScratchLength(2));
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(p, null, graph, pd, sh, null, null, null, gp, scratch));
            assertEquals("EdgeEmbeddingOp.tangentBackward: scratch " + scratch.name()
                    + ": expected 134 elements (edges 2 * (4 * shDim 16 + 3)), got 70", e.getMessage());
            DeviceBuffer bigScratch = scope.allocate(DType.FLOAT64, op.tangentScratchLength(2));
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(p, null, graph, pd, sh, sh, null, null, gp, bigScratch));
            assertEquals("EdgeEmbeddingOp.tangentBackward: gradSh and gradShTangent must be different buffers, both are "
                    + sh.name(), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(p, null, graph, pd, sh, null, null, null, pd, bigScratch));
            assertEquals("EdgeEmbeddingOp.tangentBackward: gradPositionsTangent and positionTangent must be different "
                    + "buffers, both are " + pd.name(), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> EdgeEmbeddingOp.on(device, layer, DType.INT32));
        assertThrows(IllegalArgumentException.class, () -> EdgeEmbeddingOp.on(device, null, DType.FLOAT64));
        EdgeEmbeddingOp closed = EdgeEmbeddingOp.on(device, layer, DType.FLOAT32);
        closed.close();
        try (DeviceGraph graph = DeviceGraph.upload(device, edges)) {
            assertThrows(IllegalStateException.class, () -> closed.forward(null, null, graph, null, null, null, null));
        }
    }
}
