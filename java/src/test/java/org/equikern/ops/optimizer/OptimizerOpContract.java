package org.equikern.ops.optimizer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.train.Adam;
import org.equikern.train.AdamW;
import org.equikern.train.ExponentialMovingAverage;
import org.equikern.train.GradientClipping;
import org.equikern.train.Optimizer;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;
import org.equikern.train.SGD;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link OptimizerOp} against closed forms derived by hand (a constant gradient makes Adam's bias-corrected
 * step exactly lr·g/(|g| + ε); momentum, EMA and clipping sum geometric series) and against the host
 * optimizers of {@code org.equikern.train}, which {@code OptimizerReferenceTest} checks against PyTorch:
 * FLOAT64 within {@value #HOST_F64} relative, FLOAT32 within {@value #HOST_F32} (float rounding of the
 * inputs, the scalars and each step). Subclassed once per backend.
 */
public abstract class OptimizerOpContract extends OpContract {
    private static final double HOST_F64 = 1e-14;
    private static final double HOST_F32 = 1e-5;
    private static final double LR = 0.01;
    private static final double EPS = 1e-8;
    /** Two parameters of a host model, flattened in order into one device buffer. */
    private static final int[] SIZES = {5, 8};
    private static final int STEPS = 5;

    /** θ_k = θ_0 − k·lr·g/(|g| + ε) for a constant g: m_t = (1 − β1^t)g and v_t = (1 − β2^t)g² cancel the corrections. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void adamStepsAConstantGradientByTheLearningRate(DType dtype) {
        SplittableRandom random = new SplittableRandom(1);
        AdamSettings settings = new AdamSettings(0.9, 0.999, EPS, 0, false, false);
        for (int n : BATCHES) {
            double[] theta = rounded(dtype, gaussian(random, n));
            double[] g = rounded(dtype, gaussian(random, n));
            double[] expected = new double[n];
            for (int i = 0; i < n; i++) expected[i] = theta[i] - 4 * LR * g[i] / (Math.abs(g[i]) + EPS);
            assertClose(expected, runAdam(dtype, settings, theta, g, 4), 1, dtype, "adam theta (n = " + n + ")");
        }
    }

    /** AdamW: θ_t = aθ_{t−1} − c with a = 1 − lr·λ, c = lr·g/(|g| + ε), so θ_k = a^kθ_0 − c(1 − a^k)/(1 − a). */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void adamWDecaysTheWeightsGeometrically(DType dtype) {
        SplittableRandom random = new SplittableRandom(2);
        double lambda = 0.5;
        AdamSettings settings = new AdamSettings(0.8, 0.99, EPS, lambda, true, false);
        int n = 7;
        double[] theta = rounded(dtype, gaussian(random, n));
        double[] g = rounded(dtype, gaussian(random, n));
        double a = 1 - LR * lambda;
        double ak = Math.pow(a, 3);
        double[] expected = new double[n];
        for (int i = 0; i < n; i++) {
            expected[i] = ak * theta[i] - LR * g[i] / (Math.abs(g[i]) + EPS) * (1 - ak) / (1 - a);
        }
        assertClose(expected, runAdam(dtype, settings, theta, g, 3), 1, dtype, "adamW theta");
    }

