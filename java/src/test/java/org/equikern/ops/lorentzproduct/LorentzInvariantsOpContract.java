package org.equikern.ops.lorentzproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.lorentz.SL2C;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LorentzInvariantsOp} against the host {@link LorentzInvariants} on the same rounded inputs
 * in both precisions, forward, backward and double backward; the backward against central
 * differences of the host forward, the double backward against central differences of the op's own
 * float64 backward; the Minkowski square t² − x² − y² − z² of 4-vectors as an exact reference; invariance
 * under random SO⁺(1,3) elements of rapidity ≤ 3; argument checks. Subclassed once per backend.
 */
public abstract class LorentzInvariantsOpContract extends ComplexOpContract {
    private static final LorentzIrreps IRREPS = LorentzIrreps.parse("2x(0,0)+3x(1,1)+1x(1,0)+2x(2,2)+1x(2,1)");
    private static final LorentzInvariants INVARIANTS = new LorentzInvariants(IRREPS);
    private static final int BATCH = 7;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void forwardMatchesTheHostInvariants(DType dtype) {
        Random random = new Random(81);
        for (int batch : new int[] {1, BATCH, 301}) {
            ComplexTensor x = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, batch * IRREPS.dim()));
            ComplexTensor expected = ComplexTensor.zeros(batch * INVARIANTS.channels());
            INVARIANTS.forward(x, expected, batch);
            assertClose(expected.planar(), forward(INVARIANTS, dtype, x, batch).planar(), INVARIANTS.channels(),
                    dtype, "invariants (batch = " + batch + ")");
        }
    }

    /** On 4-vectors in canonical components the invariant is the Minkowski square, computed directly. */
    @Test
    void fourVectorsGiveTheirMinkowskiSquare() {
        LorentzInvariants vectors = new LorentzInvariants(LorentzIrreps.parse("1x(1,1)"));
        Random random = new Random(82);
        int count = 5;
        double[] p = new double[4 * count];
        for (int i = 0; i < p.length; i++) p[i] = 10 * random.nextGaussian();
        ComplexTensor actual = forward(vectors, DType.FLOAT64, FourVectors.toCanonical(p, count), count);
        for (int i = 0; i < count; i++) {
            double t = p[4 * i], x = p[4 * i + 1], y = p[4 * i + 2], z = p[4 * i + 3];
            double square = t * t - x * x - y * y - z * z;
            assertEquals(square, actual.re()[i], 1e-12 * (t * t + x * x + y * y + z * z), "particle " + i);
            assertEquals(0, actual.im()[i], 1e-12 * (t * t + x * x + y * y + z * z), "particle " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void backwardMatchesTheHostInvariants(DType dtype) {
        Random random = new Random(83);
        ComplexTensor x = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IRREPS.dim()));
        ComplexTensor gradOut = LorentzFeatures.rounded(dtype,
                LorentzFeatures.random(random, BATCH * INVARIANTS.channels()));
        ComplexTensor expected = ComplexTensor.zeros(x.length());
        INVARIANTS.backward(x, gradOut, expected, BATCH);
        assertGradientClose(expected, backward(dtype, x, gradOut, BATCH), dtype, "gradX");
    }

    /** The device backward against central differences of Re⟨out, gradOut⟩ through the host forward. */
    @Test
    void backwardMatchesCentralDifferences() {
        Random random = new Random(84);
        int batch = 2;
        ComplexTensor x = LorentzFeatures.random(random, batch * IRREPS.dim());
        ComplexTensor gradOut = LorentzFeatures.random(random, batch * INVARIANTS.channels());
        ComplexTensor out = ComplexTensor.zeros(gradOut.length());
        ComplexTensor numeric = LorentzFeatures.gradient(x, 1e-6, v -> {
            INVARIANTS.forward(v, out, batch);
            return LorentzFeatures.pairing(out, gradOut);
        });
        double error = LorentzFeatures.relativeError(backward(DType.FLOAT64, x, gradOut, batch), numeric);
        assertTrue(error < 1e-8, "gradX: " + error);
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void doubleBackwardMatchesTheHostInvariants(DType dtype) {
        Random random = new Random(86);
        ComplexTensor[] args = doubleBackwardArguments(random, dtype, BATCH);
        ComplexTensor gradX = ComplexTensor.zeros(args[0].length());
        ComplexTensor gradGradOut = ComplexTensor.zeros(args[1].length());
        INVARIANTS.doubleBackward(args[0], args[1], args[2], gradX, gradGradOut, BATCH);
        ComplexTensor[] actual = doubleBackward(dtype, args, BATCH);
        assertGradientClose(gradX, actual[0], dtype, "gradX");
        assertGradientClose(gradGradOut, actual[1], dtype, "gradGradOut");
    }

    /**
     * The device double backward against central differences of Q = Re⟨v, gradX⟩ in x and gradOut,
     * gradX from the op's own float64 backward.
     */
    @Test
    void doubleBackwardMatchesCentralDifferences() {
        int batch = 2;
        ComplexTensor[] args = doubleBackwardArguments(new Random(87), DType.FLOAT64, batch);
        ComplexTensor[] actual = doubleBackward(DType.FLOAT64, args, batch);
        try (LorentzInvariantsOp op = LorentzInvariantsOp.on(device, INVARIANTS, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer gradX = scope.allocate(DType.FLOAT64, 2L * args[0].length());
            for (int which = 0; which < 2; which++) {
                ComplexTensor numeric = LorentzFeatures.gradient(args[which], 1e-6, ignored -> {
                    op.backward(upload(scope, DType.FLOAT64, args[0].planar()),
                            upload(scope, DType.FLOAT64, args[1].planar()), gradX, batch);
                    return LorentzFeatures.pairing(args[2], ComplexTensor.fromPlanar(download(gradX)));
                });
                double error = LorentzFeatures.relativeError(actual[which], numeric);
                assertTrue(error < 1e-8, "argument " + which + ": " + error);
            }
        }
    }

    /**
     * B(D(g)·x) = B(x) on the device for random g of rapidity ≤ 3, relative to |D(g)·x|², the size of
     * the terms that cancel.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void invariantsAreUnchangedByTheGroup(DType dtype) {
        double bound = dtype == DType.FLOAT64 ? 1e-10 : 1e-4;
        Random random = new Random(85);
        for (int trial = 0; trial < 4; trial++) {
            SL2C g = SL2C.random(random, 3.0);
            ComplexTensor x = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, BATCH * IRREPS.dim()));
            ComplexTensor moved = LorentzFeatures.rounded(dtype, LorentzFeatures.act(g, IRREPS, x, BATCH));
            ComplexTensor before = forward(INVARIANTS, dtype, x, BATCH);
            ComplexTensor after = forward(INVARIANTS, dtype, moved, BATCH);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < moved.length(); i++) scale = Math.max(scale, Math.hypot(moved.re()[i], moved.im()[i]));
            for (int c = 0; c < before.length(); c++) {
                diff = Math.max(diff, Math.hypot(before.re()[c] - after.re()[c], before.im()[c] - after.im()[c]));
            }
            double error = diff / (scale * scale);
            assertTrue(error <= bound, dtype + " trial " + trial + " rapidity " + g.rapidity() + ": " + error);
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        assertEquals("LorentzInvariantsOp: invariants must not be null",
                message(() -> LorentzInvariantsOp.on(device, null, DType.FLOAT64)));
        try (LorentzInvariantsOp op = LorentzInvariantsOp.on(device, INVARIANTS, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.allocate(DType.FLOAT64, 2 * IRREPS.dim());
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 2 * INVARIANTS.channels());
            DeviceBuffer shortBuffer = scope.allocate(DType.FLOAT64, 3);
            assertEquals("LorentzInvariantsOp.forward: x " + shortBuffer.name() + ": expected " + 2 * IRREPS.dim()
                    + " elements (2 · batch · irreps.dim), got 3", message(() -> op.forward(shortBuffer, out, 1)));
            assertEquals("LorentzInvariantsOp.backward: batch must be >= 0, got -1",
                    message(() -> op.backward(x, out, x, -1)));
            assertEquals("LorentzInvariantsOp.backward: gradX and x must be different buffers, both are " + x.name(),
                    message(() -> op.backward(x, out, x, 1)));
            DeviceBuffer out32 = scope.allocate(DType.FLOAT32, 2 * INVARIANTS.channels());
            assertEquals("LorentzInvariantsOp.forward: out " + out32.name() + " must be FLOAT64 like the op",
                    message(() -> op.forward(x, out32, 1)));
            DeviceBuffer gradX = scope.allocate(DType.FLOAT64, 2 * IRREPS.dim());
            assertEquals("LorentzInvariantsOp.doubleBackward: v " + shortBuffer.name() + ": expected "
                    + 2 * IRREPS.dim() + " elements (2 · batch · irreps.dim), got 3",
                    message(() -> op.doubleBackward(x, out, shortBuffer, gradX, out32, 1)));
            assertEquals("LorentzInvariantsOp.doubleBackward: gradX and v must be different buffers, both are "
                    + gradX.name(), message(() -> op.doubleBackward(x, out, gradX, gradX, out, 1)));
        }
    }

    private ComplexTensor forward(LorentzInvariants invariants, DType dtype, ComplexTensor x, int batch) {
        try (LorentzInvariantsOp op = LorentzInvariantsOp.on(device, invariants, dtype);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer out = garbage(scope, dtype, 2L * batch * invariants.channels());
            op.forward(upload(scope, dtype, x.planar()), out, batch);
            return ComplexTensor.fromPlanar(download(out));
        }
    }

    /** The device's gradX, which starts as garbage. */
    private ComplexTensor backward(DType dtype, ComplexTensor x, ComplexTensor gradOut, int batch) {
        try (LorentzInvariantsOp op = LorentzInvariantsOp.on(device, INVARIANTS, dtype);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer gradX = garbage(scope, dtype, 2L * x.length());
            op.backward(upload(scope, dtype, x.planar()), upload(scope, dtype, gradOut.planar()), gradX, batch);
            return ComplexTensor.fromPlanar(download(gradX));
        }
    }

    /** {x, gradOut, v} with random entries, rounded to {@code dtype}. */
    private static ComplexTensor[] doubleBackwardArguments(Random random, DType dtype, int batch) {
        int[] lengths = {batch * IRREPS.dim(), batch * INVARIANTS.channels(), batch * IRREPS.dim()};
        ComplexTensor[] args = new ComplexTensor[lengths.length];
        for (int k = 0; k < args.length; k++) {
            args[k] = LorentzFeatures.rounded(dtype, LorentzFeatures.random(random, lengths[k]));
        }
        return args;
    }

    /** The device's {gradX, gradGradOut} at {x, gradOut, v}, its outputs starting as garbage. */
    private ComplexTensor[] doubleBackward(DType dtype, ComplexTensor[] args, int batch) {
        try (LorentzInvariantsOp op = LorentzInvariantsOp.on(device, INVARIANTS, dtype);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer gradX = garbage(scope, dtype, 2L * args[0].length());
            DeviceBuffer gradGradOut = garbage(scope, dtype, 2L * args[1].length());
            op.doubleBackward(upload(scope, dtype, args[0].planar()), upload(scope, dtype, args[1].planar()),
                    upload(scope, dtype, args[2].planar()), gradX, gradGradOut, batch);
            return new ComplexTensor[] {ComplexTensor.fromPlanar(download(gradX)),
                ComplexTensor.fromPlanar(download(gradGradOut))};
        }
    }
}
