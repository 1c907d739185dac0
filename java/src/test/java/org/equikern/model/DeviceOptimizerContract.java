package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.Function;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceTestBase;
import org.equikern.device.MemoryScope;
import org.equikern.device.Transfers;
import org.equikern.ops.optimizer.OptimizerOpContract;
import org.equikern.train.Adam;
import org.equikern.train.AdamW;
import org.equikern.train.CosineWarmupSchedule;
import org.equikern.train.ExponentialMovingAverage;
import org.equikern.train.GradientClipping;
import org.equikern.train.Optimizer;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;
import org.equikern.train.SGD;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A training loop kept on the device ({@link DeviceOptimizer} with clipping, {@link DeviceEma}) against the
 * same loop on the host ({@code train} optimizers, {@code GradientClipping}, {@code ExponentialMovingAverage},
 * a {@code CosineWarmupSchedule} driving both): after {@value #STEPS} steps on the same gradients the
 * parameters, the averages and every logged norm agree to {@value #TOLERANCE} relative in FLOAT64, and the
 * device steps made no host transfer but the one scalar of each {@link DeviceOptimizer#gradNorm()}.
 * Subclassed once per backend.
 */
public abstract class DeviceOptimizerContract extends DeviceTestBase {
    private static final double TOLERANCE = 1e-12;
    private static final int STEPS = 8;
    private static final int[] SIZES = {6, 9, 4};
    private static final double MAX_NORM = 3.0;

    /** A host optimizer and its device twin over the same hyperparameters. */
    enum Kind {
        ADAM(p -> new Adam(p, Adam.Options.adam().learningRate(0.05).weightDecay(0.01)),
                (d, n) -> DeviceOptimizer.adam(d, DType.FLOAT64, Adam.Options.adam().learningRate(0.05)
                        .weightDecay(0.01), n)),
        ADAMW_AMSGRAD(p -> new AdamW(p, Adam.Options.adamW().learningRate(0.05).amsgrad(true)),
                (d, n) -> DeviceOptimizer.adamW(d, DType.FLOAT64, Adam.Options.adamW().learningRate(0.05)
                        .amsgrad(true), n)),
        SGD_NESTEROV(p -> new SGD(p, 0.05, 0.9, 0, 0.01, true),
                (d, n) -> DeviceOptimizer.sgd(d, DType.FLOAT64, n, 0.05, 0.9, 0, 0.01, true));

        final Function<Parameters, Optimizer> host;
        final DeviceFactory device;

        Kind(Function<Parameters, Optimizer> host, DeviceFactory device) {
            this.host = host;
            this.device = device;
        }
    }

    /** Makes the device twin. */
    @FunctionalInterface
    interface DeviceFactory {
        DeviceOptimizer open(org.equikern.device.Device device, int n);
    }

    @AfterEach
    void noBufferLeaks() {
        assertEquals(0, device.liveBufferCount(), () -> "leaked: " + device.liveBufferNames());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void stepsOnTheDeviceEqualTheHostLoopWithoutTransfers(Kind kind) {
        SplittableRandom random = new SplittableRandom(kind.ordinal());
        Parameters host = new Parameters();
        for (int i = 0; i < SIZES.length; i++) host.add("p" + i, new int[] {SIZES[i]}, uniform(random, SIZES[i]));
        int n = (int) host.elementCount();
        Optimizer optimizer = kind.host.apply(host);
        CosineWarmupSchedule schedule = new CosineWarmupSchedule(optimizer, 2, STEPS, 1e-3);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(host, 0.9, true);
        try (MemoryScope scope = device.openScope(); DeviceOptimizer twin = kind.device.open(device, n)) {
            DeviceBuffer params = scope.upload(OptimizerOpContract.flat(host, false));
            DeviceBuffer grads = scope.allocate(DType.FLOAT64, n);
            try (DeviceEma average = new DeviceEma(params, 0.9, true)) {
                for (int t = 1; t <= STEPS; t++) {
                    for (Parameter p : host) System.arraycopy(uniform(random, p.size()), 0, p.grad(), 0, p.size());
                    grads.copyFrom(OptimizerOpContract.flat(host, true));
                    double hostNorm = GradientClipping.clipByNorm(host, MAX_NORM);
                    twin.setLearningRate(optimizer.learningRate());
                    optimizer.step();
                    schedule.step();
                    ema.update();

                    Transfers before = device.transfers();
                    twin.clipGradNorm(grads, MAX_NORM);
                    twin.step(params, grads);
                    average.update(params);
                    assertEquals(new Transfers(0, 0, 0, 0), device.transfers().since(before), "step " + t);
                    assertRelative(new double[] {hostNorm}, new double[] {twin.gradNorm()}, "norm, step " + t);
                    assertEquals(new Transfers(0, 0, 1, Double.BYTES), device.transfers().since(before),
                            "gradNorm() downloads one scalar");
                }
                assertEquals(STEPS, twin.steps());
                assertRelative(OptimizerOpContract.flat(host, false), params.toDoubleArray(), "parameters");
                double[] averages = new double[n];
                int at = 0;
                for (Parameter p : host) {
                    System.arraycopy(ema.average(p.name()), 0, averages, at, p.size());
                    at += p.size();
                }
                assertRelative(averages, average.shadow().toDoubleArray(), "averages");
            }
        }
    }

    @Test
    void rejectsBadArgumentsNamingThem() {
        assertEquals("DeviceOptimizer: n = -1: must be >= 0", assertThrows(IllegalArgumentException.class,
                () -> DeviceOptimizer.sgd(device, DType.FLOAT64, -1, 0.1, 0, 0, 0, false)).getMessage());
        assertEquals("SgdSettings: momentum = -0.5: must be in [0.0, 1.7976931348623157E308]",
                assertThrows(IllegalArgumentException.class,
                        () -> DeviceOptimizer.sgd(device, DType.FLOAT64, 3, 0.1, -0.5, 0, 0, false)).getMessage());
        try (MemoryScope scope = device.openScope();
                DeviceOptimizer sgd = DeviceOptimizer.sgd(device, DType.FLOAT64, 3, 0.1, 0, 0, 0, false)) {
            assertEquals("DeviceOptimizer: learning rate = NaN: must be finite and >= 0",
                    assertThrows(IllegalArgumentException.class, () -> sgd.setLearningRate(Double.NaN)).getMessage());
            DeviceBuffer three = scope.allocate(DType.FLOAT64, 3);
            DeviceBuffer two = scope.allocate(DType.FLOAT64, 2);
            assertThrows(IllegalArgumentException.class, () -> sgd.step(three, two));
            assertEquals(0, sgd.steps(), "a refused step is not counted");
            assertEquals("DeviceEma: decay = 2.0: must be in [0.0, 1.0]",
                    assertThrows(IllegalArgumentException.class, () -> new DeviceEma(three, 2, false)).getMessage());
        }
    }

    private static double[] uniform(SplittableRandom random, int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) out[i] = 2 * random.nextDouble() - 1;
        return out;
    }

    private static void assertRelative(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int k = 0; k < expected.length; k++) {
            if (!(Math.abs(actual[k] - expected[k]) <= TOLERANCE * Math.max(1, Math.abs(expected[k])))) {
                fail(what + ": element " + k + ": expected " + expected[k] + ", got " + actual[k]);
            }
        }
    }
}
