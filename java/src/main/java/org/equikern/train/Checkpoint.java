package org.equikern.train;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A checkpoint directory: {@value #WEIGHTS} (the weights to predict with: the moving average when
 * the run keeps one), {@value #STATE} (everything a resumed run needs: the trained parameters,
 * optimizer, schedules, moving average, random state and epoch) and {@value #CONFIG} (the
 * configuration, its model section resolved as {@link PotentialFactory#resolve} returned it).
 *
 * <p>A checkpoint is written into a temporary sibling directory and renamed into place, so a crash
 * leaves either the whole checkpoint or none.
 */
public final class Checkpoint {
    /** The weights file. */
    public static final String WEIGHTS = "model.safetensors";
    /** The training state file. */
    public static final String STATE = "training_state.safetensors";
    /** The configuration file. */
    public static final String CONFIG = "config.json";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Checkpoint() {
    }

    /** Writes a checkpoint to {@code dir}, which must not exist yet. */
    static void write(Path dir, Map<String, Object> config, Map<String, StoredTensor> weights,
            Map<String, StoredTensor> state) throws IOException {
        if (Files.exists(dir)) {
            throw new IOException("checkpoint " + dir + " exists already");
        }
        Path temporary = dir.resolveSibling("." + dir.getFileName() + ".tmp");
        deleteRecursively(temporary);
        Files.createDirectories(temporary);
        Safetensors.write(temporary.resolve(WEIGHTS), new TensorFile(weights));
        Safetensors.write(temporary.resolve(STATE), new TensorFile(state));
        Files.writeString(temporary.resolve(CONFIG), JSON.writeValueAsString(config) + "\n");
        Files.move(temporary, dir, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * The checkpoint directory that {@code path} names: itself when it holds {@value #STATE}, else its
     * {@code last} checkpoint (a training output directory).
     *
     * @param path a checkpoint or a training output directory
     * @return the checkpoint directory
     * @throws IllegalArgumentException when {@code path} holds neither
     */
    public static Path locate(Path path) {
        if (Files.isRegularFile(path.resolve(STATE))) {
            return path;
        }
        Path last = path.resolve(CheckpointDirectory.LAST);
        if (Files.isRegularFile(last.resolve(STATE))) {
            return last;
        }
        throw new IllegalArgumentException("checkpoint " + path + ": holds neither " + STATE + " nor "
                + CheckpointDirectory.LAST + "/" + STATE);
    }

    /**
     * The checkpoint directory holding the weights to predict with that {@code path} names: itself when
     * it holds {@value #WEIGHTS}, else its {@code best} checkpoint (a training output directory).
     *
     * @param path a checkpoint or a training output directory
     * @return the directory holding the weights
     * @throws IllegalArgumentException when it holds neither
     */
    public static Path modelDirectory(Path path) {
        if (Files.isRegularFile(path.resolve(WEIGHTS))) {
            return path;
        }
        Path best = path.resolve(CheckpointDirectory.BEST);
        if (Files.isRegularFile(best.resolve(WEIGHTS))) {
            return best;
        }
        throw new IllegalArgumentException("checkpoint " + path + ": holds neither " + WEIGHTS + " nor "
                + CheckpointDirectory.BEST + "/" + WEIGHTS);
    }

    /**
     * The configuration saved in checkpoint {@code dir}.
     *
     * @param dir the checkpoint directory
     * @return the configuration, as parsed from its JSON
     * @throws java.io.IOException when the file cannot be read or parsed
     */
    public static Map<String, Object> readConfig(Path dir) throws IOException {
        return JSON.readValue(dir.resolve(CONFIG).toFile(), new TypeReference<Map<String, Object>>() { });
    }

    /**
     * The model saved in checkpoint {@code dir}, with its {@value #WEIGHTS} weights.
     *
     * @param dir the checkpoint directory
     * @return the model, with the saved weights loaded
     * @throws java.io.IOException when a file cannot be read
     * @throws ConfigException when the saved model section is invalid
     */
    public static Potential loadPotential(Path dir) throws IOException {
        ConfigNode model = ConfigNode.root(readConfig(dir)).section("model");
        Potential potential = PotentialFactories.find(model.string("type"), model.pathOf("type")).build(model, 0);
        potential.parameters().load(Safetensors.read(dir.resolve(WEIGHTS)).tensors());
        return potential;
    }

    /** Deletes {@code path} and everything below it, if it exists. */
    static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
