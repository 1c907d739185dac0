package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.device.DType;
import org.equikern.device.DeviceTestBase;
import org.equikern.device.Transfers;
import org.equikern.model.DevicePotentialContract.Case;
import org.equikern.train.Adam;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.EnergyForceMetrics;
import org.equikern.train.ExponentialMovingAverage;
import org.equikern.train.GradientClipping;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;
import org.equikern.train.Potential;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DeviceTrainingStep}: k steps on the device equal the host's k steps (the loop of {@code train.Trainer}:
 * host loss, backward, {@link GradientClipping}, {@link Adam}/AdamW, {@link ExponentialMovingAverage}, a learning
 * rate changed every step) to {@value #F64_RELATIVE} relative in FLOAT64, for the tiny seeded NequIP and MACE on
 * {@link NequipFixtures#batch()} with random reference labels; and one step's host transfers are the batch in
 * and one buffer of scalars out. Subclassed once per backend.
 */
public abstract class DeviceTrainingStepContract extends DeviceTestBase {
    private static final double F64_RELATIVE = 1e-9;
    private static final int STEPS = 4;
    /** Tight enough that the first steps clip (the tiny models' gradient norms are above it). */
    private static final double MAX_NORM = 1e-3;
    private static final double EMA_DECAY = 0.99;

    @ParameterizedTest
    @EnumSource(value = Case.class, names = {"NEQUIP_L1", "MACE_NU2"})
    void stepsEqualTheHostTrainingLoop(Case c) {
        AtomicBatch batch = labelled(c.batch(), 21);
        EnergyForceLoss loss = EnergyForceLoss.huber(1.0, 10.0, 0.3);
        Adam.Options options = Adam.Options.adamW().learningRate(0.02).weightDecay(0.01).amsgrad(true);
        Potential model = c.model();
        Parameters hostParameters = model.parameters();
        try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64);
                DeviceOptimizer optimizer = DeviceOptimizer.adamW(device, DType.FLOAT64, options,
                        potential.parameters().count());
                DeviceEma ema = new DeviceEma(potential.parameters().values(), EMA_DECAY, true);
                DeviceTrainingStep step = new DeviceTrainingStep(potential, optimizer, ema, loss, MAX_NORM)) {
            Adam host = new org.equikern.train.AdamW(hostParameters, options);
            ExponentialMovingAverage hostEma = new ExponentialMovingAverage(hostParameters, EMA_DECAY, true);
            for (int k = 1; k <= STEPS; k++) {
                double lr = 0.02 / k;
                host.setLearningRate(lr);
                optimizer.setLearningRate(lr);
                EnergyForceMetrics hostMetrics = new EnergyForceMetrics();
                HostStep hostStep = hostStep(model, batch, loss, host, hostEma, hostMetrics);
                if (k == 1) assertTrue(hostStep.gradNorm() > MAX_NORM, c + ": the first step clips");
                DeviceTrainingStep.Result result = step.step(batch);
                EnergyForceMetrics deviceMetrics = new EnergyForceMetrics();
                result.addTo(deviceMetrics);
                String what = c + " step " + k;
                assertRelative(new double[] {hostStep.loss(), hostMetrics.energyMaePerAtom(), hostMetrics.forcesRmse()},
                        new double[] {result.loss(), deviceMetrics.energyMaePerAtom(), deviceMetrics.forcesRmse()},
                        what + ": loss and metrics");
                assertRelative(flat(hostParameters, p -> p.values()),
                        DeviceCall.download(potential.parameters().values()), what + ": parameters");
                assertRelative(flat(hostParameters, p -> hostEma.average(p.name())), DeviceCall.download(ema.shadow()),
                        what + ": moving average");
            }
        }
    }

    /** The loss before a host step and the gradient norm before clipping. */
    private record HostStep(double loss, double gradNorm) {
    }

    /** The host's step as {@code Trainer.step} takes it. */
    private static HostStep hostStep(Potential model, AtomicBatch batch, EnergyForceLoss loss, Adam optimizer,
            ExponentialMovingAverage ema, EnergyForceMetrics metrics) {
        model.parameters().zeroGrad();
        var evaluation = model.evaluate(batch);
        double[] energies = evaluation.energies();
        double[] forces = evaluation.forces();
        metrics.add(batch.atomsPerStructure(), energies, batch.energies(), forces, batch.forces());
        EnergyForceLoss.Result result = loss.evaluate(batch.atomsPerStructure(), energies, batch.energies(), forces,
                batch.forces());
        evaluation.backward(result.gradEnergy(), result.gradForces());
        double norm = GradientClipping.clipByNorm(model.parameters(), MAX_NORM);
        optimizer.step();
        ema.update();
        return new HostStep(result.value(), norm);
    }

    /**
     * Issue item 7, device residency of a whole step: the batch in (the evaluation's 11 uploads, then the atom
     * counts, reference energies and reference forces for the loss, and the atoms' structure indices for the
     * backward's energy seed: 15 uploads) and the {@link org.equikern.ops.loss.EnergyForceLossOp#SUMS} scalars
     * out (1 download). Parameters, gradients, predictions, loss gradients, optimizer moments and the moving
     * average cross nothing. The first step may also upload the constant tables an op builds on its first call;
     * from the second on the counts are exact.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void aStepUploadsTheBatchAndDownloadsOnlyTheScalars(DType dtype) {
        for (Case c : new Case[] {Case.NEQUIP_L1, Case.MACE_NU2}) {
            AtomicBatch batch = labelled(c.batch(), 22);
            Transfers expected = expectedStep(batch, dtype);
            try (DevicePotential potential = DevicePotential.of(c.model(), device, dtype);
                    DeviceOptimizer optimizer = DeviceOptimizer.adam(device, dtype, Adam.Options.adam(),
                            potential.parameters().count());
                    DeviceEma ema = new DeviceEma(potential.parameters().values(), EMA_DECAY, false);
                    DeviceTrainingStep step = new DeviceTrainingStep(potential, optimizer, ema,
                            EnergyForceLoss.mse(1, 1), MAX_NORM)) {
                for (int k = 1; k <= 3; k++) {
                    Transfers before = device.transfers();
                    step.step(batch);
                    Transfers counted = device.transfers().since(before);
                    if (k == 1) {
                        assertEquals(expected.downloads(), counted.downloads(), c + ": downloads of the first step");
                        assertEquals(expected.downloadedBytes(), counted.downloadedBytes(), c + ": first step");
                    } else {
                        assertEquals(expected, counted, c + ": step " + k);
                    }
                }
            }
        }
    }

    private static Transfers expectedStep(AtomicBatch batch, DType dtype) {
        Transfers evaluation = ExpectedTransfers.evaluation(batch, dtype);
        long int32 = DType.INT32.bytes();
        long real = dtype.bytes();
        int structures = batch.structureCount();
        int atoms = batch.atomCount();
        long labels = int32 * structures + real * structures + real * 3L * atoms + int32 * atoms;
        return new Transfers(evaluation.uploads() + 4, evaluation.uploadedBytes() + labels, 1,
                real * org.equikern.ops.loss.EnergyForceLossOp.SUMS);
    }

    /** The batch's structures with seeded reference energies and forces of a plausible size. */
    private static AtomicBatch labelled(AtomicBatch batch, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Structure> out = new ArrayList<>();
        for (Structure s : batch.structures()) {
            double[] forces = new double[3 * s.atoms()];
            for (int i = 0; i < forces.length; i++) forces[i] = random.nextDouble(-1, 1);
            out.add(s.toBuilder().energy(random.nextDouble(-2, 2) * s.atoms()).forces(forces).build());
        }
        return AtomicBatch.of(out, NequipFixtures.R_MAX);
    }

    private static double[] flat(Parameters parameters, java.util.function.Function<Parameter, double[]> values) {
        double[] out = new double[Math.toIntExact(parameters.elementCount())];
        int offset = 0;
        for (Parameter p : parameters) {
            System.arraycopy(values.apply(p), 0, out, offset, p.size());
            offset += p.size();
        }
        return out;
    }

    /** |actual − expected| ≤ 1e-9 · max(|expected|, 1e-6 of the largest |expected|), element by element. */
    private static void assertRelative(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double largest = 0;
        for (double v : expected) largest = Math.max(largest, Math.abs(v));
        for (int i = 0; i < expected.length; i++) {
            double bound = F64_RELATIVE * Math.max(Math.abs(expected[i]), 1e-6 * largest);
            assertTrue(Math.abs(actual[i] - expected[i]) <= bound,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }
}
