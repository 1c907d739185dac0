package org.equikern.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The parsed and validated JSON header of a safetensors file. */
final class SafetensorsHeader {
    /** Largest integer a JSON number parsed as a double holds exactly. */
    private static final double MAX_EXACT = 9007199254740992.0;
    /** Strict JSON (no trailing tokens); repeated keys are found by {@link #firstDuplicateKey}. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS).build();

    /** One tensor's header entry; {@code begin} is relative to the data buffer. */
    static final class Entry {
        final String name;
        final TensorDtype dtype;
        final int[] shape;
        final int count;
        final long begin;
        final long end;

        private Entry(String name, TensorDtype dtype, int[] shape, int count, long begin, long end) {
            this.name = name;
            this.dtype = dtype;
            this.shape = shape;
            this.count = count;
            this.begin = begin;
            this.end = end;
        }
    }

    private final List<Entry> entries;
    private final Map<String, String> metadata;

    private SafetensorsHeader(List<Entry> entries, Map<String, String> metadata) {
        this.entries = entries;
        this.metadata = metadata;
    }

    /** Entries in data order. */
    List<Entry> entries() {
        return entries;
    }

    Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Parses {@code text} and checks its offsets against a data buffer of {@code dataBytes} bytes.
     */
    static SafetensorsHeader parse(String text, long dataBytes, String where) throws SafetensorsFormatException {
        if (!text.startsWith("{")) {
            throw new SafetensorsFormatException(where + ": the header does not start with '{'");
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new SafetensorsFormatException(where + ": the header is not valid JSON: " + e.getOriginalMessage());
        }
        String duplicate = firstDuplicateKey(text);
        if (duplicate != null) {
            throw new SafetensorsFormatException(where + ": the header names '" + duplicate + "' twice");
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        List<Entry> entries = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : fields(root, where, "the header")) {
            if (e.getKey().equals(Safetensors.METADATA_KEY)) {
                for (Map.Entry<String, JsonNode> m : fields(e.getValue(), where, Safetensors.METADATA_KEY)) {
                    if (!m.getValue().isTextual()) {
                        throw new SafetensorsFormatException(where + ": " + Safetensors.METADATA_KEY + " entry '"
                                + m.getKey() + "' is not a string");
                    }
                    metadata.put(m.getKey(), m.getValue().textValue());
                }
            } else {
                entries.add(entry(e.getKey(), e.getValue(), where));
            }
        }
        entries.sort(Comparator.<Entry>comparingLong(x -> x.begin).thenComparingLong(x -> x.end));
        checkCoverage(entries, dataBytes, where);
        return new SafetensorsHeader(entries, metadata);
    }

    private static Entry entry(String name, JsonNode info, String where) throws SafetensorsFormatException {
        String at = where + ": tensor '" + name + "'";
        fields(info, at, "the entry");
        JsonNode dtypeName = info.get("dtype");
        if (dtypeName == null || !dtypeName.isTextual()) {
            throw new SafetensorsFormatException(at + ": missing or non-string dtype");
        }
        TensorDtype dtype;
        try {
            dtype = TensorDtype.parse(dtypeName.textValue(), at);
        } catch (IllegalArgumentException e) {
            throw new SafetensorsFormatException(e.getMessage());
        }
        long[] dims = integers(info.get("shape"), -1, at, "shape");
        long[] offsets = integers(info.get("data_offsets"), 2, at, "data_offsets");
        int[] shape = new int[dims.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            if (dims[i] > StoredTensor.MAX_ELEMENTS) {
                throw new SafetensorsFormatException(at + ": dimension " + dims[i] + " is above the limit "
                        + StoredTensor.MAX_ELEMENTS + " of a Java array");
            }
            shape[i] = (int) dims[i];
            count = Math.min(count * dims[i], (long) StoredTensor.MAX_ELEMENTS + 1);
        }
        if (count > StoredTensor.MAX_ELEMENTS) {
            throw new SafetensorsFormatException(at + ": shape " + Arrays.toString(dims) + " holds more than the "
                    + StoredTensor.MAX_ELEMENTS + " elements of a Java array");
        }
        long bytes = count * dtype.bytes();
        if (offsets[1] < offsets[0] || offsets[1] - offsets[0] != bytes) {
            throw new SafetensorsFormatException(at + ": " + dtype + " " + Arrays.toString(dims) + " needs " + bytes
                    + " bytes but data_offsets " + Arrays.toString(offsets) + " span " + (offsets[1] - offsets[0]));
        }
        return new Entry(name, dtype, shape, (int) count, offsets[0], offsets[1]);
    }

