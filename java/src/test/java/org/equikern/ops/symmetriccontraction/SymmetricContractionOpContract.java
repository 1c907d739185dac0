package org.equikern.ops.symmetriccontraction;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.SymmetricContraction;
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
 * {@link SymmetricContractionOp} on a device against {@link SymmetricContraction} in double:
 * correlation orders 1 to 3, mixed parities, one element left out of every batch (its weight
 * gradient must be zero), both precisions, each batch size of {@link OpContract#BATCHES}. The
 * second-order methods are also checked, in float64, against central differences of the device's own
 * forward and backward (an independent reference); float32 meets the first-order tolerance of
 * {@link OpContract#tolerance} there too. Subclassed once per backend.
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

    /** Central-difference step and bound (relative to the row's largest magnitude, at least 1). */
    private static final double STEP = 1e-5;
    private static final double DIFFERENCE_TOLERANCE = 1e-8;

    static Stream<String> names() {
        return Stream.of("nu3", "nu2", "nu1");
    }

    /** Every named case in both irreps layouts (all arrays of a check in the op's layout). */
    static Stream<Arguments> namesAndLayouts() {
        return names().flatMap(n -> Stream.of(IrrepsLayout.values()).map(layout -> Arguments.of(n, layout)));
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

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void tangentsMatchTheHost(DType dtype, String name) {
        SymmetricContraction sc = contraction(name);
        int dimIn = sc.irrepsIn().dim();
        int dimOut = sc.irrepsOut().dim();
        int elementWeights = sc.pathCount() * sc.mul();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 2L);
        double[] w = rounded(dtype, gaussian(random, sc.weightNumel()));
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, dtype)) {
            for (int batch : BATCHES) {
                double[] x = rounded(dtype, gaussian(random, batch * dimIn));
                double[] xDot = rounded(dtype, gaussian(random, batch * dimIn));
                int[] elements = elements(random, batch, sc.numElements());
                double[] gradOut = rounded(dtype, gaussian(random, batch * dimOut));
                double[] gradOutDot = rounded(dtype, gaussian(random, batch * dimOut));
                double[] outTangent = new double[batch * dimOut];
                double[] expectedX = new double[batch * dimIn];
                double[] expectedW = new double[sc.weightNumel()];
                sc.tangent(x, xDot, elements, w, outTangent, batch);
                sc.tangentBackward(x, xDot, elements, w, gradOut, gradOutDot, expectedX, expectedW, batch);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer xs = upload(scope, dtype, x);
                    DeviceBuffer xd = upload(scope, dtype, xDot);
                    DeviceBuffer e = scope.upload(elements);
                    DeviceBuffer ws = upload(scope, dtype, w);
                    DeviceBuffer yDot = scope.allocate(dtype, outTangent.length);
                    DeviceBuffer gxDot = scope.allocate(dtype, expectedX.length);
                    DeviceBuffer gwDot = scope.allocate(dtype, expectedW.length);
                    op.tangent(xs, xd, e, ws, yDot, batch);
                    op.tangentBackward(xs, xd, e, ws, upload(scope, dtype, gradOut), upload(scope, dtype, gradOutDot),
                            gxDot, gwDot, batch);
                    assertClose(outTangent, download(yDot), dimOut, dtype, name + " tangent batch=" + batch);
                    assertClose(expectedX, download(gxDot), dimIn, dtype, name + " gradXTangent batch=" + batch);
                    assertClose(expectedW, download(gwDot), elementWeights, dtype,
                            name + " gradWeightsTangent batch=" + batch);
                }
            }
        }
    }

    /** Central differences of the device's forward and backward along {@code (xDot, gradOutDot)}, in float64. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("namesAndLayouts")
    void tangentsAreCentralDifferencesOfTheFirstOrder(String name, IrrepsLayout layout) {
        SymmetricContraction sc = contraction(name);
        int batch = 7;
        int dimIn = sc.irrepsIn().dim();
        int dimOut = sc.irrepsOut().dim();
        int weights = sc.weightNumel();
        SplittableRandom random = new SplittableRandom(name.hashCode() + 3L);
        double[] w = gaussian(random, weights);
        double[] x = gaussian(random, batch * dimIn);
        double[] xDot = gaussian(random, batch * dimIn);
        int[] elements = elements(random, batch, sc.numElements());
        double[] gradOut = gaussian(random, batch * dimOut);
        double[] gradOutDot = gaussian(random, batch * dimOut);
        DType f64 = DType.FLOAT64;
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, f64, layout);
             MemoryScope scope = device.openScope()) {
            DeviceBuffer e = scope.upload(elements);
            DeviceBuffer ws = scope.upload(w);
            DeviceBuffer yDot = scope.allocate(f64, (long) batch * dimOut);
            DeviceBuffer gxDot = scope.allocate(f64, (long) batch * dimIn);
            DeviceBuffer gwDot = scope.allocate(f64, weights);
            op.tangent(scope.upload(x), scope.upload(xDot), e, ws, yDot, batch);
            op.tangentBackward(scope.upload(x), scope.upload(xDot), e, ws, scope.upload(gradOut),
                    scope.upload(gradOutDot), gxDot, gwDot, batch);
            double[] forwardDifference = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope in = device.openScope()) {
                    DeviceBuffer out = in.allocate(f64, (long) batch * dimOut);
                    op.forward(in.upload(FiniteDifferences.shifted(x, t, xDot)), e, ws, out, batch);
                    return out.toDoubleArray();
                }
            }, STEP);
            // gradX and gradWeights one after the other
            double[] backwardDifference = FiniteDifferences.alongDirection(t -> {
                try (MemoryScope in = device.openScope()) {
                    DeviceBuffer gradX = in.allocate(f64, (long) batch * dimIn);
                    DeviceBuffer gradW = in.allocate(f64, weights);
                    op.backward(in.upload(FiniteDifferences.shifted(x, t, xDot)), e, ws,
                            in.upload(FiniteDifferences.shifted(gradOut, t, gradOutDot)), gradX, gradW, batch);
                    return FiniteDifferences.concatenated(gradX.toDoubleArray(), gradW.toDoubleArray());
                }
            }, STEP);
            FiniteDifferences.assertRowsWithin(forwardDifference, 0, yDot.toDoubleArray(), dimOut, DIFFERENCE_TOLERANCE,
                    name + " tangent");
            FiniteDifferences.assertRowsWithin(backwardDifference,
                    0, gxDot.toDoubleArray(), dimIn, DIFFERENCE_TOLERANCE, name + " gradXTangent");
            FiniteDifferences.assertRowsWithin(backwardDifference, batch * dimIn, gwDot.toDoubleArray(),
                    sc.pathCount() * sc.mul(), DIFFERENCE_TOLERANCE, name + " gradWeightsTangent");
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

    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void argumentsAreValidatedBeforeAnythingRuns(IrrepsLayout layout) {
        SymmetricContraction sc = contraction("nu1");
        int numel = sc.weightNumel();
        try (SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, DType.FLOAT64, layout);
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
            DeviceBuffer xDot = scope.allocate(DType.FLOAT64, 2 * 8);
            DeviceBuffer gradOut = scope.allocate(DType.FLOAT64, 2 * 8);
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, shortOut, elements, w, out, 2));
            assertEquals("SymmetricContractionOp.tangent: xTangent " + shortOut.name()
                    + ": expected 16 elements (batch 2 * irrepsIn.dim 8), got 15", e.getMessage());
            e = assertThrows(IllegalArgumentException.class, () -> op.tangent(x, xDot, elements, w, xDot, 2));
            assertEquals("SymmetricContractionOp.tangent: outTangent and xTangent must be different buffers, both are "
                    + xDot.name(), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(x, xDot, elements, w, gradOut, out, null, x, 2));
            assertEquals("SymmetricContractionOp.tangentBackward: gradWeightsTangent " + x.name() + ": expected "
                    + numel + " elements (weightNumel), got 16", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> op.tangentBackward(x, xDot, elements, w, gradOut, out, out, null, 2));
            assertEquals("SymmetricContractionOp.tangentBackward: gradXTangent and gradOutTangent must be different "
                    + "buffers, both are " + out.name(), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> SymmetricContractionOp.on(device, sc, DType.INT32));
        assertThrows(IllegalArgumentException.class, () -> SymmetricContractionOp.on(device, null, DType.FLOAT64));
    }
}
