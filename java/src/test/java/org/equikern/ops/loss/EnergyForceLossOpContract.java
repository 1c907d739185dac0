package org.equikern.ops.loss;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.testing.JsonObject;
import org.equikern.testing.ReferenceFiles;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.EnergyForceMetrics;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link EnergyForceLossOp} against PyTorch's autograd on {@code test-data/train/torch_optim.ref.txt}'s loss
 * problem (MSE and Huber, several weights) and against the host {@code EnergyForceLoss} and
 * {@code EnergyForceMetrics} on random batches, up to past one reduction slice (1024 components): FLOAT64
 * within {@value #F64} relative, FLOAT32 within {@value #F32} (float rounding of inputs and sums).
 * Subclassed once per backend.
 */
public abstract class EnergyForceLossOpContract extends OpContract {
    private static final double F64 = 1e-12;
    private static final double F32 = 1e-5;
    /** (structures, atoms per structure at most): one structure, a small batch, one past a reduction slice. */
    private static final int[][] SHAPES = {{1, 1}, {4, 6}, {90, 30}};

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void lossGradientsAndMetricsMatchPyTorch(DType dtype) {
        JsonObject reference = JsonObject.parse(ReferenceFiles.text("train", "torch_optim.ref.txt"), "torch_optim");
        JsonObject problem = reference.object("loss").object("problem");
        Batch batch = new Batch(problem.ints("num_atoms"), problem.doubles("pred_energy"),
                problem.doubles("ref_energy"), problem.doubles("pred_forces"), problem.doubles("ref_forces"));
        for (JsonObject c : reference.object("loss").objects("cases")) {
            double delta = c.has("huber_delta") ? c.number("huber_delta") : Double.NaN;
            Output out = run(dtype, new LossSettings(c.number("energy_weight"), c.number("forces_weight"), delta),
                    batch);
            assertRelative(new double[] {c.number("value")}, new double[] {out.sums[EnergyForceLossOp.LOSS]}, dtype,
                    c.path() + ".value");
            assertRelative(c.doubles("grad_energy"), out.gradEnergy, dtype, c.path() + ".grad_energy");
            assertRelative(c.doubles("grad_forces"), out.gradForces, dtype, c.path() + ".grad_forces");
        }
        JsonObject metrics = reference.object("metrics");
        EnergyForceMetrics m = run(dtype, new LossSettings(1, 1, Double.NaN), batch).metrics(batch);
        assertRelative(new double[] {metrics.number("energy_mae_per_atom"), metrics.number("energy_rmse_per_atom"),
            metrics.number("forces_mae"), metrics.number("forces_rmse")},
                new double[] {m.energyMaePerAtom(), m.energyRmsePerAtom(), m.forcesMae(), m.forcesRmse()}, dtype,
                "metrics");
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void equalsTheHostLossAndMetricsOnRandomBatches(DType dtype) {
        SplittableRandom random = new SplittableRandom(11);
        for (int[] shape : SHAPES) {
            Batch batch = Batch.random(random, shape[0], shape[1], dtype);
            for (EnergyForceLoss host : new EnergyForceLoss[] {EnergyForceLoss.mse(1.5, 20),
                EnergyForceLoss.huber(0.5, 3, 0.4)}) {
                String what = "S = " + shape[0] + ", delta " + host.huberDelta();
                EnergyForceLoss.Result expected = host.evaluate(batch.numAtoms, batch.predEnergy, batch.refEnergy,
                        batch.predForces, batch.refForces);
                Output out = run(dtype, new LossSettings(host.energyWeight(), host.forcesWeight(), host.huberDelta()),
                        batch);
                assertRelative(new double[] {expected.value()}, new double[] {out.sums[EnergyForceLossOp.LOSS]},
                        dtype, what + ": loss");
                assertRelative(expected.gradEnergy(), out.gradEnergy, dtype, what + ": gradEnergy");
                assertRelative(expected.gradForces(), out.gradForces, dtype, what + ": gradForces");
                EnergyForceMetrics hostMetrics = new EnergyForceMetrics();
                hostMetrics.add(batch.numAtoms, batch.predEnergy, batch.refEnergy, batch.predForces, batch.refForces);
                EnergyForceMetrics deviceMetrics = out.metrics(batch);
                assertRelative(new double[] {hostMetrics.energyMaePerAtom(), hostMetrics.energyRmsePerAtom(),
                    hostMetrics.forcesMae(), hostMetrics.forcesRmse()},
                        new double[] {deviceMetrics.energyMaePerAtom(), deviceMetrics.energyRmsePerAtom(),
                            deviceMetrics.forcesMae(), deviceMetrics.forcesRmse()}, dtype, what + ": metrics");
            }
        }
    }

    @Test
    void badArgumentsAreRejectedByName() {
        LossSettings mse = new LossSettings(1, 1, Double.NaN);
        try (EnergyForceLossOp op = EnergyForceLossOp.on(device, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer atoms = scope.upload(new int[] {2});
            DeviceBuffer e = scope.allocate(DType.FLOAT64, 1);
            DeviceBuffer f = scope.allocate(DType.FLOAT64, 6);
            DeviceBuffer sums = scope.allocate(DType.FLOAT64, EnergyForceLossOp.SUMS);
            IllegalArgumentException x = assertThrows(IllegalArgumentException.class,
                    () -> op.evaluate(mse, atoms, e, e, f, f, e, f, sums, 1, 6));
            assertTrue(x.getMessage().contains("predEnergy and refEnergy must be different buffers"), x.getMessage());
            DeviceBuffer e2 = scope.allocate(DType.FLOAT64, 1);
            DeviceBuffer g = scope.allocate(DType.FLOAT64, 1);
            DeviceBuffer f2 = scope.allocate(DType.FLOAT64, 6);
            DeviceBuffer shortForces = scope.allocate(DType.FLOAT64, 5);
            x = assertThrows(IllegalArgumentException.class,
                    () -> op.evaluate(mse, atoms, e, e2, f, f2, g, shortForces, sums, 1, 6));
            assertTrue(x.getMessage().contains("gradForces") && x.getMessage().contains("expected 6"), x.getMessage());
            x = assertThrows(IllegalArgumentException.class,
                    () -> op.evaluate(mse, atoms, e, e2, f, f2, g, shortForces, sums, 0, 6));
            assertEquals("EnergyForceLossOp.evaluate: structures = 0: must be >= 1", x.getMessage());
            x = assertThrows(IllegalArgumentException.class,
                    () -> op.evaluate(null, atoms, e, e2, f, f2, g, shortForces, sums, 1, 6));
            assertTrue(x.getMessage().contains("settings"), x.getMessage());
        }
        IllegalArgumentException x = assertThrows(IllegalArgumentException.class, () -> new LossSettings(-1, 1, 0.5));
        assertEquals("LossSettings: energyWeight = -1.0: must be finite and >= 0", x.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new LossSettings(1, 1, 0));
    }

    private Output run(DType dtype, LossSettings settings, Batch batch) {
        int s = batch.numAtoms.length;
        int n = batch.predForces.length;
        try (EnergyForceLossOp op = EnergyForceLossOp.on(device, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer gradEnergy = scope.allocate(dtype, s);
            DeviceBuffer gradForces = scope.allocate(dtype, n);
            DeviceBuffer sums = scope.allocate(dtype, EnergyForceLossOp.SUMS);
            op.evaluate(settings, scope.upload(batch.numAtoms), upload(scope, dtype, batch.predEnergy),
                    upload(scope, dtype, batch.refEnergy), upload(scope, dtype, batch.predForces),
                    upload(scope, dtype, batch.refForces), gradEnergy, gradForces, sums, s, n);
            return new Output(download(gradEnergy), download(gradForces), download(sums));
        }
    }

    /** |actual − expected| ≤ tolerance · max(|expected|, smallest magnitude compared) element by element. */
    private static void assertRelative(double[] expected, double[] actual, DType dtype, String what) {
        double tolerance = dtype == DType.FLOAT64 ? F64 : F32;
        double floor = 0;
        for (double v : expected) floor = Math.max(floor, Math.abs(v) * 1e-3);
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double bound = tolerance * Math.max(Math.abs(expected[i]), floor);
            assertTrue(Math.abs(actual[i] - expected[i]) <= bound,
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]);
        }
    }

    /** A batch's atom counts, predictions and references, in the precision the device holds them. */
    private record Batch(int[] numAtoms, double[] predEnergy, double[] refEnergy, double[] predForces,
            double[] refForces) {
        static Batch random(SplittableRandom random, int structures, int maxAtoms, DType dtype) {
            int[] atoms = new int[structures];
            int total = 0;
            for (int s = 0; s < structures; s++) {
                atoms[s] = 1 + random.nextInt(maxAtoms);
                total += atoms[s];
            }
            double[] refEnergy = rounded(dtype, gaussian(random, structures));
            double[] predEnergy = refEnergy.clone();
            for (int s = 0; s < structures; s++) predEnergy[s] += atoms[s] * random.nextDouble(-1, 1);
            return new Batch(atoms, rounded(dtype, predEnergy), refEnergy, rounded(dtype, gaussian(random, 3 * total)),
                    rounded(dtype, gaussian(random, 3 * total)));
        }
    }

    /** What the op wrote, downloaded. */
    private record Output(double[] gradEnergy, double[] gradForces, double[] sums) {
        EnergyForceMetrics metrics(Batch batch) {
            EnergyForceMetrics m = new EnergyForceMetrics();
            m.addSums(batch.numAtoms.length, batch.predForces.length, sums[EnergyForceLossOp.ENERGY_ABS],
                    sums[EnergyForceLossOp.ENERGY_SQ], sums[EnergyForceLossOp.FORCE_ABS],
                    sums[EnergyForceLossOp.FORCE_SQ]);
            return m;
        }
    }
}
