package org.equikern.testing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed reading of a JSON object of a test reference file, over Jackson's tree. A missing field or
 * one of the wrong type fails the test, naming the field's path in the file.
 */
public final class JsonObject {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final JsonNode node;
    private final String path;

    private JsonObject(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** Parses {@code text}, whose top level must be an object; {@code name} names it in failures. */
    public static JsonObject parse(String text, String name) {
        try {
            return of(MAPPER.readTree(text), name);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(name + ": " + e.getOriginalMessage(), e);
        }
    }

    private static JsonObject of(JsonNode node, String path) {
        if (!node.isObject()) throw new IllegalStateException(path + ": expected an object, found " + node);
        return new JsonObject(node, path);
    }

    /** Where this object sits in its file, for messages ({@code torch_optim.ref.txt.clip[2]}). */
    public String path() {
        return path;
    }

    public boolean has(String key) {
        return node.hasNonNull(key);
    }

    private JsonNode field(String key) {
        JsonNode v = node.get(key);
        if (v == null) throw new IllegalStateException(path + "." + key + ": missing field");
        return v;
    }

    private static JsonNode checked(JsonNode v, boolean ok, String what, String at) {
        if (!ok) throw new IllegalStateException(at + ": expected " + what + ", found " + v);
        return v;
    }

    public String string(String key) {
        JsonNode v = field(key);
        return checked(v, v.isTextual(), "a string", path + "." + key).textValue();
    }

    public double number(String key) {
        JsonNode v = field(key);
        return checked(v, v.isNumber(), "a number", path + "." + key).doubleValue();
    }

    public int integer(String key) {
        JsonNode v = field(key);
        return checked(v, v.canConvertToExactIntegral() && v.canConvertToInt(), "an int", path + "." + key).intValue();
    }

    public boolean bool(String key) {
        JsonNode v = field(key);
        return checked(v, v.isBoolean(), "true or false", path + "." + key).booleanValue();
    }

    public boolean bool(String key, boolean fallback) {
        return has(key) ? bool(key) : fallback;
    }

    /** A flat numeric array. */
    public double[] doubles(String key) {
        JsonNode array = array(key);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = checked(array.get(i), array.get(i).isNumber(), "a number", path + "." + key + "[" + i + "]")
                    .doubleValue();
        }
        return out;
    }

    /** A flat array of ints. */
    public int[] ints(String key) {
        JsonNode array = array(key);
        int[] out = new int[array.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = array.get(i);
            out[i] = checked(v, v.canConvertToExactIntegral() && v.canConvertToInt(), "an int",
                    path + "." + key + "[" + i + "]").intValue();
        }
        return out;
    }

    /** An array as plain Java values (String, Boolean, Integer, Double, List, Map, null). */
    public List<?> list(String key) {
        return MAPPER.convertValue(array(key), List.class);
    }

    public JsonObject object(String key) {
        return of(field(key), path + "." + key);
    }

    /** An array of objects. */
    public List<JsonObject> objects(String key) {
        JsonNode array = array(key);
        List<JsonObject> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) out.add(of(array.get(i), path + "." + key + "[" + i + "]"));
        return out;
    }

    private JsonNode array(String key) {
        JsonNode v = field(key);
        return checked(v, v.isArray(), "an array", path + "." + key);
    }
}
