package org.equikern.ops.linear;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.Linear;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * {@link LinearOp} on a device against {@link Linear} in double: layers with unfed and bias-only
 * output blocks, with and without biases, more than one work group of weights, both precisions,
 * each batch size of {@link OpContract#BATCHES}. Subclassed once per backend.
 */
public abstract class LinearOpContract extends OpContract {
    private static final String[][] LAYERS = {
        {"3x0e+2x1o+1x2e", "2x0e+3x1o+2x2e+1x1e"},
        {"2x1o+4x0e", "5x0e+1x1o+2x0o"},
        {"2x1o", "3x0e+1x1o"},
        {"16x0e+8x1o", "16x0e+8x1o"},
        // Past one tile: two k chunks (40 copies in), two column tiles (35 out), two instructions
        // into one block, and empty blocks.
        {"40x0e+3x0e+20x1o+0x2e", "35x0e+0x1e+17x1o"},
    };

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String[] layer : LAYERS) {
                for (boolean biases : new boolean[] {false, true}) {
                    out.add(Arguments.of(dtype, layer[0], layer[1], biases));
                }
            }
        }
        return out.stream();
    }

    private static Linear layer(String in, String out, boolean biases) {
        return Linear.builder(Irreps.parse(in), Irreps.parse(out))
                .biases(biases).build();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} biases={3}")
    @MethodSource("cases")
    void forwardMatchesJava(DType dtype, String in, String out, boolean biases) {
        Linear linear = layer(in, out, biases);
        int dimIn = linear.irrepsIn().dim();
        int dimOut = linear.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(in.hashCode() * 7L + out.hashCode());
        try (LinearOp op = LinearOp.on(device, linear, dtype)) {
            for (int batch : BATCHES) {
                double[] x = rounded(dtype, gaussian(random, batch * dimIn));
                double[] w = rounded(dtype, gaussian(random, linear.weightNumel()));
                double[] bias = biases ? rounded(dtype, gaussian(random, linear.biasNumel())) : null;
                double[] expected = new double[batch * dimOut];
                linear.forward(x, w, bias, expected, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer y = scope.allocate(dtype, expected.length);
                    op.forward(upload(scope, dtype, x), upload(scope, dtype, w),
                            bias == null ? null : upload(scope, dtype, bias), y, batch);
                    assertClose(expected, download(y), dimOut, dtype, "Linear forward batch=" + batch);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} -> {2} biases={3}")
    @MethodSource("cases")
    void backwardMatchesJava(DType dtype, String in, String out, boolean biases) {
        Linear linear = layer(in, out, biases);
        int dimIn = linear.irrepsIn().dim();
        int dimOut = linear.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(in.hashCode() * 11L + out.hashCode());
        try (LinearOp op = LinearOp.on(device, linear, dtype)) {
            for (int batch : BATCHES) {
                double[] x = rounded(dtype, gaussian(random, batch * dimIn));
                double[] w = rounded(dtype, gaussian(random, linear.weightNumel()));
                double[] gradOut = rounded(dtype, gaussian(random, batch * dimOut));
                double[] gradX = new double[batch * dimIn];
                double[] gradW = new double[linear.weightNumel()];
                double[] gradBias = new double[linear.biasNumel()];
                linear.backward(x, w, gradOut, gradX, gradW, gradBias, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer gx = scope.allocate(dtype, gradX.length);
                    DeviceBuffer gw = scope.allocate(dtype, gradW.length);
                    DeviceBuffer gb = scope.allocate(dtype, gradBias.length);
                    op.backward(upload(scope, dtype, x), upload(scope, dtype, w), upload(scope, dtype, gradOut), gx,
                            gw, gb, batch);
                    String what = "Linear backward batch=" + batch;
                    assertClose(gradX, download(gx), dimIn, dtype, what + " gradX");
                    assertClose(gradW, download(gw), Math.max(1, gradW.length), dtype, what + " gradWeights");
                    assertClose(gradBias, download(gb), Math.max(1, gradBias.length), dtype, what + " gradBias");
                }
            }
        }
    }

    @Test
    void unwantedGradientsAreLeftAlone() {
        Linear linear = layer("2x0e+1x1o", "3x0e+1x1o", true);
        try (LinearOp op = LinearOp.on(device, linear, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer gw = scope.upload(new double[linear.weightNumel()]);
            DeviceBuffer gb = scope.upload(new double[] {7, 7, 7});
            op.backward(scope.upload(new double[10]), scope.upload(new double[linear.weightNumel()]),
                    scope.upload(new double[12]), null, gw, null, 2);
            assertArrayEquals(new double[] {7, 7, 7}, gb.toDoubleArray());
        }
    }

    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void argumentsAreValidatedBeforeAnythingRuns(IrrepsLayout layout) {
        Linear linear = layer("2x0e+1x1o", "3x0e+1x1o", true);
        try (LinearOp op = LinearOp.on(device, linear, DType.FLOAT32, layout); MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT32, 10);
            DeviceBuffer w = scope.allocate(DType.FLOAT32, linear.weightNumel());
            DeviceBuffer out = scope.allocate(DType.FLOAT32, 12);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x, w, null, out, 2));
            assertEquals("LinearOp.forward: bias must not be null (expected 3 elements, biasNumel)", e.getMessage());
            DeviceBuffer shortW = scope.allocate(DType.FLOAT32, 6);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x, shortW, scope.allocate(DType.FLOAT32, 3), out, 2));
            assertEquals("LinearOp.forward: weights " + shortW.name() + ": expected 7 elements (weightNumel), got 6",
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, w, w, out, 2));
            assertEquals("LinearOp.forward: bias " + w.name() + ": expected 3 elements (biasNumel), got 7",
                    e.getMessage());
            DeviceBuffer gradOut = scope.allocate(DType.FLOAT32, 12);
            DeviceBuffer wrongGradX = scope.allocate(DType.FLOAT32, 12);
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(x, w, gradOut, wrongGradX, null, null, 2));
            assertEquals("LinearOp.backward: gradX " + wrongGradX.name()
                    + ": expected 10 elements (batch 2 * irrepsIn.dim 5), got 12", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.backward(x, w, gradOut, x, null, null, 2));
            assertEquals("LinearOp.backward: gradX and x must be different buffers, both are " + x.name(),
                    e.getMessage());
        }
    }
}
