package org.equikern.device;

import org.equikern.data.EdgeIndex;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.equikern.group.ShNormalization;
import org.equikern.group.lorentz.SL2C;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nn.Activation;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.nn.NormalizedActivation;
import org.equikern.nn.RadialEmbedding;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.edgeembedding.EdgeEmbeddingOp;
import org.equikern.ops.gate.GateOp;
import org.equikern.ops.harmonics.SphericalHarmonicsOp;
import org.equikern.ops.linear.LinearOp;
import org.equikern.ops.lorentznet.LgebOp;
import org.equikern.ops.lorentzproduct.ComplexLinear;
import org.equikern.ops.lorentzproduct.ComplexLinearOp;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.LorentzFeatures;
import org.equikern.ops.lorentzproduct.LorentzInvariants;
import org.equikern.ops.lorentzproduct.LorentzInvariantsOp;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.ops.lorentzproduct.LorentzProduct;
import org.equikern.ops.lorentzproduct.LorentzProductOp;
import org.equikern.ops.minkowski.MinkowskiGramOp;
import org.equikern.ops.normactivation.NormActivationOp;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.runtime.DeviceConvolution;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.function.Function;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * O(3) equivariance of every op on a device: for random rotations, half of them with inversion,
 * {@code op(g·inputs) = g·op(inputs)}, with {@code g} acting by the Wigner D matrices of each
 * input's and output's irreps (and on Cartesian positions and edge vectors by the rotation
 * matrix, times −1 under inversion; weights, biases and radial features are invariant). This is
 * a property e3nn's conventions (basis, parities, normalization, weight layout) must all agree on,
 * checked independently of any oracle: within 1e-10 (float64) or 1e-4 (float32) of the output's
 * largest magnitude. The jet ops likewise commute with SO⁺(1,3) (D(g) of LGN's canonical basis on
 * complex features, Λ(g) on 4-momenta; Minkowski products and bilinear forms invariant). Ops
 * with irreps buffers run in both layouts: in {@code ir_mul} the D matrices act on the rows as they
 * lie in it. Subclassed once per backend.
 */
public abstract class EquivarianceContract extends OpContract {
    private static final int TRIALS = 4;
    private static final int BATCH = 7;
    private static final LorentzIrreps LORENTZ_IN = LorentzIrreps.parse("2x(0,0)+2x(1,1)+1x(0,1)");
    private static final LorentzIrreps LORENTZ_OUT = LorentzIrreps.parse("2x(0,0)+2x(1,1)+1x(2,2)+1x(1,0)");
    /** Padded particles per jet, and the real ones of each of the {@link #BATCH} jets. */
    private static final int PARTICLES = 4;
    private static final int[] JET_COUNTS = {4, 2, 0, 3, 1, 4, 4};

    static Stream<DType> dtypes() {
        return Stream.of(DType.FLOAT64, DType.FLOAT32);
    }

    /** Both precisions in both irreps layouts, for ops made per layout. */
    static Stream<org.junit.jupiter.params.provider.Arguments> dtypesAndLayouts() {
        return dtypes().flatMap(d -> Stream.of(IrrepsLayout.values())
                .map(layout -> org.junit.jupiter.params.provider.Arguments.of(d, layout)));
    }

    /** How the group acts on one array. */
    @FunctionalInterface
    interface Action {
        double[] apply(Rotation r, boolean inversion, double[] values);

        /** Wigner D of {@code irreps} on each row. */
        static Action irreps(Irreps irreps) {
            return (r, inversion, v) -> Representation.apply(irreps, r, inversion, v, v.length / irreps.dim());
        }

        /** Wigner D of {@code irreps} on each row laid out as {@code layout}. */
        static Action irreps(Irreps irreps, IrrepsLayout layout) {
            Action mulIr = irreps(irreps);
            return (r, inversion, v) -> IrrepsLayout.MUL_IR.convert(irreps,
                    mulIr.apply(r, inversion, layout.convert(irreps, v, IrrepsLayout.MUL_IR)), layout);
        }

