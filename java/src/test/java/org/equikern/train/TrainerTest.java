package org.equikern.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.data.Structure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainerTest {
    private static final List<Structure> DATA = PairDatasets.generate(12, 6, 1);

    private static Map<String, Object> config(String scheduler) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset_file_name", "in-memory");
        c.put("r_max", PairDatasets.CUTOFF);
        c.put("seed", 42);
        c.put("validation_fraction", 0.25);
        c.put("batch_size", 3);
        c.put("max_epochs", 4);
        c.put("learning_rate", 0.05);
        c.put("optimizer_name", "AdamW");
        c.put("optimizer_amsgrad", true);
        c.put("lr_scheduler_name", scheduler);
        c.put("lr_scheduler_warmup_epochs", 1);
        c.put("max_gradient_norm", 10.0);
        c.put("huber_delta", 0.5);
        c.put("model", Map.of("type", "pair", "num_basis", 4));
        return c;
    }

    private static List<EpochRecord> train(Trainer trainer, Path dir, int epochs) throws IOException {
        List<EpochRecord> rows = new ArrayList<>();
        trainer.train(dir, epochs, rows::add);
        return rows;
    }

    @Test
    void resumedRunEqualsUninterruptedRunBitForBit(@TempDir Path tmp) throws IOException {
        for (String scheduler : new String[] {"CosineWarmup", "ReduceLROnPlateau"}) {
            Map<String, Object> c = config(scheduler);
            c.put("rotation_augmentation", scheduler.equals("CosineWarmup"));
            TrainingConfig config = TrainingConfig.parse(c);
            Trainer whole = Trainer.create(config, DATA);
            List<EpochRecord> wholeRows = train(whole, tmp.resolve(scheduler + "-whole"), 4);

            Path split = tmp.resolve(scheduler + "-split");
            List<EpochRecord> splitRows = train(Trainer.create(config, DATA), split, 2);
            Trainer resumed = Trainer.resume(split, DATA);
            assertEquals(2, resumed.epoch());
            splitRows.addAll(train(resumed, split, 10));

            assertEquals(4, splitRows.size());
            for (int i = 0; i < 4; i++) {
                assertEquals(wholeRows.get(i).row(), splitRows.get(i).row(), scheduler + " epoch " + (i + 1));
            }
            assertArrayEquals(bits(whole), bits(resumed), scheduler);
            assertTrue(resumed.finished());
            assertTrue(whole.statistics().isPresent() && resumed.statistics().isEmpty());
        }
    }

    @Test
    void trainingReducesTheValidationForceErrorOfThePairModel(@TempDir Path tmp) throws IOException {
        Map<String, Object> c = config("ReduceLROnPlateau");
        c.put("max_epochs", 100);
        c.put("huber_delta", null);
        c.put("optimizer_name", "Adam");
        c.put("learning_rate", 0.1);
        c.put("use_ema", false);
        // The teacher's shifts: fitted ones would leave a per-atom offset no pair term can absorb.
        c.put("model", Map.of("type", "pair", "num_basis", 4, "chemical_symbols", List.of("Ne", "Ar"),
                "per_species_shifts", List.of(-1.0, -2.5)));
        Trainer trainer = Trainer.create(TrainingConfig.parse(c), DATA);
        List<EpochRecord> rows = train(trainer, tmp, 100);
        double first = rows.get(0).validation().forcesMae();
        double last = rows.get(rows.size() - 1).validation().forcesMae();
        assertTrue(last < first / 10, "force MAE " + first + " -> " + last);
        assertTrue(Files.isRegularFile(tmp.resolve("best").resolve(Checkpoint.WEIGHTS)));
        assertTrue(Files.isRegularFile(tmp.resolve("last").resolve(Checkpoint.STATE)));
        try (var list = Files.list(tmp.resolve("checkpoints"))) {
            assertTrue(list.count() <= 2, "only the checkpoints named by best and last remain");
        }
    }

    @Test
    void rotationAugmentationLeavesAnInvariantModelAloneAndChangesAnotherOnesTraining(@TempDir Path tmp)
            throws IOException {
        double[] pairPlain = validationLosses(augmented(Map.of("type", "pair", "num_basis", 4), false), tmp.resolve("p0"));
        double[] pairTurned = validationLosses(augmented(Map.of("type", "pair", "num_basis", 4), true), tmp.resolve("p1"));
        // Rotating positions and reference forces together cannot change a rotation-invariant model's losses.
        assertArrayEquals(pairPlain, pairTurned, 1e-10 * pairPlain[0]);
        Map<String, Object> mlp = Map.of("type", "cartesian_mlp", "neighbours", 4, "hidden", List.of(8));
        double[] mlpPlain = validationLosses(augmented(mlp, false), tmp.resolve("m0"));
        double[] mlpTurned = validationLosses(augmented(mlp, true), tmp.resolve("m1"));
        // A Cartesian model sees other inputs in every epoch after the first step's update.
        assertTrue(Math.abs(mlpPlain[3] - mlpTurned[3]) > 1e-6 * mlpPlain[3],
                mlpPlain[3] + " vs " + mlpTurned[3]);
    }

    private static TrainingConfig augmented(Map<String, Object> model, boolean augment) {
        Map<String, Object> c = config("none");
        c.put("huber_delta", null); // Huber acts per force component, so it is not rotation invariant
        c.put("model", model);
        c.put("rotation_augmentation", augment);
        return TrainingConfig.parse(c);
    }

    private static double[] validationLosses(TrainingConfig config, Path dir) throws IOException {
        return train(Trainer.create(config, DATA), dir, 4).stream().mapToDouble(r -> r.validation().loss()).toArray();
    }

    @Test
    void earlyStoppingEndsTheRunAfterPatienceEpochsWithoutImprovement(@TempDir Path tmp) throws IOException {
        Map<String, Object> c = config("none");
        c.put("max_epochs", 50);
        c.put("early_stopping_patience", 2);
        c.put("early_stopping_delta", 1e9);
        Trainer trainer = Trainer.create(TrainingConfig.parse(c), DATA);
        List<EpochRecord> rows = train(trainer, tmp, 50);
        // Epoch 1 improves on no loss at all; no later one can beat it by the delta: 2 and 3 are bad.
        assertEquals(3, rows.size());
        assertTrue(trainer.finished());
        assertThrows(IllegalStateException.class, trainer::runEpoch);
    }

    @Test
    void unknownAndOutOfRangeFieldsAreNamed() {
        Map<String, Object> c = config("none");
        c.put("batchsize", 3);
        assertEquals("batchsize", assertThrows(ConfigException.class, () -> TrainingConfig.parse(c)).field());
        c.remove("batchsize");
        c.put("learning_rate", -1.0);
        assertEquals("learning_rate", assertThrows(ConfigException.class, () -> TrainingConfig.parse(c)).field());
        c.put("learning_rate", 0.1);
        c.put("model", Map.of("type", "pair", "num_basis", "eight"));
        TrainingConfig config = TrainingConfig.parse(c);
        ConfigException e = assertThrows(ConfigException.class, () -> Trainer.create(config, DATA));
        assertEquals("model.num_basis: expected an integer, got the string 'eight'", e.getMessage());
    }

    private static long[] bits(Trainer t) {
        double[] v = t.potential().parameters().get("pair_weights").values();
        long[] bits = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            bits[i] = Double.doubleToRawLongBits(v[i]);
        }
        return bits;
    }
}
