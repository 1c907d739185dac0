package org.equikern.ops.symmetriccontraction;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.nn.SymmetricContraction;
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
 * {@link SymmetricContractionOp} on a device against {@link SymmetricContraction} in double:
 * correlation orders 1 to 3, mixed parities, one element left out of every batch (its weight
 * gradient must be zero), both precisions, each batch size of {@link OpContract#BATCHES}.
 * Subclassed once per backend.
 */
public abstract class SymmetricContractionOpContract extends OpContract {
    /** Named layers, built per test class so the parameters print readably. */
    static SymmetricContraction contraction(String name) {
        switch (name) {
            case "nu3":
                return SymmetricContraction.of("3x0e+3x1o+3x2e", "3x0e+3x1o", 3, 3);
            case "nu2":
                return SymmetricContraction.of("4x0e+4x1o", "4x0e+4x1e+4x2e", 2, 2);
            default:
                return SymmetricContraction.of("2x0e+2x1o", "2x1o+2x0e", 1, 2);
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            for (String name : new String[] {"nu3", "nu2", "nu1"}) {
                out.add(Arguments.of(dtype, name));
            }
        }
        return out.stream();
    }

    /** Element indices in {@code [0, numElements - 1)}: the last element never occurs. */
    private static int[] elements(SplittableRandom random, int batch, int numElements) {
        int[] out = new int[batch];
        for (int b = 0; b < batch; b++) out[b] = random.nextInt(Math.max(1, numElements - 1));
        return out;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void forwardMatchesJava(DType dtype, String name) {
        SymmetricContraction sc = contraction(name);
        int dimIn = sc.irrepsIn().dim();
        int dimOut = sc.irrepsOut().dim();
        SplittableRandom random = new SplittableRandom(name.hashCode());
        double[] w = rounded(dtype, gaussian(random, sc.weightNumel()));
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, dtype)) {
            for (int batch : BATCHES) {
                double[] x = rounded(dtype, gaussian(random, batch * dimIn));
                int[] elements = elements(random, batch, sc.numElements());
                double[] expected = new double[batch * dimOut];
                sc.forward(x, elements, w, expected, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer y = scope.allocate(dtype, expected.length);
                    op.forward(upload(scope, dtype, x), scope.upload(elements), upload(scope, dtype, w), y, batch);
                    assertClose(expected, download(y), dimOut, dtype, name + " forward batch=" + batch);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void backwardMatchesJava(DType dtype, String name) {
        SymmetricContraction sc = contraction(name);
        int dimIn = sc.irrepsIn().dim();
        int dimOut = sc.irrepsOut().dim();
        int elementWeights = sc.pathCount() * sc.mul();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 1L);
        double[] w = rounded(dtype, gaussian(random, sc.weightNumel()));
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, dtype)) {
            for (int batch : BATCHES) {
                double[] x = rounded(dtype, gaussian(random, batch * dimIn));
                int[] elements = elements(random, batch, sc.numElements());
                double[] gradOut = rounded(dtype, gaussian(random, batch * dimOut));
                double[] expectedX = new double[batch * dimIn];
                double[] expectedW = new double[sc.weightNumel()];
                sc.backward(x, elements, w, gradOut, expectedX, expectedW, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer gradX = scope.allocate(dtype, expectedX.length);
                    DeviceBuffer gradW = scope.allocate(dtype, expectedW.length);
                    op.backward(upload(scope, dtype, x), scope.upload(elements), upload(scope, dtype, w),
                            upload(scope, dtype, gradOut), gradX, gradW, batch);
                    assertClose(expectedX, download(gradX), dimIn, dtype, name + " gradX batch=" + batch);
                    // Weight gradients sum over up to a whole batch: compare per element.
                    assertClose(expectedW, download(gradW), elementWeights, dtype, name + " gradW batch=" + batch);
                }
            }
        }
    }

    @Test
    void nullGradientsAreSkipped() {
        SymmetricContraction sc = contraction("nu2");
        SplittableRandom random = new SplittableRandom(3);
        int batch = 5;
        double[] x = gaussian(random, batch * sc.irrepsIn().dim());
        int[] elements = elements(random, batch, sc.numElements());
        double[] w = gaussian(random, sc.weightNumel());
        double[] gradOut = gaussian(random, batch * sc.irrepsOut().dim());
        double[] expectedW = new double[sc.weightNumel()];
        sc.backward(x, elements, w, gradOut, null, expectedW, batch);
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, DType.FLOAT64);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer gradW = scope.allocate(DType.FLOAT64, expectedW.length);
            op.backward(scope.upload(x), scope.upload(elements), scope.upload(w), scope.upload(gradOut), null, gradW,
                    batch);
            assertClose(expectedW, download(gradW), expectedW.length, DType.FLOAT64, "gradW alone");
        }
    }

    @Test
    void aLayerWithoutMonomialsGivesZeros() {
        // Sym^1 of scalars has no 1e part: no paths, no monomials, empty tables.
        SymmetricContraction sc = SymmetricContraction.of("2x0e", "2x1e", 1, 1);
        assertEquals(0, sc.pathCount());
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, DType.FLOAT32);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer out = scope.upload(new float[] {1, 2, 3, 4, 5, 6});
            DeviceBuffer gradX = scope.upload(new float[] {7, 8});
            DeviceBuffer w = scope.allocate(DType.FLOAT32, 0);
            op.forward(scope.upload(new float[] {1, -1}), scope.upload(new int[] {0}), w, out, 1);
            op.backward(scope.upload(new float[] {1, -1}), scope.upload(new int[] {0}), w,
                    scope.upload(new float[] {1, 1, 1, 1, 1, 1}), gradX, null, 1);
            assertClose(new double[6], download(out), 6, DType.FLOAT32, "forward");
            assertClose(new double[2], download(gradX), 2, DType.FLOAT32, "gradX");
        }
    }

    @Test
    void argumentsAreValidatedBeforeAnythingRuns() {
        SymmetricContraction sc = contraction("nu1");
        int numel = sc.weightNumel();
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, DType.FLOAT64);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 2 * 8);
            DeviceBuffer elements = scope.upload(new int[] {0, 1});
            DeviceBuffer w = scope.allocate(DType.FLOAT64, numel);
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2 * 8);
            DeviceBuffer shortOut = scope.allocate(DType.FLOAT64, 15);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> op.forward(x, elements, w, shortOut, 2));
            assertEquals("SymmetricContractionOp.forward: out " + shortOut.name()
                    + ": expected 16 elements (batch 2 * irrepsOut.dim 8), got 15", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, x, w, out, 2));
            assertEquals("SymmetricContractionOp.forward: elements " + x.name() + " must be INT32", e.getMessage());
            DeviceBuffer oneElement = scope.upload(new int[] {0});
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, oneElement, w, out, 2));
            assertEquals("SymmetricContractionOp.forward: elements " + oneElement.name()
                    + ": expected 2 elements (batch 2), got 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, elements, x, out, 2));
            assertEquals("SymmetricContractionOp.forward: weights " + x.name() + ": expected " + numel
                    + " elements (weightNumel), got 16", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, elements, w, x, 2));
            assertEquals("SymmetricContractionOp.forward: out and x must be different buffers, both are " + x.name(),
                    e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.backward(x, elements, w, out, out, null, 2));
            assertEquals("SymmetricContractionOp.backward: gradX and gradOut must be different buffers, both are "
                    + out.name(), e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.forward(x, elements, w, out, -1));
            assertEquals("SymmetricContractionOp.forward: batch must be >= 0, got -1", e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SymmetricContractionOp.on(device, sc, DType.INT32));
        assertThrows(IllegalArgumentException.class, () -> SymmetricContractionOp.on(device, null, DType.FLOAT64));
    }
}
