package org.equikern.ops.gate;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.Activation;
import org.equikern.nn.Gate;
import org.equikern.nn.NormalizedActivation;
import org.equikern.testing.FiniteDifferences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link GateOp} on a device against {@link Gate} in double: every activation, odd scalars and
 * gates, an input layout where the groups interleave, a gate of scalars only (the radial MLP's
 * normalized SiLU), inputs with exact zeros (the kinks of relu and abs), both precisions, each batch
 * size of {@link OpContract#BATCHES}. The second-order methods are also checked, in float64, against
 * central differences of the device's own forward and backward (an independent reference);
 * float32 meets the first-order tolerance of {@link OpContract#tolerance} there too. Subclassed once
 * per backend.
 */
public abstract class GateOpContract extends OpContract {
    /** Named gates, built per test (Gate is cheap) so the parameters print readably. */
    static Gate gate(String name) {
        switch (name) {
            case "silu-tanh/sigmoid-abs":
                return Gate.of("3x0e+2x0o", List.of(Activation.SILU, Activation.TANH), "2x0e+1x0e",
                        List.of(Activation.SIGMOID, Activation.ABS), "2x1o+1x2e");
            case "relu/odd-tanh":
                return Gate.of("4x0e", List.of(Activation.RELU), "2x0o", List.of(Activation.TANH), "1x1e+1x2o");
            case "scalars-only":
                return Gate.of(Irreps.parse("6x0e"), List.of(NormalizedActivation.e3nn(Activation.SILU)),
                        Irreps.of(List.of()), List.of(), Irreps.of(List.of()));
            default:
                // Gates 0e+0o sort before and between the scalars: the groups interleave.
                return Gate.of("2x0e", List.of(Activation.IDENTITY), "1x0e+1x0o",
                        List.of(Activation.RELU, Activation.ABS), "1x1o+1x1e");
        }
    }

    private static final String[] NAMES = {"silu-tanh/sigmoid-abs", "relu/odd-tanh", "identity/relu-abs",
        "scalars-only"};
    /** Central-difference step and bound (relative to the row's largest magnitude, at least 1). */
    private static final double STEP = 1e-5;
    private static final double DIFFERENCE_TOLERANCE = 1e-8;

    static Stream<String> names() {
        return Stream.of(NAMES);
    }

    /** Every named case in both irreps layouts (all arrays of a check in the op's layout). */
    static Stream<Arguments> namesAndLayouts() {
        return names().flatMap(n -> Stream.of(IrrepsLayout.values()).map(layout -> Arguments.of(n, layout)));
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String name : NAMES) {
                out.add(Arguments.of(dtype, name));
            }
        }
        return out.stream();
    }

    /** Gaussian inputs with every fifth value exactly 0. */
    private static double[] inputs(SplittableRandom random, int n, DType dtype) {
        double[] x = rounded(dtype, gaussian(random, n));
        for (int i = 0; i < n; i += 5) x[i] = 0;
        return x;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void forwardMatchesJava(DType dtype, String name) {
        Gate gate = gate(name);
        int dimIn = gate.irrepsIn().dim();
        int dimOut = gate.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode());
        try (GateOp op = GateOp.on(device, gate, dtype)) {
            for (int batch : BATCHES) {
                double[] x = inputs(random, batch * dimIn, dtype);
                double[] expected = new double[batch * dimOut];
                gate.forward(x, expected, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer y = scope.allocate(dtype, expected.length);
                    op.forward(upload(scope, dtype, x), y, batch);
                    assertClose(expected, download(y), dimOut, dtype, "Gate forward batch=" + batch);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void backwardMatchesJava(DType dtype, String name) {
        Gate gate = gate(name);
        int dimIn = gate.irrepsIn().dim();
        int dimOut = gate.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 1L);
        try (GateOp op = GateOp.on(device, gate, dtype)) {
            for (int batch : BATCHES) {
                double[] x = inputs(random, batch * dimIn, dtype);
                double[] gradOut = rounded(dtype, gaussian(random, batch * dimOut));
                double[] expected = new double[batch * dimIn];
                gate.backward(x, gradOut, expected, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer gradX = scope.allocate(dtype, expected.length);
                    gradX.zero();
                    op.backward(upload(scope, dtype, x), upload(scope, dtype, gradOut), gradX, batch);
                    assertClose(expected, download(gradX), dimIn, dtype, "Gate backward batch=" + batch);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void tangentsMatchTheHostGate(DType dtype, String name) {
        Gate gate = gate(name);
        int dimIn = gate.irrepsIn().dim();
        int dimOut = gate.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 2L);
        try (GateOp op = GateOp.on(device, gate, dtype)) {
            for (int batch : BATCHES) {
                double[] x = inputs(random, batch * dimIn, dtype);
                double[] xDot = rounded(dtype, gaussian(random, batch * dimIn));
                double[] gradOut = rounded(dtype, gaussian(random, batch * dimOut));
                double[] gradOutDot = rounded(dtype, gaussian(random, batch * dimOut));
                double[] outTangent = new double[batch * dimOut];
                double[] gradXTangent = new double[batch * dimIn];
                gate.tangent(x, xDot, outTangent, batch);
                gate.tangentBackward(x, xDot, gradOut, gradOutDot, gradXTangent, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer[] in = {upload(scope, dtype, x), upload(scope, dtype, xDot),
                        upload(scope, dtype, gradOut), upload(scope, dtype, gradOutDot)};
                    DeviceBuffer yDot = scope.allocate(dtype, outTangent.length);
                    DeviceBuffer gxDot = scope.allocate(dtype, gradXTangent.length);
                    op.tangent(in[0], in[1], yDot, batch);
                    op.tangentBackward(in[0], in[1], in[2], in[3], gxDot, batch);
                    assertClose(outTangent, download(yDot), dimOut, dtype, "Gate tangent batch=" + batch);
                    assertClose(gradXTangent, download(gxDot), dimIn, dtype, "Gate tangentBackward batch=" + batch);
                }
            }
        }
    }

    /**
     * Central differences of the device's forward and backward along {@code (xDot, gradOutDot)}, in
     * float64, away from the kinks of relu and abs.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("namesAndLayouts")
    void tangentsAreCentralDifferencesOfTheFirstOrder(String name, IrrepsLayout layout) {
        Gate gate = gate(name);
        int batch = 7;
        int dimIn = gate.irrepsIn().dim();
        int dimOut = gate.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 3L);
        double[] x = awayFromZero(gaussian(random, batch * dimIn));
        double[] xDot = gaussian(random, batch * dimIn);
        double[] gradOut = gaussian(random, batch * dimOut);
        double[] gradOutDot = gaussian(random, batch * dimOut);
        try (GateOp op = GateOp.on(device, gate, DType.FLOAT64, layout); MemoryScope scope = device.openScope()) {
            DeviceBuffer yDot = scope.allocate(DType.FLOAT64, (long) batch * dimOut);
            DeviceBuffer gxDot = scope.allocate(DType.FLOAT64, (long) batch * dimIn);
            op.tangent(scope.upload(x), scope.upload(xDot), yDot, batch);
            op.tangentBackward(scope.upload(x), scope.upload(xDot), scope.upload(gradOut), scope.upload(gradOutDot),
                    gxDot, batch);
            double[] forwardDifference = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope s = device.openScope()) {
                    DeviceBuffer out = s.allocate(DType.FLOAT64, (long) batch * dimOut);
                    op.forward(s.upload(FiniteDifferences.shifted(x, t, xDot)), out, batch);
                    return out.toDoubleArray();
                }
            }, STEP);
            double[] backwardDifference = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope s = device.openScope()) {
                    DeviceBuffer gradX = s.allocate(DType.FLOAT64, (long) batch * dimIn);
                    op.backward(s.upload(FiniteDifferences.shifted(x, t, xDot)),
                            s.upload(FiniteDifferences.shifted(gradOut, t, gradOutDot)), gradX, batch);
                    return gradX.toDoubleArray();
                }
            }, STEP);
            assertWithin(forwardDifference, yDot.toDoubleArray(), dimOut, "Gate tangent");
            assertWithin(backwardDifference, gxDot.toDoubleArray(), dimIn, "Gate tangentBackward");
        }
    }

    /** Moves values within 1e-3 of zero to ±1e-3: a central difference must not straddle a kink. */
    private static double[] awayFromZero(double[] values) {
        for (int i = 0; i < values.length; i++) {
            if (Math.abs(values[i]) < 1e-3) values[i] = values[i] < 0 ? -1e-3 : 1e-3;
        }
        return values;
    }

    private static void assertWithin(double[] expected, double[] actual, int width, String what) {
        for (int row = 0; row * width < expected.length; row++) {
            double scale = 1;
            for (int k = row * width; k < (row + 1) * width; k++) scale = Math.max(scale, Math.abs(expected[k]));
            for (int k = row * width; k < (row + 1) * width; k++) {
                assertEquals(expected[k], actual[k], DIFFERENCE_TOLERANCE * scale, what + ": element " + k);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void argumentsAreValidatedBeforeAnythingRuns(IrrepsLayout layout) {
        Gate gate = gate("relu/odd-tanh");
        try (GateOp op = GateOp.on(device, gate, DType.FLOAT64, layout); MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 2 * 14);
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 20);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, out, 2));
            assertEquals("GateOp.forward: out " + out.name() + ": expected 24 elements (batch 2 * irrepsOut.dim 12), got 20",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.backward(x, x, x, 2));
            assertEquals("GateOp.backward: gradOut " + x.name() + ": expected 24 elements (batch 2 * irrepsOut.dim 12), got 28",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(x, scope.allocate(DType.FLOAT64, 24), x, 2));
            assertEquals("GateOp.backward: gradX and x must be different buffers, both are " + x.name(),
                    e.getMessage());
            DeviceBuffer xDot = scope.allocate(DType.FLOAT64, 28);
            DeviceBuffer g = scope.allocate(DType.FLOAT64, 24);
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, out, g, 2));
            assertEquals("GateOp.tangent: xTangent " + out.name() + ": expected 28 elements (batch 2 * irrepsIn.dim 14), got 20",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, xDot, xDot, 2));
            assertEquals("GateOp.tangent: outTangent " + xDot.name() + ": expected 24 elements (batch 2 * irrepsOut.dim 12), got 28",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.tangentBackward(x, xDot, g, out, xDot, 2));
            assertEquals("GateOp.tangentBackward: gradOutTangent " + out.name()
                    + ": expected 24 elements (batch 2 * irrepsOut.dim 12), got 20", e.getMessage());
            DeviceBuffer gxDot = scope.allocate(DType.FLOAT64, 28);
            e = assertThrows(IllegalArgumentException.class, () -> op.tangentBackward(x, xDot, g, g, gxDot, 2));
            assertEquals("GateOp.tangentBackward: gradOut and gradOutTangent must be different buffers, both are "
                    + g.name(), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, xDot, g, -1));
            assertEquals("GateOp.tangent: batch must be >= 0, got -1", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> GateOp.on(device, gate, DType.INT32));
    }
}
