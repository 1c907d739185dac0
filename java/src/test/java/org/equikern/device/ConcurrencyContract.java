package org.equikern.device;

import org.equikern.data.EdgeIndex;
import org.equikern.data.RowSegments;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nn.Activation;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.nn.RadialEmbedding;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.axpy.AxpyOp;
import org.equikern.ops.edgeembedding.EdgeEmbeddingOp;
import org.equikern.ops.gate.GateOp;
import org.equikern.ops.gatherscatter.GatherScatter;
import org.equikern.ops.harmonics.SphericalHarmonicsOp;
import org.equikern.ops.linear.LinearOp;
import org.equikern.ops.lorentznet.LgebOp;
import org.equikern.ops.lorentzproduct.ComplexLinear;
import org.equikern.ops.lorentzproduct.ComplexLinearOp;
import org.equikern.ops.lorentzproduct.LorentzInvariants;
import org.equikern.ops.lorentzproduct.LorentzInvariantsOp;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.ops.lorentzproduct.LorentzProduct;
import org.equikern.ops.lorentzproduct.LorentzProductOp;
import org.equikern.ops.minkowski.MinkowskiGramOp;
import org.equikern.ops.normactivation.NormActivationOp;
import org.equikern.ops.optimizer.AdamSettings;
import org.equikern.ops.optimizer.OptimizerOp;
import org.equikern.ops.optimizer.SgdSettings;
import org.equikern.ops.pelican.Aggregation;
import org.equikern.ops.pelican.PelicanAggregation;
import org.equikern.ops.pelican.PelicanAggregationOp;
import org.equikern.ops.pelican.PelicanMap;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.ModeSpecs;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Every op kind shared by {@value #THREADS} threads, {@value #CALLS} calls each (forward,
 * backward and, where an op has them, the second-order methods; outputs of their own, inputs
 * shared): every result must equal, bit for bit, the one the op gives a single caller. Atomic summations are left out: their rounding depends on the
 * order the device adds in, which is not repeatable even on one thread. Ops with irreps buffers run
 * in both layouts. Subclassed once per backend.
 */
public abstract class ConcurrencyContract extends DeviceTestBase {
    private static final int THREADS = 4;
    private static final int CALLS = 10;
    private static final int BATCH = 9;
    /** Real particles of each of the {@link #BATCH} padded jets of 5: full, partial and empty ones. */
    private static final int[] JET_COUNTS = {5, 3, 0, 1, 5, 2, 4, 5, 3};
    private static final LorentzIrreps LORENTZ_IN = LorentzIrreps.parse("2x(0,0)+2x(1,1)+1x(1,0)");
    private static final LorentzIrreps LORENTZ_OUT = LorentzIrreps.parse("2x(0,0)+3x(1,1)+1x(2,2)");

    /** One call of an op: allocates its outputs in {@code scope}, runs, returns the outputs' values. */
    private interface Call {
        double[] run(MemoryScope scope);
    }

    @AfterEach
    void noBufferLeaks() {
        assertEquals(0, device.liveBufferCount(), () -> "leaked: " + device.liveBufferNames());
    }

    static Stream<Arguments> tensorProducts() {
        List<TensorProductSpec> specs = new ArrayList<>(ModeSpecs.all());
        specs.add(TensorProductSpec.fullyConnected(Irreps.parse("18x0e+3x1o"), Irreps.parse("2x0e+1x1o"),
                Irreps.parse("17x0e+5x1o")));
        specs.add(TensorProductSpec.channelWise(Irreps.parse("20x0e+17x1o"), Irreps.parse("1x0e+1x1o"),
                Irreps.parse("20x0e+17x1o+17x1e")));
        return dtypesAndLayouts().flatMap(a -> specs.stream().map(spec -> Arguments.of(a.get()[0], a.get()[1], spec)));
    }

