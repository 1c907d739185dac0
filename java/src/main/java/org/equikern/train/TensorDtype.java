package org.equikern.train;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Element types of a {@link StoredTensor}, named as in the safetensors header. */
public enum TensorDtype {
    /** 64-bit IEEE float. */
    F64(8, 12),
    /** 32-bit IEEE float. */
    F32(4, 11),
    /** 64-bit signed integer. */
    I64(8, 13),
    /** 32-bit signed integer. */
    I32(4, 9);

    private final int bytes;
    private final int safetensorsRank;

    TensorDtype(int bytes, int safetensorsRank) {
        this.bytes = bytes;
        this.safetensorsRank = safetensorsRank;
    }

    /**
     * Bytes per element.
     *
     * @return 4 or 8
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Position in the Rust implementation's dtype enumeration (BOOL = 0 … U64 = 14); its writer
     * lays tensors out by descending rank, then by name.
     */
    int safetensorsRank() {
        return safetensorsRank;
    }

    /** The dtype named {@code name} in a header; {@code where} prefixes the error message. */
    static TensorDtype parse(String name, String where) {
        for (TensorDtype d : values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        throw new IllegalArgumentException(where + ": unsupported dtype '" + name + "'; supported: "
                + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
