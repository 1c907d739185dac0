package org.equikern.train;

import java.util.Arrays;
import java.util.Map;

/** Typed reads of a {@link Stateful} state map, with errors that name the entry. */
final class StateEntries {
    private StateEntries() {
    }

    private static StoredTensor require(Map<String, StoredTensor> state, String key, TensorDtype dtype, int[] shape) {
        StoredTensor t = state.get(key);
        if (t == null) {
            throw new IllegalArgumentException("state entry '" + key + "' is missing; present: " + state.keySet());
        }
        if (t.dtype() != dtype || !Arrays.equals(t.shape(), shape)) {
            throw new IllegalArgumentException("state entry '" + key + "' is " + t + ", expected " + dtype
                    + Arrays.toString(shape));
        }
        return t;
    }

    /** An F64 scalar. */
    static double scalar(Map<String, StoredTensor> state, String key) {
        return require(state, key, TensorDtype.F64, new int[0]).doubles()[0];
    }

    /** An I64 scalar. */
    static long count(Map<String, StoredTensor> state, String key) {
        return require(state, key, TensorDtype.I64, new int[0]).longs()[0];
    }

    /** An F64 tensor of the given shape. */
    static double[] doubles(Map<String, StoredTensor> state, String key, int[] shape) {
        return require(state, key, TensorDtype.F64, shape).doubles();
    }

    /** Per-parameter F64 arrays named {@code prefix + parameter name}, checked before any is returned. */
    static double[][] perParameter(Map<String, StoredTensor> state, String prefix, Parameters parameters) {
        double[][] out = new double[parameters.size()][];
        int i = 0;
        for (Parameter p : parameters) {
            out[i++] = doubles(state, prefix + p.name(), p.shape());
        }
        return out;
    }

    /** Adds per-parameter arrays named {@code prefix + parameter name} to {@code state}. */
    static void putPerParameter(Map<String, StoredTensor> state, String prefix, Parameters parameters, double[][] arrays) {
        int i = 0;
        for (Parameter p : parameters) {
            state.put(prefix + p.name(), StoredTensor.f64(p.shape(), arrays[i++]));
        }
    }

    /** Copies {@code from[i]} into {@code to[i]} for every i. */
    static void copyInto(double[][] from, double[][] to) {
        for (int i = 0; i < from.length; i++) {
            System.arraycopy(from[i], 0, to[i], 0, from[i].length);
        }
    }
}
