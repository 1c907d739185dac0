package org.equikern.ops.lorentzproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.lorentz.SL2C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LorentzProductOp} against the host {@link LorentzProduct} (itself checked against
 * per-channel couplings of {@code LorentzClebschGordan.couple} in {@code LorentzProductTest}) in
 * double on the same rounded inputs, in both precisions and both channel modes, forward, backward
 * and double backward; each backward also against central differences of the host one order
 * below; Lorentz equivariance D(g)·out(x1, x2) = out(D(g)·x1, D(g)·x2) for random SO⁺(1,3)
 * elements of rapidity ≤ 3 (≤ 1e-10 float64, ≤ 1e-4 float32); argument checks. Subclassed once
 * per backend.
 */
public abstract class LorentzProductOpContract extends ComplexOpContract {
    private static final LorentzIrreps IN1 = LorentzIrreps.parse("2x(0,0)+2x(1,1)+2x(1,0)");
    private static final LorentzIrreps IN2 = LorentzIrreps.parse("2x(1,1)+2x(0,1)");
    private static final LorentzIrreps OUT = LorentzIrreps.parse("2x(0,0)+2x(1,1)+2x(2,2)+2x(1,2)+2x(2,0)");
    private static final int BATCH = 7;

    private static LorentzProduct product(LorentzProduct.Mode mode) {
        return new LorentzProduct(IN1, IN2, OUT, mode);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void forwardMatchesTheHostProduct(DType dtype) {
        for (LorentzProduct.Mode mode : LorentzProduct.Mode.values()) {
            LorentzProduct tp = product(mode);
            Random random = new Random(61);
            for (int batch : new int[] {1, BATCH, 301}) {
                ComplexTensor x1 = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, batch * IN1.dim()));
                ComplexTensor x2 = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, batch * IN2.dim()));
                ComplexTensor w = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, tp.weightLength()));
                ComplexTensor expected = ComplexTensor.zeros(batch * OUT.dim());
                tp.forward(x1, x2, w, expected, batch);
                assertClose(expected.planar(), forward(tp, dtype, x1, x2, w, batch), OUT.dim(), dtype,
                        "out " + mode + " (batch = " + batch + ")");
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void backwardMatchesTheHostProduct(DType dtype) {
        for (LorentzProduct.Mode mode : LorentzProduct.Mode.values()) {
            LorentzProduct tp = product(mode);
            Random random = new Random(62);
            ComplexTensor x1 = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IN1.dim()));
            ComplexTensor x2 = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IN2.dim()));
            ComplexTensor w = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, tp.weightLength()));
            ComplexTensor gradOut = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * OUT.dim()));
            ComplexTensor g1 = ComplexTensor.zeros(x1.length());
            ComplexTensor g2 = ComplexTensor.zeros(x2.length());
            ComplexTensor gw = ComplexTensor.zeros(w.length());
            tp.backward(x1, x2, w, gradOut, g1, g2, gw, BATCH);
            ComplexTensor[] actual = backward(tp, dtype, x1, x2, w, gradOut, BATCH);
            assertGradientClose(g1, actual[0], dtype, "gradX1 " + mode);
            assertGradientClose(g2, actual[1], dtype, "gradX2 " + mode);
            assertGradientClose(gw, actual[2], dtype, "gradW " + mode);
        }
    }

    /** The device backward against central differences of Re⟨out, gradOut⟩ through the host forward. */
    @ParameterizedTest
    @EnumSource(LorentzProduct.Mode.class)
    void backwardMatchesCentralDifferences(LorentzProduct.Mode mode) {
        LorentzProduct tp = product(mode);
        Random random = new Random(63);
        int batch = 2;
        ComplexTensor x1 = LorentzFeatures.random(random, batch * IN1.dim());
        ComplexTensor x2 = LorentzFeatures.random(random, batch * IN2.dim());
        ComplexTensor w = LorentzFeatures.random(random, tp.weightLength());
        ComplexTensor gradOut = LorentzFeatures.random(random, batch * OUT.dim());
        ComplexTensor[] actual = backward(tp, DType.FLOAT64, x1, x2, w, gradOut, batch);
        ComplexTensor out = ComplexTensor.zeros(gradOut.length());
        assertTrue(LorentzFeatures.relativeError(actual[0], LorentzFeatures.gradient(x1, 1e-6, x -> {
            tp.forward(x, x2, w, out, batch);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8, "gradX1");
        assertTrue(LorentzFeatures.relativeError(actual[1], LorentzFeatures.gradient(x2, 1e-6, x -> {
            tp.forward(x1, x, w, out, batch);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8, "gradX2");
        assertTrue(LorentzFeatures.relativeError(actual[2], LorentzFeatures.gradient(w, 1e-6, x -> {
            tp.forward(x1, x2, x, out, batch);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8, "gradW");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void doubleBackwardMatchesTheHostProduct(DType dtype) {
        for (LorentzProduct.Mode mode : LorentzProduct.Mode.values()) {
            LorentzProduct tp = product(mode);
            ComplexTensor[] args = arguments(tp, dtype, new Random(66), BATCH);
            ComplexTensor[] expected = {ComplexTensor.zeros(args[0].length()), ComplexTensor.zeros(args[1].length()),
                ComplexTensor.zeros(args[2].length()), ComplexTensor.zeros(args[3].length())};
            tp.doubleBackward(args[0], args[1], args[2], args[3], args[4], args[5], args[6], expected[0], expected[1],
                    expected[2], expected[3], BATCH);
            ComplexTensor[] actual = doubleBackward(tp, dtype, args, BATCH);
            String[] names = {"gradX1", "gradX2", "gradW", "gradGradOut"};
            for (int k = 0; k < 4; k++) assertGradientClose(expected[k], actual[k], dtype, names[k] + " " + mode);
        }
    }

    /**
     * The device double backward against central differences of Q = Re⟨v1, gradX1⟩ + Re⟨v2, gradX2⟩
     * + Re⟨vw, gradW⟩ through the host backward, in x1, x2, w and gradOut.
     */
    @ParameterizedTest
    @EnumSource(LorentzProduct.Mode.class)
    void doubleBackwardMatchesCentralDifferences(LorentzProduct.Mode mode) {
        LorentzProduct tp = product(mode);
        int batch = 2;
        ComplexTensor[] args = arguments(tp, DType.FLOAT64, new Random(67), batch);
        ComplexTensor[] actual = doubleBackward(tp, DType.FLOAT64, args, batch);
        for (int which = 0; which < 4; which++) {
            ComplexTensor numeric = LorentzFeatures.gradient(args[which], 1e-6, x -> {
                ComplexTensor g1 = ComplexTensor.zeros(args[0].length());
                ComplexTensor g2 = ComplexTensor.zeros(args[1].length());
                ComplexTensor gw = ComplexTensor.zeros(args[2].length());
                tp.backward(args[0], args[1], args[2], args[3], g1, g2, gw, batch);
                return LorentzFeatures.pairing(args[4], g1) + LorentzFeatures.pairing(args[5], g2)
                        + LorentzFeatures.pairing(args[6], gw);
            });
            double error = LorentzFeatures.relativeError(actual[which], numeric);
            assertTrue(error < 1e-8, mode + " argument " + which + ": " + error);
        }
    }

    /** D(g)·out(x1, x2) = out(D(g)·x1, D(g)·x2) on the device, for random g of rapidity ≤ 3. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void productIsLorentzEquivariant(DType dtype) {
        double bound = dtype == DType.FLOAT64 ? 1e-10 : 1e-4;
        for (LorentzProduct.Mode mode : LorentzProduct.Mode.values()) {
            LorentzProduct tp = product(mode);
            Random random = new Random(64);
            ComplexTensor w = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, tp.weightLength()));
            for (int trial = 0; trial < 4; trial++) {
                SL2C g = SL2C.random(random, 3.0);
                ComplexTensor x1 = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IN1.dim()));
                ComplexTensor x2 = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IN2.dim()));
                ComplexTensor moved1 = LorentzFeatures.rounded(dtype, LorentzFeatures.act(g, IN1, x1, BATCH));
                ComplexTensor moved2 = LorentzFeatures.rounded(dtype, LorentzFeatures.act(g, IN2, x2, BATCH));
                ComplexTensor out = ComplexTensor.fromPlanar(forward(tp, dtype, x1, x2, w, BATCH));
                ComplexTensor outMoved = ComplexTensor.fromPlanar(forward(tp, dtype, moved1, moved2, w, BATCH));
                double error = LorentzFeatures.relativeError(LorentzFeatures.act(g, OUT, out, BATCH), outMoved);
                assertTrue(error <= bound, mode + " " + dtype + " trial " + trial + " rapidity " + g.rapidity()
                        + ": " + error);
            }
        }
    }

    /** LGN's self product CG(rep_i, rep_i) passes one buffer as x1 and x2. */
    @Test
    void aSelfProductMayPassOneBufferAsBothInputs() {
        LorentzIrreps reps = LorentzIrreps.parse("2x(0,0)+2x(1,1)");
        LorentzProduct tp = new LorentzProduct(reps, reps, LorentzIrreps.parse("2x(0,0)+2x(1,1)+2x(2,2)"),
                LorentzProduct.Mode.FULLY_CONNECTED);
        Random random = new Random(65);
        ComplexTensor x = LorentzFeatures.random(random, BATCH * reps.dim());
        ComplexTensor w = LorentzFeatures.random(random, tp.weightLength());
        ComplexTensor expected = ComplexTensor.zeros(BATCH * tp.irrepsOut().dim());
        tp.forward(x, x, w, expected, BATCH);
        try (LorentzProductOp op = LorentzProductOp.on(device, tp, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer shared = upload(scope, DType.FLOAT64, x.planar());
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2 * expected.length());
            op.forward(shared, shared, upload(scope, DType.FLOAT64, w.planar()), out, BATCH);
            assertClose(expected.planar(), download(out), tp.irrepsOut().dim(), DType.FLOAT64, "self product");
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        LorentzProduct tp = product(LorentzProduct.Mode.CHANNEL_WISE);
        assertEquals("LorentzProductOp: product must not be null",
                message(() -> LorentzProductOp.on(device, null, DType.FLOAT64)));
        try (LorentzProductOp op = LorentzProductOp.on(device, tp, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer x1 = scope.allocate(DType.FLOAT64, 2 * IN1.dim());
            DeviceBuffer x2 = scope.allocate(DType.FLOAT64, 2 * IN2.dim());
            DeviceBuffer w = scope.allocate(DType.FLOAT64, 2 * tp.weightLength());
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2 * OUT.dim());
            DeviceBuffer shortBuffer = scope.allocate(DType.FLOAT64, 3);
            assertEquals("LorentzProductOp.forward: x2 " + shortBuffer.name() + ": expected " + 2 * IN2.dim()
                    + " elements (2 · batch · irreps2.dim), got 3",
                    message(() -> op.forward(x1, shortBuffer, w, out, 1)));
            assertEquals("LorentzProductOp.forward: batch must be >= 0, got -1",
                    message(() -> op.forward(x1, x2, w, out, -1)));
            DeviceBuffer gradX2 = scope.allocate(DType.FLOAT64, 2 * IN2.dim());
            DeviceBuffer gradW = scope.allocate(DType.FLOAT64, 2 * tp.weightLength());
            assertEquals("LorentzProductOp.backward: gradX1 and x1 must be different buffers, both are "
                    + x1.name(), message(() -> op.backward(x1, x2, w, out, x1, gradX2, gradW, 1)));
            DeviceBuffer w32 = scope.allocate(DType.FLOAT32, 2 * tp.weightLength());
            assertEquals("LorentzProductOp.forward: w " + w32.name() + " must be FLOAT64 like the op",
                    message(() -> op.forward(x1, x2, w32, out, 1)));
        }
    }

    @Test
    void anEmptyBatchZeroesTheWeightGradient() {
        LorentzProduct tp = product(LorentzProduct.Mode.FULLY_CONNECTED);
        try (LorentzProductOp op = LorentzProductOp.on(device, tp, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer empty1 = scope.allocate(DType.FLOAT64, 0);
            DeviceBuffer empty2 = scope.allocate(DType.FLOAT64, 0);
            DeviceBuffer emptyOut = scope.allocate(DType.FLOAT64, 0);
            DeviceBuffer emptyG1 = scope.allocate(DType.FLOAT64, 0);
            DeviceBuffer emptyG2 = scope.allocate(DType.FLOAT64, 0);
            double[] garbage = new double[2 * tp.weightLength()];
            Arrays.fill(garbage, 7.5);
            DeviceBuffer gradW = scope.upload(garbage);
            op.backward(empty1, empty2, scope.upload(garbage), emptyOut, emptyG1, emptyG2, gradW, 0);
            assertTrue(Arrays.stream(download(gradW)).allMatch(v -> v == 0), "gradW is 0");
        }
    }

    private double[] forward(LorentzProduct tp, DType dtype, ComplexTensor x1, ComplexTensor x2, ComplexTensor w,
            int batch) {
        try (LorentzProductOp op = LorentzProductOp.on(device, tp, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer out = garbage(scope, dtype, 2 * batch * OUT.dim());
            op.forward(upload(scope, dtype, x1.planar()), upload(scope, dtype, x2.planar()),
                    upload(scope, dtype, w.planar()), out, batch);
            return download(out);
        }
    }

    /** The device's {gradX1, gradX2, gradW}; each output starts as garbage. */
    private ComplexTensor[] backward(LorentzProduct tp, DType dtype, ComplexTensor x1, ComplexTensor x2,
            ComplexTensor w, ComplexTensor gradOut, int batch) {
        try (LorentzProductOp op = LorentzProductOp.on(device, tp, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer g1 = garbage(scope, dtype, 2 * x1.length());
            DeviceBuffer g2 = garbage(scope, dtype, 2 * x2.length());
            DeviceBuffer gw = garbage(scope, dtype, 2 * w.length());
            op.backward(upload(scope, dtype, x1.planar()), upload(scope, dtype, x2.planar()),
                    upload(scope, dtype, w.planar()), upload(scope, dtype, gradOut.planar()), g1, g2, gw, batch);
            return new ComplexTensor[] {ComplexTensor.fromPlanar(download(g1)), ComplexTensor.fromPlanar(download(g2)),
                ComplexTensor.fromPlanar(download(gw))};
        }
    }

    /** {x1, x2, w, gradOut, v1, v2, vw}, random and rounded to dtype. */
    private static ComplexTensor[] arguments(LorentzProduct tp, DType dtype, Random random, int batch) {
        int[] lengths = {batch * IN1.dim(), batch * IN2.dim(), tp.weightLength(), batch * OUT.dim(), batch * IN1.dim(),
            batch * IN2.dim(), tp.weightLength()};
        ComplexTensor[] args = new ComplexTensor[lengths.length];
        for (int k = 0; k < lengths.length; k++) {
            args[k] = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, lengths[k]));
        }
        return args;
    }

    /** The device's {gradX1, gradX2, gradW, gradGradOut} at {x1, x2, w, gradOut, v1, v2, vw},
     * its outputs starting as garbage. */
    private ComplexTensor[] doubleBackward(LorentzProduct tp, DType dtype, ComplexTensor[] args, int batch) {
        try (LorentzProductOp op = LorentzProductOp.on(device, tp, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer[] in = new DeviceBuffer[args.length];
            for (int k = 0; k < args.length; k++) in[k] = upload(scope, dtype, args[k].planar());
            DeviceBuffer[] out = new DeviceBuffer[4];
            for (int k = 0; k < 4; k++) out[k] = garbage(scope, dtype, 2 * args[k].length());
            op.doubleBackward(in[0], in[1], in[2], in[3], in[4], in[5], in[6], out[0], out[1], out[2], out[3], batch);
            ComplexTensor[] result = new ComplexTensor[4];
            for (int k = 0; k < 4; k++) result[k] = ComplexTensor.fromPlanar(download(out[k]));
            return result;
        }
    }
}
