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
 * {@link ComplexLinearOp} against the host {@link ComplexLinear} (itself checked against an explicit
 * complex matrix product in {@code ComplexLinearTest}) on the same rounded inputs in both
 * precisions, forward and backward; the backward also against central differences of the host
 * forward, and the double backward against central differences of the host backward (float32
 * against float64); Lorentz equivariance of the mixing for random SO⁺(1,3) elements of rapidity
 * ≤ 3; argument checks. Subclassed once per backend.
 */
public abstract class ComplexLinearOpContract extends ComplexOpContract {
    /** (1,0) has no partner in OUT and (2,2) none in IN: the first is dropped, the second stays 0. */
    private static final LorentzIrreps IN = LorentzIrreps.parse("2x(0,0)+3x(1,1)+1x(1,0)");
    private static final LorentzIrreps OUT = LorentzIrreps.parse("3x(0,0)+2x(1,1)+1x(2,2)");
    private static final ComplexLinear LINEAR = new ComplexLinear(IN, OUT);
    private static final int BATCH = 7;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void forwardMatchesTheHostMixing(DType dtype) {
        Random random = new Random(71);
        ComplexTensor w = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, LINEAR.weightLength()));
        for (int batch : new int[] {1, BATCH, 301}) {
            ComplexTensor x = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, batch * IN.dim()));
            ComplexTensor expected = ComplexTensor.zeros(batch * OUT.dim());
            LINEAR.forward(x, w, expected, batch);
            assertClose(expected.planar(), forward(dtype, x, w, batch).planar(), OUT.dim(), dtype,
                    "out (batch = " + batch + ")");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void backwardMatchesTheHostMixing(DType dtype) {
        Random random = new Random(72);
        ComplexTensor x = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IN.dim()));
        ComplexTensor w = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, LINEAR.weightLength()));
        ComplexTensor gradOut = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * OUT.dim()));
        ComplexTensor gradX = ComplexTensor.zeros(x.length());
        ComplexTensor gradW = ComplexTensor.zeros(w.length());
        LINEAR.backward(x, w, gradOut, gradX, gradW, BATCH);
        ComplexTensor[] actual = backward(dtype, x, w, gradOut, BATCH);
        assertGradientClose(gradX, actual[0], dtype, "gradX");
        assertGradientClose(gradW, actual[1], dtype, "gradW");
    }

    /** The device backward against central differences of Re⟨out, gradOut⟩ through the host forward. */
    @Test
    void backwardMatchesCentralDifferences() {
        Random random = new Random(73);
        int batch = 2;
        ComplexTensor x = LorentzFeatures.random(random, batch * IN.dim());
        ComplexTensor w = LorentzFeatures.random(random, LINEAR.weightLength());
        ComplexTensor gradOut = LorentzFeatures.random(random, batch * OUT.dim());
        ComplexTensor[] actual = backward(DType.FLOAT64, x, w, gradOut, batch);
        ComplexTensor out = ComplexTensor.zeros(gradOut.length());
        assertTrue(LorentzFeatures.relativeError(actual[0], LorentzFeatures.gradient(x, 1e-6, v -> {
            LINEAR.forward(v, w, out, batch);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8, "gradX");
        assertTrue(LorentzFeatures.relativeError(actual[1], LorentzFeatures.gradient(w, 1e-6, v -> {
            LINEAR.forward(x, v, out, batch);
            return LorentzFeatures.pairing(out, gradOut);
        })) < 1e-8, "gradW");
    }

    /**
     * The device double backward against central differences of Q = Re⟨vx, gradX⟩ + Re⟨vw, gradW⟩
     * through the host backward, in x, w and gradOut.
     */
    @Test
    void doubleBackwardMatchesCentralDifferences() {
        Random random = new Random(75);
        int batch = 2;
        ComplexTensor[] args = {LorentzFeatures.random(random, batch * IN.dim()),
            LorentzFeatures.random(random, LINEAR.weightLength()), LorentzFeatures.random(random, batch * OUT.dim()),
            LorentzFeatures.random(random, batch * IN.dim()), LorentzFeatures.random(random, LINEAR.weightLength())};
        ComplexTensor[] actual = doubleBackward(DType.FLOAT64, args, batch);
        for (int which = 0; which < 3; which++) {
            ComplexTensor numeric = LorentzFeatures.gradient(args[which], 1e-6, v -> {
                ComplexTensor gradX = ComplexTensor.zeros(args[0].length());
                ComplexTensor gradW = ComplexTensor.zeros(args[1].length());
                LINEAR.backward(args[0], args[1], args[2], gradX, gradW, batch);
                return LorentzFeatures.pairing(args[3], gradX) + LorentzFeatures.pairing(args[4], gradW);
            });
            double error = LorentzFeatures.relativeError(actual[which], numeric);
            assertTrue(error < 1e-8, "argument " + which + ": " + error);
        }
    }

    /** Float32 against the float64 device result on the same rounded arguments. */
    @Test
    void doubleBackwardInFloat32MatchesFloat64() {
        Random random = new Random(76);
        ComplexTensor[] args = {LorentzFeatures.random(random, BATCH * IN.dim()),
            LorentzFeatures.random(random, LINEAR.weightLength()), LorentzFeatures.random(random, BATCH * OUT.dim()),
            LorentzFeatures.random(random, BATCH * IN.dim()), LorentzFeatures.random(random, LINEAR.weightLength())};
        for (int k = 0; k < args.length; k++) args[k] = LorentzFeatures.rounded(DType.FLOAT32, args[k]);
        ComplexTensor[] expected = doubleBackward(DType.FLOAT64, args, BATCH);
        ComplexTensor[] actual = doubleBackward(DType.FLOAT32, args, BATCH);
        String[] names = {"gradX", "gradW", "gradGradOut"};
        for (int k = 0; k < 3; k++) assertGradientClose(expected[k], actual[k], DType.FLOAT32, names[k]);
    }

    /** D(g)·(W·x) = W·(D(g)·x) on the device, for random g of rapidity ≤ 3. */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void mixingIsLorentzEquivariant(DType dtype) {
        double bound = dtype == DType.FLOAT64 ? 1e-10 : 1e-4;
        Random random = new Random(74);
        ComplexTensor w = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, LINEAR.weightLength()));
        for (int trial = 0; trial < 4; trial++) {
            SL2C g = SL2C.random(random, 3.0);
            ComplexTensor x = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IN.dim()));
            ComplexTensor moved = LorentzFeatures.rounded(dtype, LorentzFeatures.act(g, IN, x, BATCH));
            ComplexTensor expected = LorentzFeatures.act(g, OUT, forward(dtype, x, w, BATCH), BATCH);
            double error = LorentzFeatures.relativeError(forward(dtype, moved, w, BATCH), expected);
            assertTrue(error <= bound, dtype + " trial " + trial + " rapidity " + g.rapidity() + ": " + error);
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        assertEquals("ComplexLinearOp.on: linear must not be null",
                message(() -> ComplexLinearOp.on(device, null, DType.FLOAT64)));
        try (ComplexLinearOp op = ComplexLinearOp.on(device, LINEAR, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 2 * IN.dim());
            DeviceBuffer w = scope.allocate(DType.FLOAT64, 2 * LINEAR.weightLength());
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2 * OUT.dim());
            DeviceBuffer shortBuffer = scope.allocate(DType.FLOAT64, 3);
            assertEquals("ComplexLinearOp.forward: out " + shortBuffer.name() + ": expected " + 2 * OUT.dim()
                    + " elements (2 · batch · irrepsOut.dim), got 3",
                    message(() -> op.forward(x, w, shortBuffer, 1)));
            assertEquals("ComplexLinearOp.forward: batch must be >= 0, got -1",
                    message(() -> op.forward(x, w, out, -1)));
            DeviceBuffer gradW = scope.allocate(DType.FLOAT64, 2 * LINEAR.weightLength());
            assertEquals("ComplexLinearOp.backward: gradX and x must be different buffers, both are " + x.name(),
                    message(() -> op.backward(x, w, out, x, gradW, 1)));
            DeviceBuffer w32 = scope.allocate(DType.FLOAT32, 2 * LINEAR.weightLength());
            assertEquals("ComplexLinearOp.forward: w " + w32.name() + " must be FLOAT64 like the op",
                    message(() -> op.forward(x, w32, out, 1)));
        }
    }

    @Test
    void anEmptyBatchZeroesTheWeightGradient() {
        try (ComplexLinearOp op = ComplexLinearOp.on(device, LINEAR, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer gradW = garbage(scope, DType.FLOAT64, 2 * LINEAR.weightLength());
            op.backward(scope.allocate(DType.FLOAT64, 0), garbage(scope, DType.FLOAT64, 2 * LINEAR.weightLength()),
                    scope.allocate(DType.FLOAT64, 0), scope.allocate(DType.FLOAT64, 0), gradW, 0);
            assertTrue(Arrays.stream(download(gradW)).allMatch(v -> v == 0), "gradW is 0");
        }
    }

    /** The device's {gradX, gradW, gradGradOut} at {x, w, gradOut, vx, vw}; each output starts as garbage. */
    private ComplexTensor[] doubleBackward(DType dtype, ComplexTensor[] args, int batch) {
        try (ComplexLinearOp op = ComplexLinearOp.on(device, LINEAR, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer[] in = new DeviceBuffer[args.length];
            for (int k = 0; k < args.length; k++) in[k] = upload(scope, dtype, args[k].planar());
            DeviceBuffer[] out = new DeviceBuffer[3];
            for (int k = 0; k < 3; k++) out[k] = garbage(scope, dtype, 2L * args[k].length());
            op.doubleBackward(in[0], in[1], in[2], in[3], in[4], out[0], out[1], out[2], batch);
            ComplexTensor[] result = new ComplexTensor[3];
            for (int k = 0; k < 3; k++) result[k] = ComplexTensor.fromPlanar(download(out[k]));
            return result;
        }
    }

    private ComplexTensor forward(DType dtype, ComplexTensor x, ComplexTensor w, int batch) {
        try (ComplexLinearOp op = ComplexLinearOp.on(device, LINEAR, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer out = garbage(scope, dtype, 2L * batch * OUT.dim());
            op.forward(upload(scope, dtype, x.planar()), upload(scope, dtype, w.planar()), out, batch);
            return ComplexTensor.fromPlanar(download(out));
        }
    }

    /** The device's {gradX, gradW}; each output starts as garbage. */
    private ComplexTensor[] backward(DType dtype, ComplexTensor x, ComplexTensor w, ComplexTensor gradOut,
            int batch) {
        try (ComplexLinearOp op = ComplexLinearOp.on(device, LINEAR, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer gradX = garbage(scope, dtype, 2L * x.length());
            DeviceBuffer gradW = garbage(scope, dtype, 2L * w.length());
            op.backward(upload(scope, dtype, x.planar()), upload(scope, dtype, w.planar()),
                    upload(scope, dtype, gradOut.planar()), gradX, gradW, batch);
            return new ComplexTensor[] {ComplexTensor.fromPlanar(download(gradX)),
                ComplexTensor.fromPlanar(download(gradW))};
        }
    }
}
