package org.equikern.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Typed access to a parsed JSON object, with errors that name the missing or mistyped field and
 * where it sits ({@code "cases[3].x1"}), so a broken reference file is easy to fix.
 */
public final class JsonObject {
    private final Map<String, Object> fields;
    private final String path;

    public JsonObject(Map<String, Object> fields, String path) {
        this.fields = fields;
        this.path = path;
    }

    /** Parses text whose top level must be an object. */
    @SuppressWarnings("unchecked")
    public static JsonObject parse(String text, String path) {
        Object value = Json.parse(text);
        if (!(value instanceof Map)) {
            throw new JsonFieldException(path, "top level is not a JSON object");
        }
        return new JsonObject((Map<String, Object>) value, path);
    }

    /** Where this object sits in its file, for messages. */
    public String path() {
        return path;
    }

    public boolean has(String key) {
        return fields.containsKey(key) && fields.get(key) != null;
    }

    private Object required(String key) {
        if (!fields.containsKey(key)) {
            throw new JsonFieldException(where(key), "missing field");
        }
        return fields.get(key);
    }

    /** The path of this object's field {@code key}, for messages ({@code cases[3].x1}). */
    public String where(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    public String string(String key) {
        Object v = required(key);
        if (!(v instanceof String)) throw new JsonFieldException(where(key), "expected a string, found " + describe(v));
        return (String) v;
    }

    public String string(String key, String fallback) {
        return has(key) ? string(key) : fallback;
    }

    public double number(String key) {
        Object v = required(key);
        if (!(v instanceof Double)) throw new JsonFieldException(where(key), "expected a number, found " + describe(v));
        return (Double) v;
    }

    public int integer(String key) {
        double d = number(key);
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw new JsonFieldException(where(key), "expected an integer, found " + d);
        }
        return (int) d;
    }

    public boolean bool(String key) {
        Object v = required(key);
        if (!(v instanceof Boolean)) throw new JsonFieldException(where(key), "expected true or false, found " + describe(v));
        return (Boolean) v;
    }

    public boolean bool(String key, boolean fallback) {
        return has(key) ? bool(key) : fallback;
    }

    /** A flat numeric array. */
    public double[] doubles(String key) {
        List<?> list = list(key);
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            Object v = list.get(i);
            if (!(v instanceof Double)) {
                throw new JsonFieldException(where(key) + "[" + i + "]", "expected a number, found " + describe(v));
            }
            out[i] = (Double) v;
        }
        return out;
    }

    /** A flat numeric array that must have exactly {@code expectedLength} entries. */
    public double[] doubles(String key, long expectedLength) {
        double[] out = doubles(key);
        if (out.length != expectedLength) {
            throw new JsonFieldException(where(key), "expected " + expectedLength + " values, found " + out.length);
        }
        return out;
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

    public JsonObject object(String key) {
        Object v = required(key);
        if (!(v instanceof Map)) throw new JsonFieldException(where(key), "expected an object, found " + describe(v));
        @SuppressWarnings("unchecked")
        Map<String, Object> m = (Map<String, Object>) v;
        return new JsonObject(m, where(key));
    }

    /** A list of objects, each knowing its position ({@code cases[2]}). */
    public List<JsonObject> objects(String key) {
        List<?> list = list(key);
        List<JsonObject> out = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object v = list.get(i);
            String at = where(key) + "[" + i + "]";
            if (!(v instanceof Map)) throw new JsonFieldException(at, "expected an object, found " + describe(v));
            @SuppressWarnings("unchecked")
            Map<String, Object> m = (Map<String, Object>) v;
            out.add(new JsonObject(m, at));
        }
        return out;
    }

    public List<?> list(String key) {
        Object v = required(key);
        if (!(v instanceof List)) throw new JsonFieldException(where(key), "expected an array, found " + describe(v));
        return (List<?>) v;
    }

    private static String describe(Object v) {
        if (v == null) return "null";
        if (v instanceof Map) return "an object";
        if (v instanceof List) return "an array";
        if (v instanceof String) return "the string \"" + v + "\"";
        return v.toString();
    }
}
