package org.equikern.model.lgn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.lorentz.SL2C;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DeviceLgnLayer} against the host {@link LgnLayer} (itself checked against central
 * differences in {@code LgnLayerBackwardTest} and for equivariance in {@code LgnLayerTest}) on the
 * same jets, features and weights: forward in both precisions, backward (every gradient); and, on
 * the device alone, equivariant features and invariant scalars under random SO⁺(1,3) elements of
 * bounded rapidity, zero outputs on padding, concurrent callers, argument checks. Float64 agrees with the
 * host to 1e-10 relative; float32, which stores every intermediate in float as the host's
 * FLOAT32 pass does but also sums in float inside each kernel, to {@link #F32_FORWARD} (forward)
 * and, against the host's float64 backward, {@link #F32_BACKWARD}. Subclassed once per backend.
 */
public abstract class DeviceLgnLayerContract extends OpContract {
    /** Float32 forward against the host's FLOAT32 pass: a few float roundings of the largest term. */
    static final double F32_FORWARD = 1e-4;
    /** Float32 gradients against the host's float64 backward: float inputs, float sums of mixed signs. */
    static final double F32_BACKWARD = 1e-3;
    private static final int BATCH = LgnLayerTest.COUNTS.length;
    private static final int PARTICLES = LgnLayerTest.PARTICLES;

    private final LgnLayer host = LgnLayerTest.layer();

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void forwardMatchesTheHostLayer(DType dtype) {
        Random random = new Random(21);
        LgnWeights weights = rounded(dtype, LgnWeights.random(host, random, 0.3));
        double[] p = LgnLayerTest.momenta(random);
        ComplexTensor x = LgnLayerTest.features(random);
        LgnOutput expected = host.forward(p, x, LgnLayerTest.COUNTS, BATCH, PARTICLES, weights,
                dtype == DType.FLOAT64 ? Precision.FLOAT64 : Precision.FLOAT32);
        LgnOutput actual = forward(dtype, p, x, weights);
        double bound = dtype == DType.FLOAT64 ? 1e-10 : F32_FORWARD;
        assertRelative(expected.features(), actual.features(), bound, "features " + dtype);
        assertRelative(expected.scalars(), actual.scalars(), bound, "scalars " + dtype);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void backwardMatchesTheHostLayer(DType dtype) {
        Random random = new Random(22);
        LgnWeights weights = rounded(dtype, LgnWeights.random(host, random, 0.3));
        double[] p = LgnLayerTest.momenta(random);
        ComplexTensor x = stored(dtype, LgnLayerTest.features(random));
        ComplexTensor gradFeatures = stored(dtype, LgnLayerTest.features(new Random(23)));
        ComplexTensor forScalars = LgnLayerTest.features(new Random(24));
        double[] gradScalars = stored(dtype, Arrays.copyOf(forScalars.re(), BATCH * PARTICLES * host.scalarCount()));
        LgnGradients expected = host.backward(stored(dtype, p), x, LgnLayerTest.COUNTS, BATCH, PARTICLES, weights,
                outShaped(gradFeatures), gradScalars);
        double bound = dtype == DType.FLOAT64 ? 1e-10 : F32_BACKWARD;
        try (DeviceLgnLayer layer = new DeviceLgnLayer(host, device, dtype);
                DeviceLgnJets jets = layer.jets(p, LgnLayerTest.COUNTS, BATCH, PARTICLES);
                DeviceLgnWeights w = DeviceLgnWeights.upload(layer, weights);
                DeviceLgnWeights grads = DeviceLgnWeights.upload(layer, LgnWeights.random(host, random, 7));
                MemoryScope scope = device.openScope()) {
            DeviceBuffer gradX = LgnBuffers.upload(scope, dtype, LgnLayerTest.features(random));
            layer.backward(jets, LgnBuffers.upload(scope, dtype, x), w,
                    LgnBuffers.upload(scope, dtype, outShaped(gradFeatures)), LgnBuffers.upload(scope, dtype,
                            gradScalars), gradX, grads);
            LgnWeights actual = grads.toHost();
            assertRelative(expected.aggregation(), actual.aggregation(), bound, "aggregation " + dtype);
            assertRelative(expected.self(), actual.self(), bound, "self " + dtype);
            assertRelative(expected.mixing(), actual.mixing(), bound, "mixing " + dtype);
            assertRelative(expected.mlp(), actual.mlp(), bound, "mlp " + dtype);
            assertRelative(expected.features(), LgnBuffers.downloadComplex(gradX), bound, "features " + dtype);
        }
    }

    /**
     * Λ(g) on the momenta and D(g) on the features give D(g) on the output features and the same
     * scalars: ≤ 1e-10 in float64 at rapidity ≤ 3; ≤ 1e-4 in float32 at rapidity ≤ 1, since the
     * invariants' terms grow like e^(η(k+n)) while they do not, and float32 loses that factor to
     * cancellation (the README's rapidity table: 1.3e-2 at rapidity 3 on the host too).
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void featuresAreEquivariantAndScalarsInvariant(DType dtype) {
        double bound = dtype == DType.FLOAT64 ? 1e-10 : 1e-4;
        double rapidity = dtype == DType.FLOAT64 ? 3.0 : 1.0;
        Random random = new Random(25);
        LgnWeights weights = LgnWeights.random(host, random, 0.3);
        for (int trial = 0; trial < 3; trial++) {
            SL2C g = SL2C.random(random, rapidity);
            double[] p = LgnLayerTest.momenta(random);
            ComplexTensor x = LgnLayerTest.features(random);
            LgnOutput before = forward(dtype, p, x, weights);
            LgnOutput after = forward(dtype, LgnLayerTest.boost(g, p), LgnLayerTest.act(g, LgnLayerTest.REPS, x),
                    weights);
            String what = dtype + " trial " + trial + " rapidity " + g.rapidity();
            assertRelative(LgnLayerTest.act(g, LgnLayerTest.OUT, before.features()), after.features(), bound,
                    "features " + what);
            assertRelative(before.scalars(), after.scalars(), bound, "scalars " + what);
        }
    }

    /** Padded particles hold garbage on input and get exact zeros as outputs and gradients. */
    @Test
    void paddingIsZeroAndIgnored() {
        Random random = new Random(26);
        LgnWeights weights = LgnWeights.random(host, random, 0.3);
        double[] p = LgnLayerTest.momenta(random);
        ComplexTensor x = LgnLayerTest.features(random);
        LgnOutput out = forward(DType.FLOAT64, p, x, weights);
        int padded = PARTICLES + LgnLayerTest.COUNTS[1];
        for (int k = 0; k < LgnLayerTest.OUT.dim(); k++) {
            assertEquals(0, out.features().re()[padded * LgnLayerTest.OUT.dim() + k], 0.0);
            assertEquals(0, out.features().im()[padded * LgnLayerTest.OUT.dim() + k], 0.0);
        }
        for (int k = 0; k < host.scalarCount(); k++) assertEquals(0, out.scalars()[padded * host.scalarCount() + k]);
    }

    /** Four threads sharing one layer, its jets and weights get, bit for bit, what one caller gets. */
    @Test
    void concurrentCallsMatchOneCaller() throws Exception {
        Random random = new Random(27);
        LgnWeights weights = LgnWeights.random(host, random, 0.3);
        double[] p = LgnLayerTest.momenta(random);
        ComplexTensor x = LgnLayerTest.features(random);
        try (DeviceLgnLayer layer = new DeviceLgnLayer(host, device, DType.FLOAT32);
                DeviceLgnJets jets = layer.jets(p, LgnLayerTest.COUNTS, BATCH, PARTICLES);
                DeviceLgnWeights w = DeviceLgnWeights.upload(layer, weights);
                MemoryScope in = device.openScope()) {
            DeviceBuffer features = LgnBuffers.upload(in, DType.FLOAT32, x);
            Callable<double[]> call = () -> {
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer out = scope.allocate(DType.FLOAT32, 2L * BATCH * PARTICLES * LgnLayerTest.OUT.dim());
                    DeviceBuffer scalars = scope.allocate(DType.FLOAT32, (long) BATCH * PARTICLES * host.scalarCount());
                    layer.forward(jets, features, w, out, scalars);
                    double[] both = Arrays.copyOf(LgnBuffers.download(out), (int) (out.length() + scalars.length()));
                    System.arraycopy(LgnBuffers.download(scalars), 0, both, (int) out.length(), (int) scalars.length());
                    return both;
                }
            };
            double[] expected = call.call();
            ExecutorService threads = Executors.newFixedThreadPool(4);
            try {
                List<Future<double[]>> results = new ArrayList<>();
                for (int k = 0; k < 12; k++) results.add(threads.submit(call));
                for (Future<double[]> result : results) assertArrayEquals(expected, result.get());
            } finally {
                threads.shutdown();
            }
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        try (DeviceLgnLayer layer = new DeviceLgnLayer(host, device, DType.FLOAT64);
                DeviceLgnLayer otherLayer = new DeviceLgnLayer(host, device, DType.FLOAT64);
                DeviceLgnJets jets = layer.jets(new double[BATCH * PARTICLES * 4], LgnLayerTest.COUNTS, BATCH,
                        PARTICLES);
                DeviceLgnWeights weights = DeviceLgnWeights.zeros(layer);
                DeviceLgnWeights foreign = DeviceLgnWeights.zeros(otherLayer);
                MemoryScope scope = device.openScope()) {
            int rows = BATCH * PARTICLES;
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 2L * rows * LgnLayerTest.REPS.dim());
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2L * rows * LgnLayerTest.OUT.dim());
            DeviceBuffer scalars = scope.allocate(DType.FLOAT64, (long) rows * host.scalarCount());
            DeviceBuffer shortBuffer = scope.allocate(DType.FLOAT64, 3);
            assertEquals("DeviceLgnLayer.forward: features " + shortBuffer.name() + ": expected " + x.length()
                    + " elements (2 · batch · particles · irrepsIn.dim), got 3",
                    message(() -> layer.forward(jets, shortBuffer, weights, out, scalars)));
            assertEquals("DeviceLgnLayer.forward: weights must be DeviceLgnWeights of this layer",
                    message(() -> layer.forward(jets, x, foreign, out, scalars)));
            try (DeviceLgnJets foreignJets = otherLayer.jets(new double[BATCH * PARTICLES * 4], LgnLayerTest.COUNTS,
                    BATCH, PARTICLES)) {
                assertEquals("DeviceLgnLayer.forward: jets must come from this layer's jets(...)",
                        message(() -> layer.forward(foreignJets, x, weights, out, scalars)));
            }
            assertEquals("DeviceLgnLayer.jets: counts[1] = 5 must be in 0..4",
                    message(() -> layer.jets(new double[BATCH * PARTICLES * 4], new int[] {4, 5}, BATCH, PARTICLES)));
        }
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    private LgnOutput forward(DType dtype, double[] p, ComplexTensor x, LgnWeights weights) {
        try (DeviceLgnLayer layer = new DeviceLgnLayer(host, device, dtype);
                DeviceLgnJets jets = layer.jets(p, LgnLayerTest.COUNTS, BATCH, PARTICLES);
                DeviceLgnWeights w = DeviceLgnWeights.upload(layer, weights);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer features = LgnBuffers.upload(scope, dtype, x);
            DeviceBuffer out = LgnBuffers.upload(scope, dtype, outShaped(LgnLayerTest.features(new Random(9))));
            DeviceBuffer scalars = scope.allocate(dtype, (long) BATCH * PARTICLES * host.scalarCount());
            layer.forward(jets, features, w, out, scalars);
            return new LgnOutput(LgnBuffers.downloadComplex(out), LgnBuffers.download(scalars));
        }
    }

    /** Random-looking complex values of the output features' shape. */
    private static ComplexTensor outShaped(ComplexTensor t) {
        int n = BATCH * PARTICLES * LgnLayerTest.OUT.dim();
        ComplexTensor out = ComplexTensor.zeros(n);
        for (int k = 0; k < n; k++) {
            out.re()[k] = t.re()[k % t.length()] + 0.1 * (k % 7);
            out.im()[k] = t.im()[k % t.length()] - 0.1 * (k % 5);
        }
        return out;
    }

    private static LgnWeights rounded(DType dtype, LgnWeights w) {
        return new LgnWeights(LgnLayerTest.layer(), stored(dtype, w.aggregation()), stored(dtype, w.self()),
                stored(dtype, w.mixing()), stored(dtype, w.mlp()));
    }

    private static ComplexTensor stored(DType dtype, ComplexTensor t) {
        return ComplexTensor.of(stored(dtype, t.re()), stored(dtype, t.im()));
    }

    private static double[] stored(DType dtype, double[] values) {
        return OpContract.rounded(dtype, values);
    }

    private static void assertRelative(ComplexTensor expected, ComplexTensor actual, double bound, String what) {
        assertRelative(expected.planar(), actual.planar(), bound, what);
    }

    /** max |actual − expected| ≤ bound · max |expected|. */
    private static void assertRelative(double[] expected, double[] actual, double bound, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double diff = 0;
        double scale = 0;
        for (int k = 0; k < expected.length; k++) {
            diff = Math.max(diff, Math.abs(actual[k] - expected[k]));
            scale = Math.max(scale, Math.abs(expected[k]));
        }
        assertTrue(diff <= bound * scale, what + ": relative error " + diff / scale + " > " + bound);
    }
}