        /** The rotation matrix (and −1 under inversion) on Cartesian 3-vectors. */
        static Action cartesian() {
            return (r, inversion, v) -> {
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i += 3) {
                    double[] w = r.apply(new double[] {v[i], v[i + 1], v[i + 2]});
                    for (int k = 0; k < 3; k++) out[i + k] = inversion ? -w[k] : w[k];
                }
                return out;
            };
        }

        /** Unchanged (weights, biases, radial features). */
        static Action invariant() {
            return (r, inversion, v) -> v;
        }
    }

    /**
     * Runs {@code op} on the inputs and on their transforms, for {@link #TRIALS} random rotations,
     * and asserts the outputs transform by {@code outAction}. Inputs are rounded to {@code dtype}
     * before and after the transform, as the device holds them.
     */
    private void assertEquivariant(DType dtype, String what, Action[] actions, double[][] inputs, Action outAction,
            Function<double[][], double[]> op) {
        double[][] in = new double[inputs.length][];
        for (int i = 0; i < in.length; i++) in[i] = rounded(dtype, inputs[i]);
        double[] out = op.apply(in);
        Random random = new Random(what.hashCode());
        double tolerance = dtype == DType.FLOAT64 ? 1e-10 : 1e-4;
        for (int trial = 0; trial < TRIALS; trial++) {
            Rotation r = Rotation.random(random);
            boolean inversion = trial % 2 == 1;
            double[][] moved = new double[in.length][];
            for (int i = 0; i < in.length; i++) moved[i] = rounded(dtype, actions[i].apply(r, inversion, in[i]));
            double[] expected = outAction.apply(r, inversion, out);
            double[] actual = op.apply(moved);
            double scale = 1;
            double error = 0;
            for (int k = 0; k < expected.length; k++) {
                scale = Math.max(scale, Math.abs(expected[k]));
                error = Math.max(error, Math.abs(actual[k] - expected[k]));
            }
            assertTrue(error <= tolerance * scale, what + " " + dtype + " trial " + trial + " (inversion "
                    + inversion + "): error " + error + " > " + tolerance * scale);
        }
    }

    private static double[] random(SplittableRandom random, int n) {
        return gaussian(random, n);
    }

    /** One op run on this class's device: inputs uploaded in {@code dtype}, {@code length} outputs read back. */
    private double[] run(DType dtype, long length, DeviceRun body) {
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer out = scope.allocate(dtype, length);
            body.run(scope, out);
            return download(out);
        }
    }

    @FunctionalInterface
    private interface DeviceRun {
        void run(MemoryScope scope, DeviceBuffer out);
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> tensorProducts() {
        Irreps a = Irreps.parse("2x0e+2x1o+1x2e");
        Irreps b = Irreps.parse("1x0e+1x1o+1x2e");
        Stream<TensorProductSpec> specs = Stream.of(
                TensorProductSpec.fullyConnected(a, b, Irreps.parse("2x0e+2x1o+2x2e+1x1e+1x0o")),
                TensorProductSpec.channelWise(a, b, Irreps.parse("2x0e+2x1o+1x1e+1x2e+1x3o")),
                TensorProductSpec.elementwise(Irreps.parse("2x0e+1x1o+1x2e"), Irreps.parse("1x1o+1x1e+1x2o+1x0e")),
                TensorProductSpec.fullTensorProduct(Irreps.parse("2x0e+1x1o"), Irreps.parse("1x1o+2x2e")),
                TensorProductSpec.tensorSquare(Irreps.parse("3x0e+2x1o")));
        return specs.flatMap(s -> dtypesAndLayouts().map(how -> org.junit.jupiter.params.provider.Arguments.of(
                how.get()[0], how.get()[1], s)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("tensorProducts")
    void tensorProductCommutesWithO3(DType dtype, IrrepsLayout layout, TensorProductSpec spec) {
        SplittableRandom random = new SplittableRandom(spec.toString().hashCode());
        long weights = spec.sharedWeights() ? spec.weightNumel() : (long) BATCH * spec.weightNumel();
        double[][] inputs = {random(random, BATCH * spec.irrepsIn1().dim()),
            random(random, BATCH * spec.irrepsIn2().dim()), random(random, (int) weights)};
        Action[] actions = {Action.irreps(spec.irrepsIn1(), layout), Action.irreps(spec.irrepsIn2(), layout),
            Action.invariant()};
        try (DeviceTensorProductExecutor executor = new DeviceTensorProductExecutor(device, Plan.of(spec), layout)) {
            TensorProduct tp = new TensorProduct(executor);
            assertEquivariant(dtype, spec + " " + layout.label(), actions, inputs,
                    Action.irreps(spec.irrepsOut(), layout),
                    in -> dtype == DType.FLOAT64 ? tp.forward(in[0], in[1], in[2], BATCH)
                            : widen(tp.forward(narrow(in[0]), narrow(in[1]), narrow(in[2]), BATCH)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void sphericalHarmonicsCommuteWithO3(DType dtype) {
        SphericalHarmonics sh = SphericalHarmonics.of(4, ShNormalization.COMPONENT, true);
        double[][] inputs = {random(new SplittableRandom(1), 3 * BATCH)};
        try (SphericalHarmonicsOp op = SphericalHarmonicsOp.on(device, sh, dtype)) {
            assertEquivariant(dtype, "spherical harmonics", new Action[] {Action.cartesian()}, inputs,
                    Action.irreps(sh.irreps()), in -> run(dtype, (long) BATCH * sh.dim(),
                            (scope, out) -> op.forward(upload(scope, dtype, in[0]), out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void edgeEmbeddingCommutesWithO3(DType dtype) {
        EdgeEmbedding embedding = EdgeEmbedding.of(3, ShNormalization.COMPONENT, RadialEmbedding.nequip(3.0));
        int atoms = 5;
        EdgeIndex graph = EdgeIndex.of(atoms, new int[] {0, 1, 2, 3, 4, 0, 2}, new int[] {1, 2, 3, 4, 0, 3, 0});
        double[][] inputs = {random(new SplittableRandom(2), 3 * atoms)};
        Action[] actions = {Action.cartesian()};
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, embedding, dtype);
                DeviceGraph g = DeviceGraph.upload(device, graph)) {
            assertEquivariant(dtype, "edge harmonics", actions, inputs, Action.irreps(embedding.shIrreps()),
                    in -> run(dtype, (long) graph.edges() * embedding.shDim(), (scope, out) ->
                            op.forward(upload(scope, dtype, in[0]), null, g, null, null, out, null)));
            assertEquivariant(dtype, "edge radial features", actions, inputs, Action.invariant(),
                    in -> run(dtype, (long) graph.edges() * embedding.radialSize(), (scope, out) ->
                            op.forward(upload(scope, dtype, in[0]), null, g, null, null, null, out)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void linearCommutesWithO3(DType dtype, IrrepsLayout layout) {
        Linear linear = Linear.of(Irreps.parse("3x0e+2x1o+1x0o+2x2e+1x1e"), Irreps.parse("2x0e+3x1o+2x2e+1x0o+2x1e"));
        SplittableRandom random = new SplittableRandom(3);
        double[][] inputs = {random(random, BATCH * linear.irrepsIn().dim()), random(random, linear.weightNumel())};
        try (LinearOp op = LinearOp.on(device, linear, dtype, layout)) {
            assertEquivariant(dtype, "linear " + layout.label(), new Action[] {Action.irreps(linear.irrepsIn(), layout),
                Action.invariant()}, inputs, Action.irreps(linear.irrepsOut(), layout), in -> run(dtype,
                            (long) BATCH * linear.irrepsOut().dim(), (scope, out) -> op.forward(
                                    upload(scope, dtype, in[0]), upload(scope, dtype, in[1]), null, out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void gateCommutesWithO3(DType dtype, IrrepsLayout layout) {
        // Odd scalars through odd and even functions, odd gates flipping parities.
        Gate gate = Gate.of(Irreps.parse("2x0e+2x0o+1x0o"),
                NormalizedActivation.listOf(Activation.SILU, Activation.TANH, Activation.ABS),
                Irreps.parse("2x0e+1x0o+2x0o"),
                NormalizedActivation.listOf(Activation.SIGMOID, Activation.TANH, Activation.IDENTITY),
                Irreps.parse("1x1o+2x2e+1x1e+1x3o"));
        double[][] inputs = {random(new SplittableRandom(4), BATCH * gate.irrepsIn().dim())};
        try (GateOp op = GateOp.on(device, gate, dtype, layout)) {
            assertEquivariant(dtype, "gate " + layout.label(), new Action[] {Action.irreps(gate.irrepsIn(), layout)},
                    inputs, Action.irreps(gate.irrepsOut(), layout), in -> run(dtype,
                            (long) BATCH * gate.irrepsOut().dim(),
                            (scope, out) -> op.forward(upload(scope, dtype, in[0]), out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void normActivationCommutesWithO3(DType dtype, IrrepsLayout layout) {
        NormActivation layer = NormActivation.builder(Irreps.parse("2x0e+3x1o+2x2e+1x1e+1x0o"), Activation.SILU)
                .bias(true).build();
        SplittableRandom random = new SplittableRandom(5);
        double[][] inputs = {random(random, BATCH * layer.irrepsIn().dim()), random(random, layer.biasNumel())};
        try (NormActivationOp op = NormActivationOp.on(device, layer, dtype, layout)) {
            assertEquivariant(dtype, "norm activation " + layout.label(), new Action[] {
                Action.irreps(layer.irrepsIn(), layout), Action.invariant()}, inputs,
                    Action.irreps(layer.irrepsOut(), layout), in -> run(dtype,
                    (long) BATCH * layer.irrepsOut().dim(), (scope, out) -> op.forward(upload(scope, dtype, in[0]),
                            upload(scope, dtype, in[1]), out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void symmetricContractionCommutesWithO3(DType dtype, IrrepsLayout layout) {
        SymmetricContraction sc = SymmetricContraction.of("3x0e+3x1o+3x2e", "3x0e+3x1o", 3, 3);
        SplittableRandom random = new SplittableRandom(6);
        int[] elements = new int[BATCH];
        for (int b = 0; b < BATCH; b++) elements[b] = random.nextInt(sc.numElements());
        double[][] inputs = {random(random, BATCH * sc.irrepsIn().dim()), random(random, sc.weightNumel())};
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, dtype, layout)) {
            assertEquivariant(dtype, "symmetric contraction " + layout.label(), new Action[] {
                Action.irreps(sc.irrepsIn(), layout), Action.invariant()}, inputs,
                    Action.irreps(sc.irrepsOut(), layout), in -> run(dtype,
                    (long) BATCH * sc.irrepsOut().dim(), (scope, out) -> op.forward(upload(scope, dtype, in[0]),
                            scope.upload(elements), upload(scope, dtype, in[1]), out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void convolutionCommutesWithO3(DType dtype, IrrepsLayout layout) {
        TensorProductSpec spec = TensorProductSpec.channelWise(Irreps.parse("3x0e+2x1o"), Irreps.parse("0e+1o+2e"),
                Irreps.parse("3x0e+2x1o+2x2e"));
        Plan plan = Plan.of(spec);
        EdgeIndex graph = EdgeIndex.of(4, new int[] {0, 1, 2, 3, 0, 2}, new int[] {1, 2, 3, 0, 2, 2});
        int edges = graph.edges();
        SplittableRandom random = new SplittableRandom(7);
        double[][] inputs = {random(random, 4 * plan.dim1()), random(random, edges * plan.dim2()),
            random(random, edges * plan.weightNumel())};
        Action[] actions = {Action.irreps(spec.irrepsIn1(), layout), Action.irreps(spec.irrepsIn2(), layout),
            Action.invariant()};
        try (TensorProductOp op = TensorProductOp.on(device, plan, layout);
                DeviceGraph g = DeviceGraph.upload(device, graph)) {
            DeviceConvolution conv = new DeviceConvolution(op, g, Summation.DETERMINISTIC);
            assertEquivariant(dtype, "convolution " + layout.label(), actions, inputs,
                    Action.irreps(spec.irrepsOut(), layout), in -> {
                if (dtype == DType.FLOAT64) {
                    double[] out = new double[4 * plan.dimOut()];
                    conv.forward(in[0], in[1], in[2], out);
                    return out;
                }
                float[] out = new float[4 * plan.dimOut()];
                conv.forward(narrow(in[0]), narrow(in[1]), narrow(in[2]), out);
                return widen(out);
            });
        }
    }

    private static float[] narrow(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
        return out;
    }

    private static double[] widen(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }
    /** How SO⁺(1,3) acts on one array, for the jet ops. */
    @FunctionalInterface
    interface LorentzAction {
        double[] apply(SL2C g, double[] values);

        /** D(g) on every channel of planar complex features [2][batch][irreps.dim]. */
        static LorentzAction irreps(LorentzIrreps irreps) {
            return (g, v) -> LorentzFeatures.act(g, irreps, ComplexTensor.fromPlanar(v), v.length / 2 / irreps.dim())
                    .planar();
        }

        /** Λ(g) on every 4-vector (t, x, y, z). */
        static LorentzAction fourVectors() {
            return (g, v) -> {
                double[] out = new double[v.length];
                for (int i = 0; i < v.length; i += 4) {
                    System.arraycopy(g.toLorentz().apply(Arrays.copyOfRange(v, i, i + 4)), 0, out, i, 4);
                }
                return out;
            };
        }

        /** Unchanged (weights, invariants). */
        static LorentzAction invariant() {
            return (g, v) -> v;
        }
    }

    /**
     * {@link #assertEquivariant} for SO⁺(1,3): {@link #TRIALS} random elements of rapidity ≤ 3
     * (float64) or ≤ 1 (float32, whose invariants lose e^(η(k+n)) to cancellation; README's
     * rapidity table).
     */
    private void assertLorentzEquivariant(DType dtype, String what, LorentzAction[] actions, double[][] inputs,
            LorentzAction outAction, Function<double[][], double[]> op) {
        double[][] in = new double[inputs.length][];
        for (int i = 0; i < in.length; i++) in[i] = rounded(dtype, inputs[i]);
        double[] out = op.apply(in);
        Random random = new Random(what.hashCode());
        double tolerance = dtype == DType.FLOAT64 ? 1e-10 : 1e-4;
        double rapidity = dtype == DType.FLOAT64 ? 3 : 1;
        for (int trial = 0; trial < TRIALS; trial++) {
            SL2C g = SL2C.random(random, rapidity);
            double[][] moved = new double[in.length][];
            for (int i = 0; i < in.length; i++) moved[i] = rounded(dtype, actions[i].apply(g, in[i]));
            double[] expected = outAction.apply(g, out);
            double[] actual = op.apply(moved);
            double scale = 1;
            double error = 0;
            for (int k = 0; k < expected.length; k++) {
                scale = Math.max(scale, Math.abs(expected[k]));
                error = Math.max(error, Math.abs(actual[k] - expected[k]));
            }
            assertTrue(error <= tolerance * scale, what + " " + dtype + " trial " + trial + " (rapidity "
                    + g.rapidity() + "): error " + error + " > " + tolerance * scale);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void lorentzProductCommutesWithSo13(DType dtype) {
        LorentzProduct product = new LorentzProduct(LORENTZ_IN, LORENTZ_IN, LORENTZ_OUT,
                LorentzProduct.Mode.FULLY_CONNECTED);
        SplittableRandom random = new SplittableRandom(31);
        double[][] inputs = {random(random, 2 * BATCH * LORENTZ_IN.dim()), random(random, 2 * BATCH * LORENTZ_IN.dim()),
            random(random, 2 * product.weightLength())};
        LorentzAction[] actions = {LorentzAction.irreps(LORENTZ_IN), LorentzAction.irreps(LORENTZ_IN),
            LorentzAction.invariant()};
        try (LorentzProductOp op = LorentzProductOp.on(device, product, dtype)) {
            assertLorentzEquivariant(dtype, "lorentz product", actions, inputs, LorentzAction.irreps(LORENTZ_OUT),
                    in -> run(dtype, 2L * BATCH * LORENTZ_OUT.dim(), (scope, out) -> op.forward(
                            upload(scope, dtype, in[0]), upload(scope, dtype, in[1]), upload(scope, dtype, in[2]),
                            out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void complexLinearCommutesWithSo13(DType dtype) {
        ComplexLinear linear = new ComplexLinear(LORENTZ_IN, LORENTZ_OUT);
        SplittableRandom random = new SplittableRandom(32);
        double[][] inputs = {random(random, 2 * BATCH * LORENTZ_IN.dim()), random(random, 2 * linear.weightLength())};
        LorentzAction[] actions = {LorentzAction.irreps(LORENTZ_IN), LorentzAction.invariant()};
        try (ComplexLinearOp op = ComplexLinearOp.on(device, linear, dtype)) {
            assertLorentzEquivariant(dtype, "complex linear", actions, inputs, LorentzAction.irreps(LORENTZ_OUT),
                    in -> run(dtype, 2L * BATCH * LORENTZ_OUT.dim(), (scope, out) -> op.forward(
                            upload(scope, dtype, in[0]), upload(scope, dtype, in[1]), out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void lorentzInvariantsAreInvariant(DType dtype) {
        LorentzInvariants invariants = new LorentzInvariants(LORENTZ_OUT);
        SplittableRandom random = new SplittableRandom(33);
        double[][] inputs = {random(random, 2 * BATCH * LORENTZ_OUT.dim())};
        try (LorentzInvariantsOp op = LorentzInvariantsOp.on(device, invariants, dtype)) {
            assertLorentzEquivariant(dtype, "lorentz invariants", new LorentzAction[] {LorentzAction.irreps(
                    LORENTZ_OUT)}, inputs, LorentzAction.invariant(),
                    in -> run(dtype, 2L * BATCH * invariants.channels(), (scope, out) -> op.forward(
                            upload(scope, dtype, in[0]), out, BATCH)));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void minkowskiGramIsInvariant(DType dtype) {
        SplittableRandom random = new SplittableRandom(34);
        double[][] inputs = {random(random, BATCH * PARTICLES * 4)};
        try (MinkowskiGramOp op = MinkowskiGramOp.on(device, dtype)) {
            assertLorentzEquivariant(dtype, "minkowski gram", new LorentzAction[] {LorentzAction.fourVectors()},
                    inputs, LorentzAction.invariant(),
                    in -> run(dtype, (long) BATCH * PARTICLES * PARTICLES, (scope, out) -> op.forward(
                            upload(scope, dtype, in[0]), scope.upload(JET_COUNTS), out, BATCH, PARTICLES)));
        }
    }

    /** LorentzNet's x update mean_j (x_i − x_j)·φ_ij moves with the momenta for invariant φ. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("dtypes")
    void lgebPositionUpdateCommutesWithSo13(DType dtype) {
        SplittableRandom random = new SplittableRandom(35);
        double[][] inputs = {random(random, BATCH * PARTICLES * 4), random(random, BATCH * PARTICLES * PARTICLES)};
        try (LgebOp op = LgebOp.on(device, 2, 0.5, dtype)) {
            assertLorentzEquivariant(dtype, "lgeb position update", new LorentzAction[] {LorentzAction.fourVectors(),
                LorentzAction.invariant()}, inputs, LorentzAction.fourVectors(),
                    in -> run(dtype, (long) BATCH * PARTICLES * 4, (scope, out) -> op.positionUpdate(
                            upload(scope, dtype, in[0]), upload(scope, dtype, in[1]), scope.upload(JET_COUNTS), out,
                            BATCH, PARTICLES)));
        }
    }
}