    /** Tensors sorted by offset must tile [0, dataBytes) exactly. */
    private static void checkCoverage(List<Entry> entries, long dataBytes, String where) throws SafetensorsFormatException {
        long covered = 0;
        String previous = null;
        for (Entry e : entries) {
            String at = where + ": tensor '" + e.name + "' at data_offsets [" + e.begin + ", " + e.end + "]";
            if (e.begin < covered) {
                throw new SafetensorsFormatException(at + " overlaps tensor '" + previous + "' (ends at " + covered + ")");
            }
            if (e.begin > covered) {
                throw new SafetensorsFormatException(at + " leaves bytes [" + covered + ", " + e.begin
                        + ") of the data buffer uncovered");
            }
            if (e.end > dataBytes) {
                throw new SafetensorsFormatException(at + " runs past the end of the " + dataBytes + "-byte data buffer");
            }
            covered = e.end;
            previous = e.name;
        }
        if (covered != dataBytes) {
            throw new SafetensorsFormatException(where + ": the tensors cover " + covered + " bytes of the "
                    + dataBytes + "-byte data buffer; the rest is unaccounted for");
        }
    }

    /** The fields of a JSON object, in file order. */
    private static List<Map.Entry<String, JsonNode>> fields(JsonNode value, String where, String what)
            throws SafetensorsFormatException {
        if (!value.isObject()) {
            throw new SafetensorsFormatException(where + ": " + what + " is not a JSON object");
        }
        List<Map.Entry<String, JsonNode>> out = new ArrayList<>();
        value.fields().forEachRemaining(out::add);
        return out;
    }

    /** A JSON array of non-negative integers, of length {@code length} unless it is -1. */
    private static long[] integers(JsonNode value, int length, String where, String field)
            throws SafetensorsFormatException {
        if (value == null || !value.isArray() || (length >= 0 && value.size() != length)) {
            throw new SafetensorsFormatException(where + ": " + field + " must be an array of "
                    + (length >= 0 ? length + " " : "") + "non-negative integers, found " + value);
        }
        long[] out = new long[value.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = value.get(i);
            double d = v.isNumber() ? v.doubleValue() : -1;
            if (d < 0 || d != Math.rint(d) || d > MAX_EXACT) {
                throw new SafetensorsFormatException(where + ": " + field + "[" + i + "] = " + v
                        + " is not an integer in [0, 2^53]");
            }
            out[i] = (long) d;
        }
        return out;
    }

    /**
     * The first key that repeats within one JSON object of {@code json} (already known to be valid),
     * or null. Jackson keeps the last of repeated keys silently, so they are found here.
     */
    static String firstDuplicateKey(String json) {
        Deque<Set<String>> objects = new ArrayDeque<>();
        Set<String> arrayMarker = new HashSet<>();
        boolean expectKey = false;
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == '"') {
                int end = i + 1;
                while (json.charAt(end) != '"') {
                    end += json.charAt(end) == '\\' ? 2 : 1;
                }
                if (expectKey) {
                    String key = decodeString(json.substring(i, end + 1));
                    if (!objects.peek().add(key)) {
                        return key;
                    }
                }
                expectKey = false;
                i = end;
            } else if (c == '{') {
                objects.push(new HashSet<>());
                expectKey = true;
            } else if (c == '[') {
                objects.push(arrayMarker);
            } else if (c == '}' || c == ']') {
                objects.pop();
            } else if (c == ',') {
                expectKey = objects.peek() != arrayMarker;
            }
        }
        return null;
    }

    /** A quoted JSON string of {@code json} (valid, since the whole header parsed), unescaped. */
    private static String decodeString(String quoted) {
        try {
            return JSON.readValue(quoted, String.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string of a parsed header does not parse: " + quoted, e);
        }
    }
}
