package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.data.Structure;
import org.equikern.device.DType;
import org.equikern.train.EpochRecord;
import org.equikern.train.PairDatasets;
import org.equikern.train.Parameter;
import org.equikern.train.Trainer;
import org.equikern.train.TrainingConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Trainer#runStepsOn} with {@link DeviceTraining}: a tiny NequIP trained for two epochs with its steps on the
 * device (FLOAT64) equals the host trainer's run (every epoch's losses, metrics and learning rate, and the final
 * weights) to {@value #RELATIVE} relative, with AdamW (AMSGrad), a cosine schedule with warm-up, clipping, the
 * Huber loss and the moving average; and a device run resumed from its first epoch's checkpoint equals the
 * uninterrupted device run. Subclassed once per device.
 */
public abstract class DeviceTrainerContract {
    private static final double RELATIVE = 1e-9;
    private static final List<Structure> DATA = PairDatasets.generate(8, 4, 2);
    /** Two epochs of two batches: 6 training structures in batches of 3. */
    private static final long STEPS = 4;

    @TempDir
    Path dir;
    /** The steps the last {@link #onDevice} opened. */
    private DeviceTraining opened;

    /**
     * The device the steps run on.
     *
     * @return its name, as {@code Devices.open} takes it
     */
    protected abstract String deviceName();

    private static TrainingConfig config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset_file_name", "in-memory");
        c.put("r_max", PairDatasets.CUTOFF);
        c.put("seed", 7);
        c.put("validation_fraction", 0.25);
        c.put("batch_size", 3);
        c.put("max_epochs", 2);
        c.put("learning_rate", 0.02);
        c.put("optimizer_name", "AdamW");
        c.put("optimizer_amsgrad", true);
        c.put("lr_scheduler_name", "CosineWarmup");
        c.put("lr_scheduler_warmup_epochs", 1);
        c.put("max_gradient_norm", 0.05);
        c.put("huber_delta", 0.2);
        c.put("model", Map.of("type", "nequip", "num_layers", 1, "l_max", 1, "num_features", 4, "num_basis", 4,
                "invariant_layers", 1, "invariant_neurons", 8));
        return TrainingConfig.parse(c);
    }

    private Trainer onDevice(Trainer trainer) {
        return trainer.runStepsOn((model, optimizer, ema, loss, maxNorm) -> {
            opened = (DeviceTraining) DeviceTraining.on(deviceName(), DType.FLOAT64).open(model, optimizer, ema, loss,
                    maxNorm);
            return opened;
        });
    }

    private static List<EpochRecord> train(Trainer trainer, Path out) throws IOException {
        List<EpochRecord> records = new ArrayList<>();
        trainer.train(out, Integer.MAX_VALUE, records::add);
        return records;
    }

    @Test
    void deviceStepsEqualTheHostTrainersSteps() throws IOException {
        TrainingConfig config = config();
        Trainer host = Trainer.create(config, DATA);
        List<EpochRecord> expected = train(host, dir.resolve("host"));
        try (Trainer device = onDevice(Trainer.create(config, DATA))) {
            List<EpochRecord> actual = train(device, dir.resolve("device"));
            assertEquals(STEPS, opened.steps(), "steps run on the device");
            assertRecordsClose(expected, actual);
            assertWeightsClose(host, device);
        }
    }

    @Test
    void aResumedDeviceRunEqualsTheUninterruptedOne() throws IOException {
        TrainingConfig config = config();
        try (Trainer whole = onDevice(Trainer.create(config, DATA))) {
            List<EpochRecord> expected = train(whole, dir.resolve("whole"));
            Path split = dir.resolve("split");
            List<EpochRecord> actual = new ArrayList<>();
            try (Trainer first = onDevice(Trainer.create(config, DATA))) {
                first.train(split, 1, actual::add);
            }
            try (Trainer resumed = onDevice(Trainer.resume(split, DATA))) {
                assertEquals(1, resumed.epoch());
                actual.addAll(train(resumed, split));
                assertEquals(STEPS, opened.steps(), "steps of the resumed run, on the device");
                assertRecordsClose(expected, actual);
                assertWeightsClose(whole, resumed);
            }
        }
    }

    private static void assertRecordsClose(List<EpochRecord> expected, List<EpochRecord> actual) {
        assertEquals(expected.size(), actual.size(), "epochs");
        for (int e = 0; e < expected.size(); e++) {
            EpochRecord x = expected.get(e);
            EpochRecord y = actual.get(e);
            String what = "epoch " + x.epoch();
            assertClose(x.learningRate(), y.learningRate(), what + " learning rate");
            double[] xt = x.training().values();
            double[] yt = y.training().values();
            double[] xv = x.validation().values();
            double[] yv = y.validation().values();
            for (int i = 0; i < xt.length; i++) {
                assertClose(xt[i], yt[i], what + " training " + i);
                assertClose(xv[i], yv[i], what + " validation " + i);
            }
        }
    }

    private static void assertWeightsClose(Trainer expected, Trainer actual) {
        for (Parameter p : expected.potential().parameters()) {
            double[] x = p.values();
            double[] y = actual.potential().parameters().get(p.name()).values();
            double largest = 0;
            for (double v : x) largest = Math.max(largest, Math.abs(v));
            for (int i = 0; i < x.length; i++) {
                assertTrue(Math.abs(x[i] - y[i]) <= RELATIVE * largest, p.name() + "[" + i + "]: " + x[i] + " vs " + y[i]);
            }
        }
    }

    private static void assertClose(double expected, double actual, String what) {
        assertTrue(Math.abs(actual - expected) <= RELATIVE * Math.abs(expected), what + ": " + expected + " vs " + actual);
    }
}
