package org.equikern.validate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Typed access to a JSON object of a reference file, read by Jackson, with errors that name the
 * missing or mistyped field and where it sits ({@code cases[3].x1}), so a broken file is easy to
 * fix. JSON is strict (no NaN or Infinity: no reference file needs them) and nests at most
 * {@value #MAX_DEPTH} levels.
 */
public final class JsonFields {
    /** The deepest nesting of objects and arrays accepted; reference files need fewer than 10. */
    public static final int MAX_DEPTH = 512;

    private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
                    .build())
            .build();

    private final JsonNode object;
    private final String path;

    private JsonFields(JsonNode object, String path) {
        this.object = object;
        this.path = path;
    }

    /**
     * Parses text whose top level must be an object; {@code path} prefixes field names in messages.
     *
     * @throws IllegalArgumentException for JSON syntax, naming the offset ({@code invalid JSON at
     *     offset 12: ...})
     * @throws JsonFieldException when the top level is not an object
     */
    public static JsonFields parse(String text, String path) {
        JsonNode root;
        try (JsonParser parser = MAPPER.createParser(text)) {
            try {
                root = MAPPER.readTree(parser);
                if (parser.nextToken() != null) {
                    throw new IllegalArgumentException(syntaxError(parser.currentTokenLocation(),
                            "trailing characters after the JSON value"));
                }
            } catch (StreamConstraintsException e) {
                // Carries no location of its own: the parser stands on the '[' or '{' one level too deep.
                throw new IllegalArgumentException(syntaxError(parser.currentTokenLocation(),
                        "objects and arrays nested deeper than " + MAX_DEPTH), e);
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(syntaxError(e.getLocation(), e.getOriginalMessage()), e);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String reader does not fail
        }
        if (root == null || !root.isObject()) throw new JsonFieldException(path, "top level is not a JSON object");
        return new JsonFields(root, path);
    }

    private static String syntaxError(JsonLocation at, String what) {
        return "invalid JSON" + (at == null ? "" : " at offset " + at.getCharOffset()) + ": " + what;
    }

    /** Where this object sits in its file, for messages. */
    public String path() {
        return path;
    }

    /** Whether the field is present and not null. */
    public boolean has(String key) {
        JsonNode v = object.get(key);
        return v != null && !v.isNull();
    }

    private JsonNode required(String key) {
        JsonNode v = object.get(key);
        if (v == null) throw new JsonFieldException(where(key), "missing field");
        return v;
    }

    /** The path of this object's field {@code key}, for messages ({@code cases[3].x1}). */
    public String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public String string(String key) {
        JsonNode v = required(key);
        if (!v.isTextual()) throw new JsonFieldException(where(key), "expected a string, found " + describe(v));
        return v.textValue();
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public double number(String key) {
        return number(required(key), where(key));
    }

    private static double number(JsonNode v, String at) {
        if (!v.isNumber()) throw new JsonFieldException(at, "expected a number, found " + describe(v));
        return v.doubleValue();
    }

    public int integer(String key) {
        double d = number(key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new JsonFieldException(where(key), "expected an integer, found " + d);
        }
        return (int) d;
    }

    public boolean bool(String key) {
        JsonNode v = required(key);
        if (!v.isBoolean()) throw new JsonFieldException(where(key), "expected true or false, found " + describe(v));
        return v.booleanValue();
    }

    public boolean bool(String key, boolean fallback) {
        return has(key) ? bool(key) : fallback;
    }

    /** A flat numeric array. */
    public double[] doubles(String key) {
        JsonNode array = array(key);
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) out[i] = number(array.get(i), where(key) + "[" + i + "]");
        return out;
    }

    /** A flat numeric array that must have exactly {@code expectedLength} entries. */
    public double[] doubles(String key, long expectedLength) {
        int length = length(key);
        if (length != expectedLength) {
            throw new JsonFieldException(where(key), "expected " + expectedLength + " values, found " + length);
        }
        return doubles(key);
    }

    public int[] ints(String key) {
        double[] d = doubles(key);
        int[] out = new int[d.length];
        for (int i = 0; i < d.length; i++) {
            if (d[i] != Math.rint(d[i])) throw new JsonFieldException(where(key) + "[" + i + "]", "expected an integer");
            out[i] = (int) d[i];
        }
        return out;
    }

    /** A string array whose entries may be null (kept as null). */
    public List<String> stringsOrNulls(String key) {
        JsonNode array = array(key);
        List<String> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            if (!v.isTextual() && !v.isNull()) {
                throw new JsonFieldException(where(key) + "[" + i + "]", "expected a string or null, found "
                        + describe(v));
            }
            out.add(v.textValue());
        }
        return out;
    }

    public JsonFields object(String key) {
        JsonNode v = required(key);
        if (!v.isObject()) throw new JsonFieldException(where(key), "expected an object, found " + describe(v));
        return new JsonFields(v, where(key));
    }

    /** A list of objects, each knowing its position ({@code cases[2]}). */
    public List<JsonFields> objects(String key) {
        JsonNode array = array(key);
        List<JsonFields> out = new ArrayList<>(array.size());
        for (int i = 0; i < array.size(); i++) {
            JsonNode v = array.get(i);
            String at = where(key) + "[" + i + "]";
            if (!v.isObject()) throw new JsonFieldException(at, "expected an object, found " + describe(v));
            out.add(new JsonFields(v, at));
        }
        return out;
    }

    /** The number of entries of the array {@code key}. */
    public int length(String key) {
        return array(key).size();
    }

    private JsonNode array(String key) {
        JsonNode v = required(key);
        if (!v.isArray()) throw new JsonFieldException(where(key), "expected an array, found " + describe(v));
        return v;
    }

    private static String describe(JsonNode v) {
        if (v.isNull()) return "null";
        if (v.isObject()) return "an object";
        if (v.isArray()) return "an array";
        if (v.isTextual()) return "the string \"" + v.textValue() + "\"";
        return v.toString();
    }
}
