package org.equikern.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.equikern.train.Potential;

/**
 * The models of one executor JVM, loaded lazily on the first task that needs one and kept for the
 * JVM's life: every later task and every task thread of the executor shares it. Keyed by checkpoint
 * ({@link CheckpointBundle#key}, path and content digest) and device; a job uses one of each, so
 * the cache holds as many models as jobs with distinct checkpoints ran in the JVM.
 *
 * <p>Task threads call {@link Potential#evaluate} on the shared model at once: the model types on
 * the class path ({@code pair}, {@code nequip}, {@code cartesian_mlp}) only read their parameters
 * there and build a new evaluation per call.
 */
final class ExecutorPotentials {
    private record Key(String checkpoint, String device) {
    }

    private static final ConcurrentHashMap<Key, Potential> LOADED = new ConcurrentHashMap<>();

    private ExecutorPotentials() {
    }

    /** The model of {@code checkpoint} on {@code device}, loaded on first use in this JVM. */
    static Potential get(CheckpointBundle checkpoint, String device) {
        return LOADED.computeIfAbsent(new Key(checkpoint.key(), device), key -> {
            try {
                return checkpoint.load();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load checkpoint " + key.checkpoint() + ": " + e.getMessage(), e);
            }
        });
    }

    /** How many models this JVM holds. */
    static int size() {
        return LOADED.size();
    }
}