    /** Both precisions in both irreps layouts, for ops made per layout. */
    static Stream<Arguments> dtypesAndLayouts() {
        return Stream.of(DType.FLOAT32, DType.FLOAT64)
                .flatMap(d -> Stream.of(IrrepsLayout.values()).map(layout -> Arguments.of(d, layout)));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("tensorProducts")
    void tensorProduct(DType dtype, IrrepsLayout layout, TensorProductSpec spec) {
        Plan plan = Plan.of(spec);
        SplittableRandom random = new SplittableRandom(spec.hashCode());
        int weights = spec.sharedWeights() ? spec.weightNumel() : BATCH * spec.weightNumel();
        try (TensorProductOp op = TensorProductOp.on(device, plan, layout); MemoryScope in = device.openScope()) {
            DeviceBuffer x1 = values(in, dtype, random, BATCH * plan.dim1());
            DeviceBuffer x2 = values(in, dtype, random, BATCH * plan.dim2());
            DeviceBuffer w = weights == 0 ? null : values(in, dtype, random, weights);
            DeviceBuffer gradOut = values(in, dtype, random, BATCH * plan.dimOut());
            assertSameOnEveryThread(spec.toString(), scope -> {
                DeviceBuffer out = scope.allocate(dtype, (long) BATCH * plan.dimOut());
                DeviceBuffer g1 = scope.allocate(dtype, x1.length());
                DeviceBuffer g2 = scope.allocate(dtype, x2.length());
                DeviceBuffer gw = w == null ? null : scope.allocate(dtype, w.length());
                op.forward(x1, x2, w, out, BATCH);
                op.backward(x1, x2, w, gradOut, g1, g2, gw, BATCH);
                return downloadAll(out, g1, g2, gw);
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void convolution(DType dtype, IrrepsLayout layout) {
        Plan plan = Plan.of(TensorProductSpec.channelWise(Irreps.parse("4x0e+3x1o"), Irreps.parse("1x0e+1x1o"),
                Irreps.parse("4x0e+3x1o+3x1e")));
        EdgeIndex edges = EdgeIndex.of(5, new int[] {0, 1, 2, 3, 4, 0, 2, 4}, new int[] {1, 2, 3, 4, 0, 2, 2, 1});
        SplittableRandom random = new SplittableRandom(5);
        try (TensorProductOp op = TensorProductOp.on(device, plan, layout); MemoryScope in = device.openScope();
                DeviceGraph graph = DeviceGraph.upload(device, edges)) {
            DeviceBuffer x = values(in, dtype, random, 5 * plan.dim1());
            DeviceBuffer attrs = values(in, dtype, random, 8 * plan.dim2());
            DeviceBuffer w = values(in, dtype, random, 8 * plan.weightNumel());
            DeviceBuffer gradOut = values(in, dtype, random, 5 * plan.dimOut());
            assertSameOnEveryThread("convolution", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer ga = scope.allocate(dtype, attrs.length());
                DeviceBuffer gw = scope.allocate(dtype, w.length());
                op.convolve(x, attrs, w, graph, out, Summation.DETERMINISTIC);
                op.convolveBackward(x, attrs, w, graph, gradOut, gx, ga, gw);
                return downloadAll(out, gx, ga, gw);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void sphericalHarmonics(DType dtype) {
        SphericalHarmonics sh = SphericalHarmonics.of(3, ShNormalization.COMPONENT, true);
        SplittableRandom random = new SplittableRandom(3);
        try (SphericalHarmonicsOp op = SphericalHarmonicsOp.on(device, sh, dtype); MemoryScope in = device.openScope()) {
            DeviceBuffer v = values(in, dtype, random, 3 * BATCH);
            DeviceBuffer gradOut = values(in, dtype, random, BATCH * sh.dim());
            assertSameOnEveryThread("spherical harmonics", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gv = scope.allocate(dtype, v.length());
                op.forward(v, out, BATCH);
                op.backward(v, gradOut, gv, scope.allocate(dtype, op.scratchLength(BATCH)), BATCH);
                return downloadAll(out, gv);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void edgeEmbedding(DType dtype) {
        EdgeEmbedding layer = EdgeEmbedding.of(2, ShNormalization.COMPONENT, RadialEmbedding.nequip(3.0));
        EdgeIndex edges = EdgeIndex.of(4, new int[] {0, 1, 2, 3, 1}, new int[] {1, 2, 3, 0, 3});
        SplittableRandom random = new SplittableRandom(4);
        try (EdgeEmbeddingOp op = EdgeEmbeddingOp.on(device, layer, dtype); MemoryScope in = device.openScope();
                DeviceGraph graph = DeviceGraph.upload(device, edges)) {
            DeviceBuffer positions = values(in, dtype, random, 12);
            DeviceBuffer gradSh = values(in, dtype, random, 5 * layer.shDim());
            DeviceBuffer gradRadial = values(in, dtype, random, 5 * layer.radialSize());
            DeviceBuffer positionsDot = values(in, dtype, random, 12);
            DeviceBuffer gradShDot = values(in, dtype, random, 5 * layer.shDim());
            DeviceBuffer gradRadialDot = values(in, dtype, random, 5 * layer.radialSize());
            assertSameOnEveryThread("edge embedding", scope -> {
                DeviceBuffer vectors = scope.allocate(dtype, 15);
                DeviceBuffer lengths = scope.allocate(dtype, 5);
                DeviceBuffer sh = scope.allocate(dtype, gradSh.length());
                DeviceBuffer radial = scope.allocate(dtype, gradRadial.length());
                DeviceBuffer gradPositions = scope.allocate(dtype, positions.length());
                DeviceBuffer shDot = scope.allocate(dtype, gradSh.length());
                DeviceBuffer radialDot = scope.allocate(dtype, gradRadial.length());
                DeviceBuffer gradPositionsDot = scope.allocate(dtype, positions.length());
                op.forward(positions, null, graph, vectors, lengths, sh, radial);
                op.backward(positions, null, graph, gradSh, gradRadial, gradPositions, null,
                        scope.allocate(dtype, op.scratchLength(5)));
                op.tangent(positions, null, graph, positionsDot, shDot, radialDot,
                        scope.allocate(dtype, op.scratchLength(5)));
                op.tangentBackward(positions, null, graph, positionsDot, gradSh, gradShDot, gradRadial, gradRadialDot,
                        gradPositionsDot, scope.allocate(dtype, op.tangentScratchLength(5)));
                return downloadAll(vectors, lengths, sh, radial, gradPositions, shDot, radialDot, gradPositionsDot);
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void linear(DType dtype, IrrepsLayout layout) {
        Linear layer = Linear.builder(Irreps.parse("3x0e+2x1o+1x2e"), Irreps.parse("2x0e+3x1o")).biases(true).build();
        int dimIn = layer.irrepsIn().dim();
        int dimOut = layer.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(7);
        try (LinearOp op = LinearOp.on(device, layer, dtype, layout); MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, BATCH * dimIn);
            DeviceBuffer w = values(in, dtype, random, layer.weightNumel());
            DeviceBuffer bias = values(in, dtype, random, layer.biasNumel());
            DeviceBuffer gradOut = values(in, dtype, random, BATCH * dimOut);
            assertSameOnEveryThread("linear", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer gw = scope.allocate(dtype, w.length());
                DeviceBuffer gb = scope.allocate(dtype, bias.length());
                op.forward(x, w, bias, out, BATCH);
                op.backward(x, w, gradOut, gx, gw, gb, BATCH);
                return downloadAll(out, gx, gw, gb);
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void gate(DType dtype, IrrepsLayout layout) {
        Gate layer = Gate.of("3x0e+2x0o", List.of(Activation.SILU, Activation.TANH), "2x0e",
                List.of(Activation.SIGMOID), "1x1o+1x2e");
        SplittableRandom random = new SplittableRandom(8);
        try (GateOp op = GateOp.on(device, layer, dtype, layout); MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, BATCH * layer.irrepsIn().dim());
            DeviceBuffer gradOut = values(in, dtype, random, BATCH * layer.irrepsOut().dim());
            DeviceBuffer xDot = values(in, dtype, random, BATCH * layer.irrepsIn().dim());
            DeviceBuffer gradOutDot = values(in, dtype, random, BATCH * layer.irrepsOut().dim());
            assertSameOnEveryThread("gate", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer outDot = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gxDot = scope.allocate(dtype, x.length());
                op.forward(x, out, BATCH);
                op.backward(x, gradOut, gx, BATCH);
                op.tangent(x, xDot, outDot, BATCH);
                op.tangentBackward(x, xDot, gradOut, gradOutDot, gxDot, BATCH);
                return downloadAll(out, gx, outDot, gxDot);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void axpy(DType dtype) {
        SplittableRandom random = new SplittableRandom(9);
        try (AxpyOp op = AxpyOp.on(device, dtype); MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, BATCH * 5);
            DeviceBuffer base = values(in, dtype, random, BATCH * 5);
            int n = BATCH * 5;
            assertSameOnEveryThread("axpy", scope -> {
                DeviceBuffer y = scope.allocate(dtype, n);
                y.zero();
                op.apply(1, base, y, n);
                op.apply(-0.7, x, y, n);
                return downloadAll(y);
            });
        }
    }

    /** Each thread steps its own copy of shared parameters (state buffers of its own) through every update. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void optimizer(DType dtype) {
        SplittableRandom random = new SplittableRandom(16);
        int n = BATCH * 5;
        AdamSettings adam = new AdamSettings(0.9, 0.99, 1e-8, 0.01, true, true);
        SgdSettings sgd = new SgdSettings(0.9, 0.1, 0.01, false);
        try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope in = device.openScope()) {
            DeviceBuffer base = values(in, dtype, random, n);
            DeviceBuffer grads = values(in, dtype, random, n);
            assertSameOnEveryThread("optimizer", scope -> {
                DeviceBuffer[] own = new DeviceBuffer[6];
                for (int i = 0; i < own.length; i++) {
                    own[i] = scope.allocate(dtype, n);
                    own[i].zero();
                }
                DeviceBuffer params = own[0];
                DeviceBuffer g = own[5];
                op.emaUpdate(0, base, params, n); // a decay of 0 copies
                op.emaUpdate(0, grads, g, n);
                DeviceBuffer norm = scope.allocate(dtype, 1);
                op.clipByNorm(0.5, g, norm, n);
                for (int t = 1; t <= 2; t++) op.adam(adam, t, 0.01, params, g, own[1], own[2], own[3], n);
                op.sgd(sgd, 1, 0.01, params, g, own[4], n);
                op.emaUpdate(0.9, params, own[1], n);
                return downloadAll(params, norm, g, own[1], own[2], own[3], own[4]);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void minkowskiGram(DType dtype) {
        int particles = 5;
        SplittableRandom random = new SplittableRandom(14);
        try (MinkowskiGramOp op = MinkowskiGramOp.on(device, dtype); MemoryScope in = device.openScope()) {
            DeviceBuffer momenta = values(in, dtype, random, BATCH * particles * 4);
            DeviceBuffer counts = in.upload(JET_COUNTS);
            DeviceBuffer gradGram = values(in, dtype, random, BATCH * particles * particles);
            assertSameOnEveryThread("minkowski gram", scope -> {
                DeviceBuffer gram = scope.allocate(dtype, gradGram.length());
                DeviceBuffer gradMomenta = scope.allocate(dtype, momenta.length());
                op.forward(momenta, counts, gram, BATCH, particles);
                op.backward(momenta, counts, gradGram, gradMomenta, BATCH, particles);
                return downloadAll(gram, gradMomenta);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void lorentzProduct(DType dtype) {
        LorentzProduct product = new LorentzProduct(LORENTZ_IN, LorentzIrreps.parse("2x(1,1)+1x(0,1)"), LORENTZ_OUT,
                LorentzProduct.Mode.FULLY_CONNECTED);
        SplittableRandom random = new SplittableRandom(15);
        try (LorentzProductOp op = LorentzProductOp.on(device, product, dtype); MemoryScope in = device.openScope()) {
            DeviceBuffer x1 = values(in, dtype, random, 2 * BATCH * product.irreps1().dim());
            DeviceBuffer x2 = values(in, dtype, random, 2 * BATCH * product.irreps2().dim());
            DeviceBuffer w = values(in, dtype, random, 2 * product.weightLength());
            DeviceBuffer gradOut = values(in, dtype, random, 2 * BATCH * LORENTZ_OUT.dim());
            assertSameOnEveryThread("lorentz product", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer g1 = scope.allocate(dtype, x1.length());
                DeviceBuffer g2 = scope.allocate(dtype, x2.length());
                DeviceBuffer gw = scope.allocate(dtype, w.length());
                op.forward(x1, x2, w, out, BATCH);
                op.backward(x1, x2, w, gradOut, g1, g2, gw, BATCH);
                return downloadAll(out, g1, g2, gw);
            });
        }
    }

    /** The mixing fills scratch buffers of its own on every call: concurrent calls must not share them. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void complexLinear(DType dtype) {
        ComplexLinear linear = new ComplexLinear(LORENTZ_IN, LORENTZ_OUT);
        SplittableRandom random = new SplittableRandom(16);
        try (ComplexLinearOp op = ComplexLinearOp.on(device, linear, dtype); MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, 2 * BATCH * LORENTZ_IN.dim());
            DeviceBuffer w = values(in, dtype, random, 2 * linear.weightLength());
            DeviceBuffer gradOut = values(in, dtype, random, 2 * BATCH * LORENTZ_OUT.dim());
            assertSameOnEveryThread("complex linear", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer gw = scope.allocate(dtype, w.length());
                op.forward(x, w, out, BATCH);
                op.backward(x, w, gradOut, gx, gw, BATCH);
                return downloadAll(out, gx, gw);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void lorentzInvariants(DType dtype) {
        LorentzInvariants invariants = new LorentzInvariants(LORENTZ_OUT);
        SplittableRandom random = new SplittableRandom(17);
        try (LorentzInvariantsOp op = LorentzInvariantsOp.on(device, invariants, dtype);
                MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, 2 * BATCH * LORENTZ_OUT.dim());
            DeviceBuffer gradOut = values(in, dtype, random, 2 * BATCH * invariants.channels());
            assertSameOnEveryThread("lorentz invariants", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                op.forward(x, out, BATCH);
                op.backward(x, gradOut, gx, BATCH);
                return downloadAll(out, gx);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void pelicanAggregation(DType dtype) {
        int particles = 5;
        PelicanAggregation aggregation = new PelicanAggregation(PelicanMap.TWO_TO_TWO, 2, Aggregation.MEAN, 4.0);
        SplittableRandom random = new SplittableRandom(18);
        try (PelicanAggregationOp op = PelicanAggregationOp.on(device, aggregation, dtype);
                MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, aggregation.inputLength(BATCH, particles));
            DeviceBuffer counts = in.upload(JET_COUNTS);
            DeviceBuffer alpha = values(in, dtype, random, aggregation.alphaLength());
            DeviceBuffer gradOut = values(in, dtype, random, aggregation.outputLength(BATCH, particles));
            assertSameOnEveryThread("pelican aggregation", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer ga = scope.allocate(dtype, alpha.length());
                op.forward(x, counts, alpha, out, BATCH, particles);
                op.backward(x, counts, alpha, gradOut, gx, ga, BATCH, particles);
                return downloadAll(out, gx, ga);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void lgeb(DType dtype) {
        int particles = 5;
        int hidden = 3;
        SplittableRandom random = new SplittableRandom(19);
        try (LgebOp op = LgebOp.on(device, hidden, 0.005, dtype); MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, BATCH * particles * 4);
            DeviceBuffer counts = in.upload(JET_COUNTS);
            DeviceBuffer pairs = values(in, dtype, random, BATCH * particles * particles);
            DeviceBuffer messages = values(in, dtype, random, BATCH * particles * particles * hidden);
            DeviceBuffer gradDots = values(in, dtype, random, BATCH * particles * particles);
            DeviceBuffer gradSums = values(in, dtype, random, BATCH * particles * hidden);
            DeviceBuffer gradMoved = values(in, dtype, random, BATCH * particles * 4);
            assertSameOnEveryThread("lgeb", scope -> {
                DeviceBuffer norms = scope.allocate(dtype, pairs.length());
                DeviceBuffer dots = scope.allocate(dtype, pairs.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer moved = scope.allocate(dtype, x.length());
                DeviceBuffer gxMoved = scope.allocate(dtype, x.length());
                DeviceBuffer gradPhi = scope.allocate(dtype, pairs.length());
                DeviceBuffer sums = scope.allocate(dtype, gradSums.length());
                DeviceBuffer gradM = scope.allocate(dtype, messages.length());
                op.edgeFeatures(x, counts, norms, dots, BATCH, particles);
                op.edgeFeaturesBackward(x, counts, pairs, gradDots, gx, BATCH, particles);
                op.positionUpdate(x, pairs, counts, moved, BATCH, particles);
                op.positionUpdateBackward(x, pairs, counts, gradMoved, gxMoved, gradPhi, BATCH, particles);
                op.messageSum(messages, counts, sums, BATCH, particles);
                op.messageSumBackward(gradSums, counts, gradM, BATCH, particles);
                return downloadAll(norms, dots, gx, moved, gxMoved, gradPhi, sums, gradM);
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void normActivation(DType dtype, IrrepsLayout layout) {
        NormActivation layer = NormActivation.builder(Irreps.parse("2x0e+2x1o+1x2e"), Activation.SILU).bias(true)
                .build();
        SplittableRandom random = new SplittableRandom(9);
        try (NormActivationOp op = NormActivationOp.on(device, layer, dtype, layout);
                MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, BATCH * layer.irrepsIn().dim());
            DeviceBuffer bias = values(in, dtype, random, layer.biasNumel());
            DeviceBuffer gradOut = values(in, dtype, random, BATCH * layer.irrepsOut().dim());
            DeviceBuffer xDot = values(in, dtype, random, BATCH * layer.irrepsIn().dim());
            DeviceBuffer gradOutDot = values(in, dtype, random, BATCH * layer.irrepsOut().dim());
            assertSameOnEveryThread("norm activation", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer gb = scope.allocate(dtype, bias.length());
                DeviceBuffer outDot = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gxDot = scope.allocate(dtype, x.length());
                DeviceBuffer gbDot = scope.allocate(dtype, bias.length());
                op.forward(x, bias, out, BATCH);
                op.backward(x, bias, gradOut, gx, gb, BATCH);
                op.tangent(x, bias, xDot, outDot, BATCH);
                op.tangentBackward(x, bias, xDot, gradOut, gradOutDot, gxDot, gbDot, BATCH);
                return downloadAll(out, gx, gb, outDot, gxDot, gbDot);
            });
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("dtypesAndLayouts")
    void symmetricContraction(DType dtype, IrrepsLayout layout) {
        SymmetricContraction layer = SymmetricContraction.of("3x0e+3x1o", "3x0e+3x1o", 3, 2);
        SplittableRandom random = new SplittableRandom(10);
        int[] elements = new int[BATCH];
        for (int b = 0; b < BATCH; b++) elements[b] = random.nextInt(2);
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, layer, dtype, layout);
                MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, BATCH * layer.irrepsIn().dim());
            DeviceBuffer e = in.upload(elements);
            DeviceBuffer w = values(in, dtype, random, layer.weightNumel());
            DeviceBuffer gradOut = values(in, dtype, random, BATCH * layer.irrepsOut().dim());
            DeviceBuffer xDot = values(in, dtype, random, BATCH * layer.irrepsIn().dim());
            DeviceBuffer gradOutDot = values(in, dtype, random, BATCH * layer.irrepsOut().dim());
            assertSameOnEveryThread("symmetric contraction", scope -> {
                DeviceBuffer out = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gx = scope.allocate(dtype, x.length());
                DeviceBuffer gw = scope.allocate(dtype, w.length());
                DeviceBuffer outDot = scope.allocate(dtype, gradOut.length());
                DeviceBuffer gxDot = scope.allocate(dtype, x.length());
                DeviceBuffer gwDot = scope.allocate(dtype, w.length());
                op.forward(x, e, w, out, BATCH);
                op.backward(x, e, w, gradOut, gx, gw, BATCH);
                op.tangent(x, xDot, e, w, outDot, BATCH);
                op.tangentBackward(x, xDot, e, w, gradOut, gradOutDot, gxDot, gwDot, BATCH);
                return downloadAll(out, gx, gw, outDot, gxDot, gwDot);
            });
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT32", "FLOAT64"})
    void gatherAndSegmentSum(DType dtype) {
        int rows = 6;
        int width = 5;
        int[] index = {0, 3, 5, 3, 1, 0, 2, 3, 4, 5, 0};
        RowSegments segments = RowSegments.group(index, rows);
        SplittableRandom random = new SplittableRandom(11);
        GatherScatter ops = GatherScatter.on(device);
        try (MemoryScope in = device.openScope()) {
            DeviceBuffer x = values(in, dtype, random, rows * width);
            DeviceBuffer messages = values(in, dtype, random, index.length * width);
            DeviceBuffer idx = in.upload(index);
            DeviceBuffer order = in.upload(segments.order());
            DeviceBuffer offsets = in.upload(segments.offsets());
            assertSameOnEveryThread("gather and segment sum", scope -> {
                DeviceBuffer gathered = scope.allocate(dtype, messages.length());
                DeviceBuffer summed = scope.allocate(dtype, x.length());
                summed.zero();
                ops.gatherRows(x, idx, gathered, width);
                ops.segmentSumRows(messages, order, offsets, summed, width);
                return downloadAll(gathered, summed);
            });
        }
    }

    @Test
    void oneThreadMatchesTheOracleForTheFullyConnectedCase() {
        // the bug this contract guards against gave whole wrong outputs; check the reference is sane
        TensorProductSpec spec = TensorProductSpec.fullyConnected(Irreps.parse("2x0e"), Irreps.parse("1x0e"),
                Irreps.parse("1x0e"));
        try (TensorProductOp op = TensorProductOp.on(device, Plan.of(spec)); MemoryScope scope = device.openScope()) {
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 1);
            op.forward(scope.upload(new double[] {2, 3}), scope.upload(new double[] {5}),
                    scope.upload(new double[] {7, 11}), out, 1);
            // uvw path, element normalization over 2 input channels: (2·7 + 3·11)·5 / sqrt(2)
            assertEquals((2 * 7 + 3 * 11) * 5 / Math.sqrt(2), out.toDoubleArray()[0], 1e-12);
        }
    }

    /**
     * Runs {@code call} once alone for the reference, then {@value #CALLS} times on each of
     * {@value #THREADS} threads started together, and counts results that differ from it.
     */
    private void assertSameOnEveryThread(String what, Call call) {
        double[] expected;
        try (MemoryScope scope = device.openScope()) {
            expected = call.run(scope);
        }
        AtomicInteger differing = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                futures.add(threads.submit(() -> {
                    start.await();
                    for (int c = 0; c < CALLS; c++) {
                        try (MemoryScope scope = device.openScope()) {
                            if (!Arrays.equals(expected, call.run(scope))) differing.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) f.get();
        } catch (Exception e) {
            throw new AssertionError(what + ": a thread failed", e);
        } finally {
            threads.shutdown();
        }
        assertEquals(0, differing.get(), what + " on " + device.name() + ": " + differing.get() + " of "
                + THREADS * CALLS + " concurrent results differ from the single-thread result");
    }

    private static DeviceBuffer values(MemoryScope scope, DType dtype, SplittableRandom random, int n) {
        return upload(scope, dtype, DeviceContract.randomValues(random, n));
    }

    /** The values of the non-null buffers, one after the other. */
    private static double[] downloadAll(DeviceBuffer... buffers) {
        double[] all = new double[0];
        for (DeviceBuffer b : buffers) {
            if (b == null) continue;
            double[] values = download(b);
            int at = all.length;
            all = Arrays.copyOf(all, at + values.length);
            System.arraycopy(values, 0, all, at, values.length);
        }
        return all;
    }
}
