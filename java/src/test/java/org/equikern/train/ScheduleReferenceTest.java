package org.equikern.train;

import static org.equikern.train.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.equikern.testing.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** ReduceLROnPlateau and the cosine warm-up schedule against PyTorch's schedulers. */
class ScheduleReferenceTest {
    private static JsonObject ref;

    @BeforeAll
    static void load() throws Exception {
        ref = TorchReference.load();
    }

    private static ReduceLROnPlateau.Options options(JsonObject o) {
        return ReduceLROnPlateau.Options.defaults()
                .mode(ReduceLROnPlateau.Mode.valueOf(o.string("mode").toUpperCase()))
                .factor(o.number("factor")).patience(o.integer("patience"))
                .threshold(o.number("threshold"), ReduceLROnPlateau.ThresholdMode.valueOf(o.string("threshold_mode").toUpperCase()))
                .cooldown(o.integer("cooldown")).minLr(o.number("min_lr")).eps(o.number("eps"));
    }

    @Test
    void reduceOnPlateauMatchesPyTorchOverAMetricSequence() {
        JsonObject plateau = ref.object("plateau");
        double[] metrics = plateau.doubles("metrics");
        List<JsonObject> runs = plateau.objects("runs");
        assertEquals(5, runs.size());
        for (JsonObject run : runs) {
            SGD opt = new SGD(OptimizerReferenceTest.parameters(new double[9]), run.number("initial_lr"));
            ReduceLROnPlateau schedule = new ReduceLROnPlateau(opt, options(run.object("options")));
            double[] expected = run.doubles("lr");
            double[] actual = new double[metrics.length];
            for (int i = 0; i < metrics.length; i++) {
                schedule.step(metrics[i]);
                actual[i] = opt.learningRate();
            }
            assertClose(expected, actual, run.path());
        }
    }

    @Test
    void reduceOnPlateauResumesExactly() {
        double[] metrics = ref.object("plateau").doubles("metrics");
        JsonObject run = ref.object("plateau").objects("runs").get(2);
        SGD a = new SGD(OptimizerReferenceTest.parameters(new double[9]), 0.1);
        ReduceLROnPlateau straight = new ReduceLROnPlateau(a, options(run.object("options")));
        SGD b = new SGD(OptimizerReferenceTest.parameters(new double[9]), 0.1);
        ReduceLROnPlateau first = new ReduceLROnPlateau(b, options(run.object("options")));
        for (int i = 0; i < 17; i++) {
            straight.step(metrics[i]);
            first.step(metrics[i]);
        }
        SGD c = new SGD(OptimizerReferenceTest.parameters(new double[9]), 0.5);
        c.loadState(b.state());
        ReduceLROnPlateau resumed = new ReduceLROnPlateau(c, options(run.object("options")));
        resumed.loadState(first.state());
        for (int i = 17; i < metrics.length; i++) {
            straight.step(metrics[i]);
            resumed.step(metrics[i]);
            assertEquals(a.learningRate(), c.learningRate(), "epoch " + i);
        }
        assertEquals(straight.state(), resumed.state());
    }

    @Test
    void cosineWithWarmupMatchesLambdaLR() {
        for (JsonObject run : ref.objects("cosine")) {
            SGD opt = new SGD(OptimizerReferenceTest.parameters(new double[9]), run.number("base_lr"));
            CosineWarmupSchedule schedule = new CosineWarmupSchedule(opt, run.integer("warmup_steps"),
                    run.integer("total_steps"), run.number("min_lr"));
            double[] expected = run.doubles("lr");
            double[] actual = new double[expected.length];
            for (int s = 0; s < expected.length; s++) {
                actual[s] = opt.learningRate();
                schedule.step();
            }
            assertClose(expected, actual, run.path());
        }
    }

    @Test
    void cosineResumesAndRejectsBadSettings() {
        SGD a = new SGD(OptimizerReferenceTest.parameters(new double[9]), 0.01);
        CosineWarmupSchedule s = new CosineWarmupSchedule(a, 5, 20, 1e-4);
        for (int i = 0; i < 7; i++) {
            s.step();
        }
        Map<String, StoredTensor> state = s.state();
        SGD b = new SGD(OptimizerReferenceTest.parameters(new double[9]), 0.01);
        CosineWarmupSchedule t = new CosineWarmupSchedule(b, 5, 20, 1e-4);
        t.loadState(state);
        assertEquals(a.learningRate(), b.learningRate());
        assertEquals(7, t.steps());
        assertThrows(IllegalArgumentException.class, () -> new CosineWarmupSchedule(b, 21, 20, 0));
        assertThrows(IllegalArgumentException.class, () -> new CosineWarmupSchedule(new SGD(b.parameters(), 0.01), 2, 20, 0.02));
    }
}