    /**
     * A gradient g then 0: the second step divides (lr/(1 − β1²))·β1(1 − β1)g by √v/√(1 − β2²) + ε, where v is
     * β2(1 − β2)g² without AMSGrad and the larger first moment (1 − β2)g² with it.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void amsgradDividesByTheLargestSecondMoment(DType dtype) {
        double b1 = 0.9;
        double b2 = 0.5;
        double g = 2;
        double theta = 1.5;
        for (boolean amsgrad : new boolean[] {false, true}) {
            AdamSettings settings = new AdamSettings(b1, b2, EPS, 0, false, amsgrad);
            double v = amsgrad ? (1 - b2) * g * g : b2 * (1 - b2) * g * g;
            double second = LR / (1 - b1 * b1) * b1 * (1 - b1) * g / (Math.sqrt(v) / Math.sqrt(1 - b2 * b2) + EPS);
            double expected = theta - LR * g / (g + EPS) - second;
            try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
                DeviceBuffer p = upload(scope, dtype, new double[] {theta});
                DeviceBuffer grad = upload(scope, dtype, new double[] {g});
                DeviceBuffer[] state = zeros(scope, dtype, amsgrad ? 3 : 2, 1);
                DeviceBuffer vMax = amsgrad ? state[2] : null;
                op.adam(settings, 1, LR, p, grad, state[0], state[1], vMax, 1);
                grad.zero();
                op.adam(settings, 2, LR, p, grad, state[0], state[1], vMax, 1);
                assertClose(new double[] {expected}, download(p), 1, dtype, "amsgrad " + amsgrad);
            }
        }
    }

    /** Constant g, momentum μ: b_t = g(1 − μ^t)/(1 − μ); Nesterov steps by g + μb_t. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void sgdMomentumSumsAGeometricSeries(DType dtype) {
        double mu = 0.5;
        double g = -1.25;
        for (boolean nesterov : new boolean[] {false, true}) {
            SgdSettings settings = new SgdSettings(mu, 0, 0, nesterov);
            double expected = 0.75;
            for (int t = 1; t <= 3; t++) {
                double b = g * (1 - Math.pow(mu, t)) / (1 - mu);
                expected -= LR * (nesterov ? g + mu * b : b);
            }
            try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
                DeviceBuffer p = upload(scope, dtype, new double[] {0.75});
                DeviceBuffer grad = upload(scope, dtype, new double[] {g});
                DeviceBuffer buf = scope.allocate(dtype, 1);
                for (int t = 1; t <= 3; t++) op.sgd(settings, t, LR, p, grad, buf, 1);
                assertClose(new double[] {expected}, download(p), 1, dtype, "sgd nesterov " + nesterov);
            }
        }
    }

    /** A constant θ: s_k = θ + (s_0 − θ)·d^k. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void emaApproachesConstantWeightsGeometrically(DType dtype) {
        double d = 0.75;
        try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer p = upload(scope, dtype, new double[] {2, -1});
            DeviceBuffer shadow = upload(scope, dtype, new double[] {0, 3});
            for (int k = 0; k < 4; k++) op.emaUpdate(d, p, shadow, 2);
            double dk = Math.pow(d, 4);
            assertClose(new double[] {2 - 2 * dk, -1 + 4 * dk}, download(shadow), 2, dtype, "ema shadow");
        }
    }

    /** g = (3, 4): norm 5; a bound of 1 scales by 1/(5 + 1e-6), a bound of 10 leaves g alone. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void clippingScalesByTheBoundOverTheNorm(DType dtype) {
        try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer norm = scope.allocate(dtype, 1);
            DeviceBuffer g = upload(scope, dtype, new double[] {3, 4});
            op.clipByNorm(10, g, norm, 2);
            assertEquals(List.of(5.0, 3.0, 4.0), List.of(download(norm)[0], download(g)[0], download(g)[1]));
            op.clipByNorm(1, g, norm, 2);
            double c = 1 / (5 + 1e-6);
            assertClose(new double[] {3 * c, 4 * c}, download(g), 2, dtype, "clipped g");
            DeviceBuffer empty = scope.allocate(dtype, 0);
            op.clipByNorm(1, empty, norm, 0);
            assertEquals(0.0, download(norm)[0], "norm of nothing");
        }
    }

    @Test
    void aNonFiniteNormPropagatesIntoTheGradientAsInPyTorch() {
        try (OptimizerOp op = OptimizerOp.on(device, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer norm = scope.allocate(DType.FLOAT64, 1);
            DeviceBuffer g = scope.upload(new double[] {1, Double.NaN, 2});
            op.clipByNorm(1, g, norm, 3);
            assertTrue(Double.isNaN(norm.toDoubleArray()[0]));
            for (double v : g.toDoubleArray()) assertTrue(Double.isNaN(v), "every element NaN");
        }
    }

    /** Many slices of the two-level reduction: the norm of 5000 elements against the host's. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void clippingMatchesTheHostOverManySlices(DType dtype) {
        SplittableRandom random = new SplittableRandom(3);
        int[] sizes = {3000, 2000};
        Parameters host = parameters(sizes, random, dtype);
        double[] grads = flatGradients(host, random, dtype);
        double expectedNorm = GradientClipping.clipByNorm(host, 10);
        try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer norm = scope.allocate(dtype, 1);
            DeviceBuffer g = upload(scope, dtype, grads);
            op.clipByNorm(10, g, norm, grads.length);
            assertRelative(new double[] {expectedNorm}, download(norm), dtype, "norm");
            assertRelative(flat(host, true), download(g), dtype, "clipped gradient");
        }
    }

    /** {@value #STEPS} steps on fresh random gradients, with the rate changing per step as a schedule would. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void adamAndAdamWMatchTheHostOptimizers(DType dtype) {
        Adam.Options base = Adam.Options.adam().learningRate(LR).betas(0.85, 0.99);
        List<AdamSettings> variants = List.of(new AdamSettings(0.85, 0.99, 1e-8, 0, false, false),
                new AdamSettings(0.85, 0.99, 1e-8, 0.1, false, true),
                new AdamSettings(0.85, 0.99, 1e-8, 0.1, true, false),
                new AdamSettings(0.85, 0.99, 1e-8, 0.1, true, true));
        for (AdamSettings s : variants) {
            SplittableRandom random = new SplittableRandom(4);
            Parameters host = parameters(SIZES, random, dtype);
            Adam.Options options = base.weightDecay(s.weightDecay()).amsgrad(s.amsgrad());
            Optimizer optimizer = s.decoupled() ? new AdamW(host, options) : new Adam(host, options);
            int n = SIZES[0] + SIZES[1];
            try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
                DeviceBuffer p = upload(scope, dtype, flat(host, false));
                DeviceBuffer g = scope.allocate(dtype, n);
                DeviceBuffer[] state = zeros(scope, dtype, 3, n);
                for (int t = 1; t <= STEPS; t++) {
                    double lr = LR / t;
                    optimizer.setLearningRate(lr);
                    copyInto(g, flatGradients(host, random, dtype));
                    optimizer.step();
                    op.adam(s, t, lr, p, g, state[0], state[1], s.amsgrad() ? state[2] : null, n);
                }
                assertRelative(flat(host, false), download(p), dtype, s.toString());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void sgdMatchesTheHostOptimizer(DType dtype) {
        List<SgdSettings> variants = List.of(new SgdSettings(0, 0, 0.1, false), new SgdSettings(0.9, 0.25, 0.1, false),
                new SgdSettings(0.9, 0, 0, true));
        for (SgdSettings s : variants) {
            SplittableRandom random = new SplittableRandom(5);
            Parameters host = parameters(SIZES, random, dtype);
            SGD optimizer = new SGD(host, LR, s.momentum(), s.dampening(), s.weightDecay(), s.nesterov());
            int n = SIZES[0] + SIZES[1];
            try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
                DeviceBuffer p = upload(scope, dtype, flat(host, false));
                DeviceBuffer g = scope.allocate(dtype, n);
                DeviceBuffer buf = s.hasMomentum() ? scope.allocate(dtype, n) : null;
                for (int t = 1; t <= STEPS; t++) {
                    copyInto(g, flatGradients(host, random, dtype));
                    optimizer.step();
                    op.sgd(s, t, LR, p, g, buf, n);
                }
                assertRelative(flat(host, false), download(p), dtype, s.toString());
            }
        }
    }

    /** The host EMA with its ramp (1 + n)/(10 + n): the device gets the same decay per update. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void emaMatchesTheHostAverage(DType dtype) {
        SplittableRandom random = new SplittableRandom(6);
        Parameters host = parameters(SIZES, random, dtype);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(host, 0.99, true);
        int n = SIZES[0] + SIZES[1];
        try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer shadow = upload(scope, dtype, flat(host, false));
            DeviceBuffer p = scope.allocate(dtype, n);
            for (int t = 1; t <= STEPS; t++) {
                for (Parameter q : host) {
                    double[] v = rounded(dtype, gaussian(random, q.size()));
                    System.arraycopy(v, 0, q.values(), 0, v.length);
                }
                copyInto(p, flat(host, false));
                ema.update();
                op.emaUpdate(Math.min(0.99, (1.0 + t) / (10.0 + t)), p, shadow, n);
            }
            double[] expected = new double[n];
            System.arraycopy(ema.average("p0"), 0, expected, 0, SIZES[0]);
            System.arraycopy(ema.average("p1"), 0, expected, SIZES[0], SIZES[1]);
            assertRelative(expected, download(shadow), dtype, "shadow");
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        try (OptimizerOp op = OptimizerOp.on(device, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            AdamSettings adam = new AdamSettings(0.9, 0.999, EPS, 0, false, false);
            DeviceBuffer p = scope.allocate(DType.FLOAT64, 4);
            DeviceBuffer g = scope.allocate(DType.FLOAT64, 4);
            DeviceBuffer m = scope.allocate(DType.FLOAT64, 4);
            DeviceBuffer v = scope.allocate(DType.FLOAT64, 3);
            assertEquals("OptimizerOp.adam: expAvgSq " + v.name() + ": expected 4 elements (n), got 3",
                    message(() -> op.adam(adam, 1, LR, p, g, m, v, null, 4)));
            assertEquals("OptimizerOp.adam: learningRate = -1.0: must be in [0.0, 1.7976931348623157E308]",
                    message(() -> op.adam(adam, 1, -1, p, g, m, v, null, 4)));
            assertEquals("OptimizerOp.adam: step = 0: must be >= 1", message(() -> op.adam(adam, 0, LR, p, g, m, v,
                    null, 4)));
            assertEquals("OptimizerOp.adam: maxExpAvgSq must be null without amsgrad, got " + m.name(),
                    message(() -> op.adam(adam, 1, LR, p, g, m, g, m, 4)));
            assertEquals("OptimizerOp.adam: params and expAvg must be different buffers, both are " + p.name(),
                    message(() -> op.adam(adam, 1, LR, p, g, p, m, null, 4)));
            assertEquals("OptimizerOp.sgd: momentumBuffer must not be null (expected 4 elements, n, with momentum"
                    + " != 0)", message(() -> op.sgd(new SgdSettings(0.9, 0, 0, false), 1, LR, p, g, null, 4)));
            assertEquals("OptimizerOp.emaUpdate: decay = 1.5: must be in [0.0, 1.0]",
                    message(() -> op.emaUpdate(1.5, p, m, 4)));
            assertEquals("OptimizerOp.clipByNorm: maxNorm = NaN: must be in [0.0, 1.7976931348623157E308]",
                    message(() -> op.clipByNorm(Double.NaN, g, v, 4)));
            assertEquals("OptimizerOp.clipByNorm: norm " + v.name() + ": expected 1 elements (one scalar), got 3",
                    message(() -> op.clipByNorm(1, g, v, 4)));
            DeviceBuffer floats = scope.allocate(DType.FLOAT32, 4);
            assertThrows(IllegalArgumentException.class, () -> op.emaUpdate(0.5, floats, m, 4));
        }
    }

    @Test
    void settingsRejectHyperparametersOutOfRange() {
        assertEquals("AdamSettings: beta1 = 1.0: must be in [0.0, 1.0)",
                message(() -> new AdamSettings(1, 0.999, EPS, 0, false, false)));
        assertEquals("AdamSettings: beta2 = -0.1: must be in [0.0, 1.0)",
                message(() -> new AdamSettings(0.9, -0.1, EPS, 0, false, false)));
        assertEquals("AdamSettings: weight_decay = -1.0: must be in [0.0, 1.7976931348623157E308]",
                message(() -> new AdamSettings(0.9, 0.999, EPS, -1, true, false)));
        assertEquals("SgdSettings: nesterov needs momentum > 0 and dampening = 0, given momentum = 0.0, "
                + "dampening = 0.0", message(() -> new SgdSettings(0, 0, 0, true)));
    }

    @Test
    void aClosedOpRefusesCalls() {
        OptimizerOp op = OptimizerOp.on(device, DType.FLOAT32);
        op.close();
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT32, 2);
            DeviceBuffer y = scope.allocate(DType.FLOAT32, 2);
            assertEquals("OptimizerOp.emaUpdate: the op is closed",
                    assertThrows(IllegalStateException.class, () -> op.emaUpdate(0.5, x, y, 2)).getMessage());
        }
    }

    private static String message(Runnable call) {
        return assertThrows(IllegalArgumentException.class, call::run).getMessage();
    }

    /** θ_k after k Adam steps from zero moments on a constant gradient. */
    private double[] runAdam(DType dtype, AdamSettings settings, double[] theta, double[] g, int steps) {
        int n = theta.length;
        try (OptimizerOp op = OptimizerOp.on(device, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer p = upload(scope, dtype, theta);
            DeviceBuffer grad = upload(scope, dtype, g);
            DeviceBuffer[] state = zeros(scope, dtype, 2, n);
            for (int t = 1; t <= steps; t++) op.adam(settings, t, LR, p, grad, state[0], state[1], null, n);
            return download(p);
        }
    }

    private static DeviceBuffer[] zeros(MemoryScope scope, DType dtype, int count, int n) {
        DeviceBuffer[] out = new DeviceBuffer[count];
        for (int i = 0; i < count; i++) {
            out[i] = scope.allocate(dtype, n);
            out[i].zero();
        }
        return out;
    }

    /** Host parameters p0, p1, ... of {@code sizes} with values representable in {@code dtype}. */
    private static Parameters parameters(int[] sizes, SplittableRandom random, DType dtype) {
        Parameters host = new Parameters();
        for (int i = 0; i < sizes.length; i++) {
            host.add("p" + i, new int[] {sizes[i]}, rounded(dtype, gaussian(random, sizes[i])));
        }
        return host;
    }

    /** Fresh gradients (representable in {@code dtype}) written into the host parameters; returns them flat. */
    private static double[] flatGradients(Parameters host, SplittableRandom random, DType dtype) {
        for (Parameter q : host) {
            double[] g = rounded(dtype, gaussian(random, q.size()));
            System.arraycopy(g, 0, q.grad(), 0, g.length);
        }
        return flat(host, true);
    }

    /**
     * The values (or gradients) of every parameter, concatenated in order: the flat buffer of a model.
     *
     * @param host the parameters
     * @param gradients true for the gradients, false for the values
     * @return a new array of {@code host.elementCount()} values
     */
    public static double[] flat(Parameters host, boolean gradients) {
        double[] out = new double[(int) host.elementCount()];
        int at = 0;
        for (Parameter q : host) {
            double[] src = gradients ? q.grad() : q.values();
            System.arraycopy(src, 0, out, at, src.length);
            at += src.length;
        }
        return out;
    }

    /** Overwrites {@code buffer} with {@code values}, rounded to float for a FLOAT32 buffer. */
    private static void copyInto(DeviceBuffer buffer, double[] values) {
        if (buffer.dtype() == DType.FLOAT64) {
            buffer.copyFrom(values);
            return;
        }
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        buffer.copyFrom(f);
    }

    /** |actual − expected| ≤ tol·max(1, |expected|), tol {@value #HOST_F64} (FLOAT64) or {@value #HOST_F32}. */
    private static void assertRelative(double[] expected, double[] actual, DType dtype, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double tolerance = dtype == DType.FLOAT64 ? HOST_F64 : HOST_F32;
        for (int k = 0; k < expected.length; k++) {
            double error = Math.abs(actual[k] - expected[k]);
            if (!(error <= tolerance * Math.max(1, Math.abs(expected[k])))) {
                fail(what + " " + dtype + ": element " + k + ": expected " + expected[k] + ", got " + actual[k]);
            }
        }
    }
}
