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

    /**
     * Copies both maps, keeping their iteration order.
     *
     * @param tensors the tensors by name, in file order
     * @param metadata the {@code __metadata__} entries
     * @throws IllegalArgumentException for a tensor named {@code __metadata__}
     */
    public TensorFile(Map<String, StoredTensor> tensors, Map<String, String> metadata) {
        this.tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        if (this.tensors.containsKey(Safetensors.METADATA_KEY)) {
            throw new IllegalArgumentException("a tensor may not be named '" + Safetensors.METADATA_KEY
                    + "': the format reserves that name for the metadata");
        }
    }

    /**
     * Tensors only, no metadata.
     *
     * @param tensors the tensors by name, in file order
     * @throws IllegalArgumentException for a tensor named {@code __metadata__}
     */
    public TensorFile(Map<String, StoredTensor> tensors) {
        this(tensors, Map.of());
    }

    /**
     * The tensors, read-only.
     *
     * @return the tensors by name
     */
    public Map<String, StoredTensor> tensors() {
        return tensors;
    }

    /**
     * The {@code __metadata__} entries, read-only; empty when the file has none.
     *
     * @return the entries
     */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * The tensor named {@code name}; the exception lists the names there are.
     *
     * @param name the tensor's name
     * @return the tensor
     * @throws IllegalArgumentException for an unknown name, listing the known ones
     */
    public StoredTensor tensor(String name) {
        StoredTensor t = tensors.get(name);
        if (t == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "'; the file has " + tensors.keySet());
        }
        return t;
    }
}
