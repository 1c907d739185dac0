package org.equikern.train;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The contents of a safetensors file: named tensors (in the order given, or in file order when
 * read) and the optional {@code __metadata__} string map.
 */
public final class TensorFile {
    private final Map<String, StoredTensor> tensors;
    private final Map<String, String> metadata;

    /** Copies both maps, keeping their iteration order. */
    public TensorFile(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (this.tensors.containsKey(Safetensors.METADATA_KEY)) {
            throw new IllegalArgumentException("a tensor may not be named '" + Safetensors.METADATA_KEY
                    + "': the format reserves that name for the metadata");
        }
    }

    /** Tensors only, no metadata. */
    public TensorFile(Map<String, StoredTensor> tensors) {
        this(tensors, Map.of());
    }

    /** The tensors, read-only. */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /** The {@code __metadata__} entries, read-only; empty when the file has none. */
    public Map<String, String> metadata() {
        return metadata;
    }

    /** The tensor named {@code name}; the exception lists the names there are. */
    public StoredTensor tensor(String name) {
        StoredTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; the file has " + tensors.keySet());
        }
        return t;
    }
}
