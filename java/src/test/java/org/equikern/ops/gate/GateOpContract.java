package org.equikern.ops.gate;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.nn.Activation;
import org.equikern.nn.Gate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link GateOp} on a device against {@link Gate} in double: every activation, odd scalars and
 * gates, an input layout where the groups interleave, inputs with exact zeros (the kinks of relu
 * and abs), both precisions, each batch size of {@link OpContract#BATCHES}. Subclassed once per
 * backend.
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
            default:
                // Gates 0e+0o sort before and between the scalars: the groups interleave.
                return Gate.of("2x0e", List.of(Activation.IDENTITY), "1x0e+1x0o",
                        List.of(Activation.RELU, Activation.ABS), "1x1o+1x1e");
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String name : new String[] {"silu-tanh/sigmoid-abs", "relu/odd-tanh", "identity/relu-abs"}) {
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

    @Test
    void argumentsAreValidatedBeforeAnythingRuns() {
        Gate gate = gate("relu/odd-tanh");
        try (GateOp op = GateOp.on(device, gate, DType.FLOAT64); MemoryScope scope = device.openScope()) {
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
        }
        assertThrows(IllegalArgumentException.class, () -> GateOp.on(device, gate, DType.INT32));
    }
}
