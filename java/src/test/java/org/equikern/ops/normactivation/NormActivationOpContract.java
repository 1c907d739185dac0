package org.equikern.ops.normactivation;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.Activation;
import org.equikern.nn.NormActivation;
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
 * {@link NormActivationOp} on a device against {@link NormActivation} in double: with and without
 * normalize and bias, a scaled activation, copies that are exactly zero (the clamp and the
 * zero-norm rule), both precisions, each batch size of {@link OpContract#BATCHES}. The
 * second-order methods are also checked, in float64, against central differences of the device's own
 * forward and backward (an independent reference), on copies of norm at least {@value #SMALLEST_NORM}
 * (the scale's derivatives grow like 1/n³, and a difference must not cross the clamp); float32 meets
 * the first-order tolerance of {@link OpContract#tolerance} there too. Subclassed once per backend.
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

    private static final String[] NAMES = {"silu-normalize-bias", "tanh-plain-bias", "sigmoid-normalize"};
    private static final double SMALLEST_NORM = 0.3;
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

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void tangentsMatchTheHostLayer(DType dtype, String name) {
        NormActivation layer = layer(name);
        int dim = layer.irrepsIn().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 2L);
        double[] bias = biases(random, layer, dtype);
        try (NormActivationOp op = NormActivationOp.on(device, layer, dtype)) {
            for (int batch : BATCHES) {
                double[] x = inputs(random, layer, batch, dtype);
                double[] xDot = rounded(dtype, gaussian(random, batch * dim));
                double[] gradOut = rounded(dtype, gaussian(random, batch * dim));
                double[] gradOutDot = rounded(dtype, gaussian(random, batch * dim));
                double[] outTangent = new double[batch * dim];
                double[] gradXTangent = new double[batch * dim];
                double[] gradBiasTangent = new double[layer.biasNumel()];
                layer.tangent(x, bias, xDot, outTangent, batch);
                layer.tangentBackward(x, bias, xDot, gradOut, gradOutDot, gradXTangent, gradBiasTangent, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer xs = upload(scope, dtype, x);
                    DeviceBuffer b = uploadOrNull(scope, dtype, bias);
                    DeviceBuffer xd = upload(scope, dtype, xDot);
                    DeviceBuffer yDot = scope.allocate(dtype, outTangent.length);
                    DeviceBuffer gxDot = scope.allocate(dtype, gradXTangent.length);
                    DeviceBuffer gbDot = layer.hasBias() ? scope.allocate(dtype, gradBiasTangent.length) : null;
                    op.tangent(xs, b, xd, yDot, batch);
                    op.tangentBackward(xs, b, xd, upload(scope, dtype, gradOut), upload(scope, dtype, gradOutDot),
                            gxDot, gbDot, batch);
                    assertClose(outTangent, download(yDot), dim, dtype, name + " tangent batch=" + batch);
                    assertClose(gradXTangent, download(gxDot), dim, dtype, name + " gradXTangent batch=" + batch);
                    if (gbDot != null) {
                        assertClose(gradBiasTangent, download(gbDot), gradBiasTangent.length, dtype,
                                name + " gradBiasTangent batch=" + batch);
                    }
                }
            }
        }
    }

    /** Central differences of the device's forward and backward along {@code (xDot, gradOutDot)}, in float64. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("namesAndLayouts")
    void tangentsAreCentralDifferencesOfTheFirstOrder(String name, IrrepsLayout layout) {
        NormActivation layer = layer(name);
        int batch = 7;
        int dim = layer.irrepsIn().dim();
        int biases = layer.biasNumel();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 3L);
        double[] bias = biases(random, layer, DType.FLOAT64);
        // norms kept away from zero per copy in mul_ir, then the rows laid out as the op takes them
        double[] x = IrrepsLayout.MUL_IR.convert(layer.irrepsIn(), awayFromZero(layer, gaussian(random, batch * dim)),
                layout);
        double[] xDot = gaussian(random, batch * dim);
        double[] gradOut = gaussian(random, batch * dim);
        double[] gradOutDot = gaussian(random, batch * dim);
        try (NormActivationOp op = NormActivationOp.on(device, layer, DType.FLOAT64, layout);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer b = uploadOrNull(scope, DType.FLOAT64, bias);
            DeviceBuffer yDot = scope.allocate(DType.FLOAT64, (long) batch * dim);
            DeviceBuffer gxDot = scope.allocate(DType.FLOAT64, (long) batch * dim);
            DeviceBuffer gbDot = scope.allocate(DType.FLOAT64, biases);
            op.tangent(scope.upload(x), b, scope.upload(xDot), yDot, batch);
            op.tangentBackward(scope.upload(x), b, scope.upload(xDot), scope.upload(gradOut), scope.upload(gradOutDot),
                    gxDot, gbDot, batch);
            double[] forwardDifference = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope s = device.openScope()) {
                    DeviceBuffer out = s.allocate(DType.FLOAT64, (long) batch * dim);
                    op.forward(s.upload(FiniteDifferences.shifted(x, t, xDot)), b, out, batch);
                    return out.toDoubleArray();
                }
            }, STEP);
            // gradX and gradBias one after the other
            double[] backwardDifference = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope s = device.openScope()) {
                    DeviceBuffer gradX = s.allocate(DType.FLOAT64, (long) batch * dim);
                    DeviceBuffer gradBias = s.allocate(DType.FLOAT64, biases);
                    op.backward(s.upload(FiniteDifferences.shifted(x, t, xDot)), b,
                            s.upload(FiniteDifferences.shifted(gradOut, t, gradOutDot)), gradX, gradBias, batch);
                    return FiniteDifferences.concatenated(gradX.toDoubleArray(), gradBias.toDoubleArray());
                }
            }, STEP);
            FiniteDifferences.assertRowsWithin(forwardDifference, 0, yDot.toDoubleArray(), dim, DIFFERENCE_TOLERANCE,
                    name + " tangent");
            FiniteDifferences.assertRowsWithin(backwardDifference, 0, gxDot.toDoubleArray(), dim, DIFFERENCE_TOLERANCE,
                    name + " gradXTangent");
            if (biases > 0) {
                FiniteDifferences.assertRowsWithin(backwardDifference, batch * dim, gbDot.toDoubleArray(), biases,
                        DIFFERENCE_TOLERANCE, name + " gradBiasTangent");
            }
        }
    }

    /** Scales every copy of norm below {@link #SMALLEST_NORM} up to that norm. */
    private static double[] awayFromZero(NormActivation layer, double[] x) {
        int dim = layer.irrepsIn().dim();
        int[] start = layer.copyStart();
        int[] size = layer.copyDim();
        for (int at = 0; at < x.length; at += dim) {
            for (int c = 0; c < start.length; c++) {
                double q = 0;
                for (int i = 0; i < size[c]; i++) q += x[at + start[c] + i] * x[at + start[c] + i];
                double scale = SMALLEST_NORM / Math.sqrt(q);
                if (scale > 1) {
                    for (int i = 0; i < size[c]; i++) x[at + start[c] + i] *= scale;
                }
            }
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void argumentsAreValidatedBeforeAnythingRuns(IrrepsLayout layout) {
        NormActivation layer = layer("silu-normalize-bias");
        try (NormActivationOp op = NormActivationOp.on(device, layer, DType.FLOAT64, layout);
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
            DeviceBuffer xDot = scope.allocate(DType.FLOAT64, 48);
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, bias, shortX, out, 2));
            assertEquals("NormActivationOp.tangent: xTangent " + shortX.name()
                    + ": expected 48 elements (batch 2 * irreps.dim 24), got 47", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, null, xDot, out, 2));
            assertEquals("NormActivationOp.tangent: bias must not be null (expected 8 elements, biasNumel)",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, bias, xDot, xDot, 2));
            assertEquals("NormActivationOp.tangent: outTangent and xTangent must be different buffers, both are "
                    + xDot.name(), e.getMessage());
            DeviceBuffer g = scope.allocate(DType.FLOAT64, 48);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(x, bias, xDot, g, out, out, floats, 2));
            assertEquals("NormActivationOp.tangentBackward: gradBiasTangent " + floats.name()
                    + " must be FLOAT64 like the op", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(x, bias, xDot, g, out, g, null, 2));
            assertEquals("NormActivationOp.tangentBackward: gradXTangent and gradOut must be different buffers, both are "
                    + g.name(), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(x, bias, xDot, g, out, scope.allocate(DType.FLOAT64, 48), null, -3));
            assertEquals("NormActivationOp.tangentBackward: batch must be >= 0, got -3", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> NormActivationOp.on(device, layer, DType.INT32));
        assertThrows(IllegalArgumentException.class, () -> NormActivationOp.on(device, null, DType.FLOAT64));
    }
}
