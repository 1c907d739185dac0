package org.equikern.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ConcurrentHashMap;
import org.equikern.device.DType;
import org.equikern.model.DevicePotential;
import org.equikern.train.Potential;
import org.equikern.train.Predictor;

/**
 * The models of one executor JVM, loaded lazily on the first task that needs one and kept for the
 * JVM's life: every later task and every task thread of the executor shares it. Keyed by checkpoint
 * ({@link CheckpointBundle#key}, path and content digest) and device; a job uses one of each, so
 * the cache holds as many models as jobs with distinct checkpoints ran in the JVM.
 *
 * <p>Task threads call {@link Predictor#evaluate} on the shared model at once: on the host the model
 * types only read their parameters there and build a new evaluation per call; on {@code opencl:N} or
 * {@code cuda:N} the executor opens that one device with the model ({@link DevicePotential}, parameters
 * uploaded once, float64) and keeps both for the JVM's life, its task threads taking turns on it.
 */
final class ExecutorPotentials {
    private record Key(String checkpoint, String device) {
    }

    private static final ConcurrentHashMap<Key, Predictor> LOADED = new ConcurrentHashMap<>();

    private ExecutorPotentials() {
    }

    /** The model of {@code checkpoint} on {@code device}, loaded on first use in this JVM. */
    static Predictor get(CheckpointBundle checkpoint, String device) {
        return LOADED.computeIfAbsent(new Key(checkpoint.key(), device), key -> {
            try {
                Potential model = checkpoint.load();
                return EvaluationSettings.HOST_DEVICE.equals(device) ? model
                        : DevicePotential.open(model, device, DType.FLOAT64);
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
