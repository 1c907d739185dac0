package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceTestBase;
import org.equikern.device.MemoryScope;
import org.equikern.device.Transfers;
import org.equikern.model.DevicePotentialContract.Case;
import org.equikern.train.Parameter;
import org.equikern.train.Potential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DevicePotential#evaluateForTraining}: the flat parameter gradient of the loss
 * {@code L = gradE·E + gradF·F} for random seeds, against the host model's gradient (whose gradients agree with
 * e3nn to 1e-10 and with central differences) and against central differences of L evaluated on the device
 * along a random direction within each parameter, for the tiny seeded NequIP (l_max 1) and MACE (ν = 2) on
 * {@link NequipFixtures#batch()}. Subclassed once per backend.
 */
public abstract class DeviceTrainingContract extends DeviceTestBase {
    /** FLOAT64 against the host: 1e-10 of the largest gradient entry (measured: at most 7e-15). */
    private static final double F64_TOLERANCE = 1e-10;
    /**
     * FLOAT32 against the host: every op runs in float through the forward pass, the reverse pass and both
     * tangent passes; measured at most 3.5e-6 of the largest entry (MACE on PoCL), 4e-7 on the java device,
     * which rounds each op's double result once.
     */
    private static final double F32_TOLERANCE = 2e-5;
    /** The step of the central differences along a unit direction. */
    private static final double H = 1e-5;
    /** Central differences with step 1e-5: truncation about H² and round-off about 1e-16 / H of L's size. */
    private static final double FD_TOLERANCE = 1e-7;

    @ParameterizedTest
    @EnumSource(value = Case.class, names = {"NEQUIP_L1", "MACE_NU2"})
    void float64GradientEqualsTheHostModels(Case c) {
        assertGradientMatchesHost(c, DType.FLOAT64, F64_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(value = Case.class, names = {"NEQUIP_L1", "MACE_NU2"})
    void float32GradientIsWithinItsTolerance(Case c) {
        assertGradientMatchesHost(c, DType.FLOAT32, F32_TOLERANCE);
    }

    private void assertGradientMatchesHost(Case c, DType dtype, double tolerance) {
        Potential model = c.model();
        AtomicBatch batch = c.batch();
        Seeds seeds = Seeds.random(batch, 5);
        model.parameters().zeroGrad();
        model.evaluate(batch).backward(seeds.energies(), seeds.forces());
        int live = device.liveBufferCount();
        try (DevicePotential potential = DevicePotential.of(model, device, dtype)) {
            try (DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
                evaluation.backward(seeds.energies(), seeds.forces());
            }
            assertClose(hostGradient(model), DeviceCall.download(potential.parameters().gradients()), tolerance,
                    "gradient of " + c);
        }
        assertEquals(live, device.liveBufferCount(), () -> "left on the device: " + device.liveBufferNames());
    }

    @ParameterizedTest
    @EnumSource(value = Case.class, names = {"NEQUIP_L1", "MACE_NU2"})
    void float64GradientMatchesCentralDifferencesOfTheDeviceLoss(Case c) {
        Potential model = c.model();
        AtomicBatch batch = c.batch();
        Seeds seeds = Seeds.random(batch, 6);
        SplittableRandom random = new SplittableRandom(7);
        try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64)) {
            DeviceParameters parameters = potential.parameters();
            try (DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
                evaluation.backward(seeds.energies(), seeds.forces());
            }
            double[] gradient = DeviceCall.download(parameters.gradients());
            double[] values = DeviceCall.download(parameters.values());
            for (Parameter p : model.parameters()) {
                int offset = parameters.offset(p.name());
                double[] direction = unitDirection(random, values.length, offset, p.size());
                double expected = 0;
                for (int i = 0; i < values.length; i++) expected += gradient[i] * direction[i];
                double plus = seeds.loss(potential, batch, moved(values, direction, H));
                double minus = seeds.loss(potential, batch, moved(values, direction, -H));
                double scale = Math.max(Math.abs(expected), Math.abs(plus));
                assertEquals(expected, (plus - minus) / (2 * H), FD_TOLERANCE * scale, p.name());
            }
        }
    }

    /**
     * Issue item 7, device residency: a training step (upload the batch, forward, reverse pass for the forces,
     * tangent passes, gradient accumulation) uploads the batch and the backward's two seeds (with each atom's
     * structure index) only, and
     * downloads the energies, atom energies and forces only; the parameters are not uploaded again and their
     * gradient stays on the device. The first step may also upload constant op tables built on an op's first
     * call in a precision; from the second on the counts are exact.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void aTrainingStepTransfersTheBatchAndSeedsInAndThePredictionsOut(DType dtype) {
        for (Case c : new Case[] {Case.NEQUIP_L1, Case.MACE_NU2}) {
            AtomicBatch batch = c.batch();
            Seeds seeds = Seeds.random(batch, 9);
            Transfers expected = ExpectedTransfers.trainingStep(batch, dtype);
            try (DevicePotential potential = DevicePotential.of(c.model(), device, dtype)) {
                for (int step = 1; step <= 3; step++) {
                    Transfers before = device.transfers();
                    try (DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
                        evaluation.backward(seeds.energies(), seeds.forces());
                    }
                    Transfers counted = device.transfers().since(before);
                    if (step == 1) {
                        assertEquals(expected.downloads(), counted.downloads(), c + ": downloads of the first step");
                        assertEquals(expected.downloadedBytes(), counted.downloadedBytes(), c + ": first step");
                        assertTrue(counted.uploadedBytes() >= expected.uploadedBytes(), c + ": first step's uploads");
                    } else {
                        assertEquals(expected, counted, c + ": step " + step);
                    }
                }
            }
        }
    }

    /**
     * The flat values are the truth: after an update of {@link DeviceParameters#values()} on the device (as an
     * optimizer makes it), an evaluation equals the host model holding the same values.
     */
    @ParameterizedTest
    @EnumSource(value = Case.class, names = {"NEQUIP_L1", "MACE_NU2"})
    void anEvaluationReadsTheUpdatedFlatValues(Case c) {
        Potential model = c.model();
        AtomicBatch batch = c.batch();
        try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64)) {
            double[] values = DeviceCall.download(potential.parameters().values());
            SplittableRandom random = new SplittableRandom(10);
            for (int i = 0; i < values.length; i++) values[i] += 0.05 * random.nextDouble(-1, 1);
            potential.parameters().values().copyFrom(values);
            int offset = 0;
            for (Parameter p : model.parameters()) {
                System.arraycopy(values, offset, p.values(), 0, p.size());
                offset += p.size();
            }
            var host = model.evaluate(batch);
            var onDevice = potential.evaluate(batch);
            assertClose(host.energies(), onDevice.energies(), F64_TOLERANCE, c + " energies");
            assertClose(host.forces(), onDevice.forces(), F64_TOLERANCE, c + " forces");
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void flatValuesCopyToAndFromHostParameters(DType dtype) {
        Potential model = Case.MACE_NU2.model();
        Potential other = MaceModel.create(MaceFixtures.config(2), 99);
        try (DevicePotential potential = DevicePotential.of(model, device, dtype)) {
            DeviceParameters parameters = potential.parameters();
            parameters.copyFrom(other.parameters());
            Potential copy = MaceModel.create(MaceFixtures.config(2), 5);
            parameters.copyTo(copy.parameters());
            double tolerance = dtype == DType.FLOAT64 ? 0 : 1e-7;
            for (Parameter p : other.parameters()) {
                double[] expected = p.values();
                double[] actual = copy.parameters().get(p.name()).values();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], actual[i], tolerance * Math.max(1, Math.abs(expected[i])), p.name());
                }
            }
            Potential nequip = Case.NEQUIP_L1.model();
            String message = assertThrows(IllegalArgumentException.class,
                    () -> parameters.copyTo(nequip.parameters())).getMessage();
            assertTrue(message.startsWith("DeviceParameters.copyTo: "), message);
        }
    }

    @Test
    void seedsOnTheDeviceGiveTheSameGradient() {
        Potential model = Case.MACE_NU2.model();
        AtomicBatch batch = Case.MACE_NU2.batch();
        Seeds seeds = Seeds.random(batch, 11);
        try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceParameters parameters = potential.parameters();
            try (DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
                evaluation.backward(seeds.energies(), seeds.forces());
            }
            double[] fromHostSeeds = DeviceCall.download(parameters.gradients());
            parameters.zeroGradients();
            try (DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
                DeviceBuffer gradEnergies = scope.upload(seeds.energies());
                DeviceBuffer gradForces = scope.upload(seeds.forces());
                Transfers before = device.transfers();
                evaluation.backward(gradEnergies, gradForces);
                Transfers counted = device.transfers().since(before);
                assertEquals(new Transfers(1, 4L * batch.atomCount(), 0, 0), counted, "the structure index only");
                String message = assertThrows(IllegalArgumentException.class,
                        () -> evaluation.backward(gradForces, gradForces)).getMessage();
                assertEquals("DeviceTrainingEvaluation.backward: gradEnergies must be FLOAT64["
                        + batch.structureCount() + "], got " + gradForces.name(), message);
            }
            assertClose(fromHostSeeds, DeviceCall.download(parameters.gradients()), F64_TOLERANCE, "gradient");
        }
    }

    @Test
    void gradientsAddUpUntilZeroed() {
        Potential model = Case.NEQUIP_L1.model();
        AtomicBatch batch = Case.NEQUIP_L1.batch();
        Seeds seeds = Seeds.random(batch, 8);
        try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64)) {
            DeviceParameters parameters = potential.parameters();
            assertEquals(model.parameters().elementCount(), parameters.count());
            try (DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
                evaluation.backward(seeds.energies(), seeds.forces());
            }
            double[] once = DeviceCall.download(parameters.gradients());
            try (DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
                evaluation.backward(seeds.energies(), seeds.forces());
            }
            double[] twice = DeviceCall.download(parameters.gradients());
            for (int i = 0; i < once.length; i++) once[i] *= 2;
            assertClose(once, twice, F64_TOLERANCE, "two backward passes");
            parameters.zeroGradients();
            for (double g : DeviceCall.download(parameters.gradients())) assertEquals(0.0, g);
        }
    }

    @Test
    void refusesBadSeedsAClosedEvaluationAndUnknownNames() {
        Potential model = Case.NEQUIP_L1.model();
        AtomicBatch batch = Case.NEQUIP_L1.batch();
        try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64)) {
            DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch);
            double[] gradEnergies = new double[batch.structureCount()];
            assertEquals("backward: gradForces must hold " + 3 * batch.atomCount() + " values, got 2",
                    assertThrows(IllegalArgumentException.class,
                            () -> evaluation.backward(gradEnergies, new double[2])).getMessage());
            evaluation.close();
            assertThrows(IllegalStateException.class,
                    () -> evaluation.backward(gradEnergies, new double[3 * batch.atomCount()]));
            String message = assertThrows(IllegalArgumentException.class,
                    () -> potential.parameters().offset("nope")).getMessage();
            assertTrue(message.startsWith("DeviceParameters.offset: no parameter 'nope'; known: [embedding.weight"),
                    message);
            assertThrows(IllegalArgumentException.class, () -> potential.evaluateForTraining(null));
        }
    }

    /** The host model's gradients, parameter after parameter. */
    private static double[] hostGradient(Potential model) {
        double[] flat = new double[Math.toIntExact(model.parameters().elementCount())];
        int offset = 0;
        for (Parameter p : model.parameters()) {
            System.arraycopy(p.grad(), 0, flat, offset, p.size());
            offset += p.size();
        }
        return flat;
    }

    /** A random unit vector of {@code length} elements, zero outside {@code [offset, offset + size)}. */
    private static double[] unitDirection(SplittableRandom random, int length, int offset, int size) {
        double[] direction = new double[length];
        double norm = 0;
        for (int i = offset; i < offset + size; i++) {
            direction[i] = random.nextDouble(-1, 1);
            norm += direction[i] * direction[i];
        }
        for (int i = offset; i < offset + size; i++) direction[i] /= Math.sqrt(norm);
        return direction;
    }

    private static double[] moved(double[] values, double[] direction, double step) {
        double[] out = values.clone();
        for (int i = 0; i < out.length; i++) out[i] += step * direction[i];
        return out;
    }

    /** The seeds of the loss {@code L = energies·E + forces·F}. */
    private record Seeds(double[] energies, double[] forces) {
        static Seeds random(AtomicBatch batch, long seed) {
            SplittableRandom random = new SplittableRandom(seed);
            return new Seeds(random.doubles(batch.structureCount(), -1, 1).toArray(),
                    random.doubles(3L * batch.atomCount(), -1, 1).toArray());
        }

        /** L on the device with the flat parameter values {@code values} uploaded first. */
        double loss(DevicePotential potential, AtomicBatch batch, double[] values) {
            potential.parameters().values().copyFrom(values);
            var evaluation = potential.evaluate(batch);
            double sum = 0;
            double[] e = evaluation.energies();
            double[] f = evaluation.forces();
            for (int k = 0; k < e.length; k++) sum += energies[k] * e[k];
            for (int i = 0; i < f.length; i++) sum += forces[i] * f[i];
            return sum;
        }
    }

    /** |actual − expected| ≤ tolerance · max|expected|, element by element. */
    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double largest = 0;
        for (double e : expected) largest = Math.max(largest, Math.abs(e));
        assertTrue(largest > 0, what + " is all zero");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            int index = i;
            double scale = largest;
            assertTrue(err <= tolerance * scale, () -> what + "[" + index + "]: host " + expected[index] + ", device "
                    + actual[index] + " (error " + err / scale + " of the largest entry)");
        }
    }
}
