package org.equikern.ops.normactivation;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.Irreps;
import org.equikern.nn.Activation;
import org.equikern.nn.NormActivation;
import org.equikern.nn.NormalizedActivation;
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
 * {@link NormActivationOp} on a device against {@link NormActivation} in double: with and without
 * normalize and bias, a scaled activation, copies that are exactly zero (the clamp and the
 * zero-norm rule), both precisions, each batch size of {@link OpContract#BATCHES}. Subclassed
 * once per backend.
 */
public abstract class NormActivationOpContract extends OpContract {
    /** Named layers, built per test so the parameters print readably. */
    static NormActivation layer(String name) {
        Irreps irreps = Irreps.parse("2x0e+3x1o+2x2e+1x1e");
        switch (name) {
            case "silu-normalize-bias":
                return NormActivation.builder(irreps, Activation.SILU).bias(true).build();
            case "tanh-plain-bias":
                return NormActivation.builder(irreps, Activation.TANH).normalize(false).bias(true).build();
            default:
                return NormActivation.builder(irreps, NormalizedActivation.of(Activation.SIGMOID)).epsilon(1e-3)
                        .build();
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String name : new String[] {"silu-normalize-bias", "tanh-plain-bias", "sigmoid-normalize"}) {
                out.add(Arguments.of(dtype, name));
            }
        }
        return out.stream();
    }

    /** Gaussian inputs in which every fifth irrep copy (counted across samples) is exactly zero. */
    private static double[] inputs(SplittableRandom random, NormActivation layer, int batch, DType dtype) {
        int dim = layer.irrepsIn().dim();
        double[] x = rounded(dtype, gaussian(random, batch * dim));
        int[] start = layer.copyStart();
        int[] size = layer.copyDim();
        for (int b = 0; b < batch; b++) {
            for (int c = 0; c < start.length; c++) {
                if ((b * start.length + c) % 5 == 0) {
                    for (int i = 0; i < size[c]; i++) x[b * dim + start[c] + i] = 0;
                }
            }
        }
        return x;
    }

    /** The layer's biases, or null when it has none. */
    private static double[] biases(SplittableRandom random, NormActivation layer, DType dtype) {
        return layer.hasBias() ? rounded(dtype, gaussian(random, layer.biasNumel())) : null;
    }

    private static DeviceBuffer uploadOrNull(MemoryScope scope, DType dtype, double[] values) {
        return values == null ? null : upload(scope, dtype, values);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void forwardMatchesJava(DType dtype, String name) {
        NormActivation layer = layer(name);
        int dim = layer.irrepsIn().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] bias = biases(random, layer, dtype);
        try (NormActivationOp op = NormActivationOp.on(device, layer, dtype)) {
            for (int batch : BATCHES) {
                double[] x = inputs(random, layer, batch, dtype);
                double[] expected = new double[batch * dim];
                layer.forward(x, bias, expected, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer y = scope.allocate(dtype, expected.length);
                    op.forward(upload(scope, dtype, x), uploadOrNull(scope, dtype, bias), y, batch);
                    assertClose(expected, download(y), dim, dtype, name + " forward batch=" + batch);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void backwardMatchesJava(DType dtype, String name) {
        NormActivation layer = layer(name);
        int dim = layer.irrepsIn().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 1L);
        double[] bias = biases(random, layer, dtype);
        try (NormActivationOp op = NormActivationOp.on(device, layer, dtype)) {
            for (int batch : BATCHES) {
                double[] x = inputs(random, layer, batch, dtype);
                double[] gradOut = rounded(dtype, gaussian(random, batch * dim));
                double[] expectedX = new double[batch * dim];
                double[] expectedBias = new double[layer.biasNumel()];
                layer.backward(x, bias, gradOut, expectedX, expectedBias, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer gradX = scope.allocate(dtype, expectedX.length);
                    DeviceBuffer gradBias = layer.hasBias() ? scope.allocate(dtype, expectedBias.length) : null;
                    op.backward(upload(scope, dtype, x), uploadOrNull(scope, dtype, bias),
                            upload(scope, dtype, gradOut), gradX, gradBias, batch);
                    assertClose(expectedX, download(gradX), dim, dtype, name + " gradX batch=" + batch);
                    if (gradBias != null) {
                        assertClose(expectedBias, download(gradBias), expectedBias.length, dtype,
                                name + " gradBias batch=" + batch);
                    }
                }
            }
        }
    }

    @Test
    void argumentsAreValidatedBeforeAnythingRuns() {
        NormActivation layer = layer("silu-normalize-bias");
        try (NormActivationOp op = NormActivationOp.on(device, layer, DType.FLOAT64);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 2 * 24);
            DeviceBuffer bias = scope.allocate(DType.FLOAT64, 8);
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2 * 24);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x, null, out, 2));
            assertEquals("NormActivationOp.forward: bias must not be null (expected 8 elements, biasNumel)",
                    e.getMessage());
            DeviceBuffer shortX = scope.allocate(DType.FLOAT64, 47);
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(shortX, bias, out, 2));
            assertEquals("NormActivationOp.forward: x " + shortX.name()
                    + ": expected 48 elements (batch 2 * irreps.dim 24), got 47", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, bias, x, 2));
            assertEquals("NormActivationOp.forward: out and x must be different buffers, both are " + x.name(),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.backward(x, bias, out, out, null, 2));
            assertEquals("NormActivationOp.backward: gradX and gradOut must be different buffers, both are "
                    + out.name(), e.getMessage());
            DeviceBuffer floats = scope.allocate(DType.FLOAT32, 8);
            e = assertThrows(IllegalArgumentException.class, () -> op.backward(x, bias, out,
                    scope.allocate(DType.FLOAT64, 48), floats, 2));
            assertEquals("NormActivationOp.backward: gradBias " + floats.name() + " must be FLOAT64 like the op",
                    e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> NormActivationOp.on(device, layer, DType.INT32));
        assertThrows(IllegalArgumentException.class, () -> NormActivationOp.on(device, null, DType.FLOAT64));
    }
}
