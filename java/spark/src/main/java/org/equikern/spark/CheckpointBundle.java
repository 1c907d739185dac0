package org.equikern.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.equikern.train.Checkpoint;
import org.equikern.train.Potential;

/**
 * The files of a checkpoint that prediction needs ({@value Checkpoint#CONFIG} and
 * {@value Checkpoint#WEIGHTS}), read on the driver and broadcast, so executors need no shared file
 * system. {@link #key} names it in the per-JVM model cache: the path it was read from and a SHA-256
 * of its bytes, so a checkpoint rewritten under the same path is not mistaken for the old one.
 */
final class CheckpointBundle implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String path;
    private final byte[] config;
    private final byte[] weights;
    private final String digest;

    private CheckpointBundle(String path, byte[] config, byte[] weights) {
        this.path = path;
        this.config = config;
        this.weights = weights;
        this.digest = sha256(config, weights);
    }

    /**
     * Reads the checkpoint that {@code path} names ({@link Checkpoint#modelDirectory}) and checks that it
     * loads, so a bad checkpoint fails the job on the driver before any task starts.
     */
    static CheckpointBundle read(Path path) throws IOException {
        Path dir = Checkpoint.modelDirectory(path);
        Checkpoint.loadPotential(dir);
        return new CheckpointBundle(dir.toAbsolutePath().normalize().toString(),
                Files.readAllBytes(dir.resolve(Checkpoint.CONFIG)), Files.readAllBytes(dir.resolve(Checkpoint.WEIGHTS)));
    }

    /** The checkpoint directory it was read from, and the digest of its content. */
    String key() {
        return path + "@sha256:" + digest;
    }

    /** The model, loaded through {@link Checkpoint#loadPotential} from a temporary copy of the files. */
    Potential load() throws IOException {
        Path dir = Files.createTempDirectory("equikern-checkpoint");
        try {
            Files.write(dir.resolve(Checkpoint.CONFIG), config);
            Files.write(dir.resolve(Checkpoint.WEIGHTS), weights);
            return Checkpoint.loadPotential(dir);
        } finally {
            Files.deleteIfExists(dir.resolve(Checkpoint.CONFIG));
            Files.deleteIfExists(dir.resolve(Checkpoint.WEIGHTS));
            Files.delete(dir);
        }
    }

    private static String sha256(byte[]... parts) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            for (byte[] part : parts) {
                sha.update(part);
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
