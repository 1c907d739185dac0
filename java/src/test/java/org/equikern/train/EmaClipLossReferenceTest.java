package org.equikern.train;

import static org.equikern.train.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.equikern.testing.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** EMA, gradient clipping, the energy + force loss and the metrics against PyTorch. */
class EmaClipLossReferenceTest {
    private static JsonObject ref;

    @BeforeAll
    static void load() throws Exception {
        ref = TorchReference.load();
    }

    @Test
    void emaFollowsTorchEma() {
        double[][] values = TorchReference.rows(ref.object("ema"), "values");
        for (JsonObject run : ref.object("ema").objects("runs")) {
            Parameters p = OptimizerReferenceTest.parameters(values[0]);
            ExponentialMovingAverage ema = new ExponentialMovingAverage(p, run.number("decay"), run.bool("use_num_updates"));
            double[][] expected = TorchReference.rows(run, "shadow");
            for (int t = 1; t < values.length; t++) {
                System.arraycopy(values[t], 0, p.get("w").values(), 0, 6);
                System.arraycopy(values[t], 6, p.get("b").values(), 0, 3);
                ema.update();
                ema.swapIn();
                assertClose(expected[t - 1], OptimizerReferenceTest.flat(p), run.path() + " update " + t);
                ema.swapOut();
                assertArrayEquals(values[t], OptimizerReferenceTest.flat(p), 0.0, "swapOut restores the values");
            }
        }
    }

    @Test
    void emaStateResumesAndSwapsAreChecked() {
        double[][] values = TorchReference.rows(ref.object("ema"), "values");
        Parameters p = OptimizerReferenceTest.parameters(values[0]);
        ExponentialMovingAverage ema = new ExponentialMovingAverage(p, 0.99, true);
        ema.update();
        ExponentialMovingAverage other = new ExponentialMovingAverage(OptimizerReferenceTest.parameters(values[1]), 0.99, true);
        other.loadState(ema.state());
        assertEquals(1, other.numUpdates());
        assertArrayEquals(ema.average("w"), other.average("w"), 0.0);
        ema.swapIn();
        assertThrows(IllegalStateException.class, ema::update);
        assertThrows(IllegalStateException.class, ema::swapIn);
        ema.swapOut();
        assertThrows(IllegalStateException.class, ema::swapOut);
        assertThrows(IllegalArgumentException.class, () -> ema.average("nope"));
    }

    @Test
    void clippingMatchesClipGradNormAndClipGradValue() {
        for (JsonObject c : ref.objects("clip")) {
            double[] g = c.doubles("grads");
            Parameters p = OptimizerReferenceTest.parameters(new double[9]);
            OptimizerReferenceTest.setGrads(p, g);
            double total = GradientClipping.clipByNorm(p, c.number("max_norm"));
            assertClose(c.number("total_norm"), total, c.path() + ".total_norm");
            assertClose(c.doubles("clipped"), grads(p), c.path() + ".clipped");
            OptimizerReferenceTest.setGrads(p, g);
            GradientClipping.clipByValue(p, c.number("clip_value"));
            assertClose(c.doubles("value_clipped"), grads(p), c.path() + ".value_clipped");
        }
    }

    private static double[] grads(Parameters p) {
        double[] out = new double[9];
        System.arraycopy(p.get("w").grad(), 0, out, 0, 6);
        System.arraycopy(p.get("b").grad(), 0, out, 6, 3);
        return out;
    }

    @Test
    void lossValueAndGradientsMatchAutograd() {
        JsonObject problem = ref.object("loss").object("problem");
        int[] numAtoms = problem.ints("num_atoms");
        for (JsonObject c : ref.object("loss").objects("cases")) {
            EnergyForceLoss loss = c.has("huber_delta")
                    ? EnergyForceLoss.huber(c.number("energy_weight"), c.number("forces_weight"), c.number("huber_delta"))
                    : EnergyForceLoss.mse(c.number("energy_weight"), c.number("forces_weight"));
            EnergyForceLoss.Result r = loss.evaluate(numAtoms, problem.doubles("pred_energy"), problem.doubles("ref_energy"),
                    problem.doubles("pred_forces"), problem.doubles("ref_forces"));
            assertClose(c.number("value"), r.value(), c.path() + ".value");
            assertClose(c.doubles("grad_energy"), r.gradEnergy(), c.path() + ".grad_energy");
            assertClose(c.doubles("grad_forces"), r.gradForces(), c.path() + ".grad_forces");
        }
    }

    @Test
    void metricsAccumulatedOverTwoBatchesMatchTheWholeSet() {
        JsonObject problem = ref.object("loss").object("problem");
        double[] pe = problem.doubles("pred_energy");
        double[] re = problem.doubles("ref_energy");
        double[] pf = problem.doubles("pred_forces");
        double[] rf = problem.doubles("ref_forces");
        EnergyForceMetrics m = new EnergyForceMetrics();
        m.add(new int[] {3, 5}, slice(pe, 0, 2), slice(re, 0, 2), slice(pf, 0, 24), slice(rf, 0, 24));
        m.add(new int[] {1, 4}, slice(pe, 2, 4), slice(re, 2, 4), slice(pf, 24, 39), slice(rf, 24, 39));
        JsonObject expected = ref.object("metrics");
        assertEquals(4, m.structures());
        assertClose(expected.number("energy_mae_per_atom"), m.energyMaePerAtom(), "energy MAE");
        assertClose(expected.number("energy_rmse_per_atom"), m.energyRmsePerAtom(), "energy RMSE");
        assertClose(expected.number("forces_mae"), m.forcesMae(), "forces MAE");
        assertClose(expected.number("forces_rmse"), m.forcesRmse(), "forces RMSE");
        m.reset();
        assertThrows(IllegalStateException.class, m::forcesMae);
    }

    @Test
    void badBatchShapesAreRejectedByName() {
        EnergyForceLoss loss = EnergyForceLoss.mse(1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new int[] {2}, new double[1], new double[1], new double[5], new double[6]));
        assertTrue(e.getMessage().startsWith("predForces has 5 values, expected 6"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> loss.evaluate(new int[] {0}, new double[1], new double[1], new double[0], new double[0]));
        assertTrue(e.getMessage().startsWith("numAtoms[0] = 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> EnergyForceLoss.huber(1, 1, 0));
    }

    private static double[] slice(double[] a, int from, int to) {
        return java.util.Arrays.copyOfRange(a, from, to);
    }
}
