package org.equikern.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.data.Structure;
import org.equikern.train.PairDatasets;
import org.equikern.train.Trainer;
import org.equikern.train.TrainingConfig;

/** Tiny trained checkpoints (a few epochs on Ne/Ar cells) for the Spark tests. */
final class TinyCheckpoints {
    private TinyCheckpoints() {
    }

    /** A {@code pair} model trained for two epochs; returns the training output directory. */
    static Path pair(Path dir) throws IOException {
        return train(dir, Map.of("type", "pair", "num_basis", 4));
    }

    /** A one-layer {@code nequip} model (it has per-atom energies) trained for one epoch. */
    static Path nequip(Path dir) throws IOException {
        return train(dir, Map.of("type", "nequip", "num_layers", 1, "l_max", 1, "num_features", 4, "num_basis", 4,
                "invariant_layers", 1, "invariant_neurons", 8));
    }

    private static Path train(Path dir, Map<String, Object> model) throws IOException {
        List<Structure> data = PairDatasets.generate(8, 4, 1);
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("dataset_file_name", "in-memory");
        c.put("r_max", PairDatasets.CUTOFF);
        c.put("seed", 3);
        c.put("validation_fraction", 0.25);
        c.put("batch_size", 3);
        c.put("learning_rate", 0.05);
        c.put("model", model);
        Trainer.create(TrainingConfig.parse(c), data).train(dir, 2, epoch -> { });
        return dir;
    }
}
