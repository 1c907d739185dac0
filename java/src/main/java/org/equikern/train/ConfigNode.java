package org.equikern.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One section of a configuration: a map from field name to a value that is a {@link String},
 * {@link Number}, {@link Boolean}, {@link List} or nested {@link Map}, as a YAML or JSON parser
 * produces it. Typed reads name the field by its dotted path when a value has the wrong type or is
 * out of range ({@link ConfigException}), and {@link #rejectUnknown} names any field nobody reads, so
 * a misspelt key fails instead of being silently ignored. Reads do not modify the map.
 */
public final class ConfigNode {
    private final String path;
    private final Map<String, Object> values;

    private ConfigNode(String path, Map<String, Object> values) {
        this.path = path;
        this.values = values;
    }

    /**
     * The top level of a configuration (the map is copied, shallowly).
     *
     * @param values the top-level fields, as parsed from YAML or JSON
     * @return the root section
     */
    public static ConfigNode root(Map<String, ?> values) {
        return new ConfigNode("", new LinkedHashMap<>(values));
    }

    /**
     * The fields as given (read-only).
     *
     * @return an unmodifiable view of the fields
     */
    public Map<String, Object> asMap() {
        return Collections.unmodifiableMap(values);
    }

    /**
     * The dotted path of {@code name} in this section.
     *
     * @param name the field name in this section
     * @return the path, e.g. {@code model.num_basis}
     */
    public String pathOf(String name) {
        return path.isEmpty() ? name : path + "." + name;
    }

    /**
     * Whether the field is present (and not null).
     *
     * @param name the field name in this section
     * @return whether it has a non-null value
     */
    public boolean has(String name) {
        return values.get(name) != null;
    }

    /**
     * Fails naming the first field (in sorted order) that is not in {@code known}.
     *
     * @param known the field names this section accepts
     * @throws ConfigException naming the field when it is unknown
     */
    public void rejectUnknown(Set<String> known) {
        for (String name : new TreeSet<>(values.keySet())) {
            if (!known.contains(name)) {
                throw new ConfigException(pathOf(name), "unknown field; known fields: " + new TreeSet<>(known));
            }
        }
    }

    /**
     * A nested section; an empty one when absent.
     *
     * @param name the field name in this section
     * @return the section, whose paths are prefixed with its own
     * @throws ConfigException naming the field when it is not a map
     */
    @SuppressWarnings("unchecked")
    public ConfigNode section(String name) {
        Object v = values.get(name);
        if (v == null) {
            return new ConfigNode(pathOf(name), new LinkedHashMap<>());
        }
        if (!(v instanceof Map)) {
            throw wrongType(name, "a section (map)", v);
        }
        return new ConfigNode(pathOf(name), new LinkedHashMap<>((Map<String, Object>) v));
    }

    /**
     * A required string.
     *
     * @param name the field name in this section
     * @return the value
     * @throws ConfigException naming the field when it is missing or not a string
     */
    public String string(String name) {
        Object v = require(name);
        if (!(v instanceof String)) {
            throw wrongType(name, "a string", v);
        }
        return (String) v;
    }

    /**
     * A string, or {@code fallback} when absent.
     *
     * @param name the field name in this section
     * @param fallback the value when it is absent
     * @return the value or the fallback
     * @throws ConfigException naming the field when it is not a string
     */
    public String string(String name, String fallback) {
        return has(name) ? string(name) : fallback;
    }

    /**
     * A string that must be one of {@code choices} (compared ignoring case); returns the choice as spelt
     * there.
     *
     * @param name the field name in this section
     * @param fallback the value when it is absent
     * @param choices the allowed values
     * @return the choice as spelt in {@code choices}
     * @throws ConfigException naming the field when it is not a string or not one of the choices
     */
    public String choice(String name, String fallback, List<String> choices) {
        String v = string(name, fallback);
        for (String c : choices) {
            if (c.equalsIgnoreCase(v)) {
                return c;
            }
        }
        throw new ConfigException(pathOf(name), "'" + v + "' is not one of " + choices);
    }

    /**
     * A number in {@code [low, high]}, or {@code fallback} when absent.
     *
     * @param name the field name in this section
     * @param fallback the value when it is absent
     * @param low the lowest allowed value
     * @param high the highest allowed value
     * @return the value or the fallback
     * @throws ConfigException naming the field when it is not a number or out of range
     */
    public double number(String name, double fallback, double low, double high) {
        if (!has(name)) {
            return fallback;
        }
        Object v = values.get(name);
        if (!(v instanceof Number)) {
            throw wrongType(name, "a number", v);
        }
        double d = ((Number) v).doubleValue();
        if (!(d >= low && d <= high)) {
            throw new ConfigException(pathOf(name), d + " is out of range [" + low + ", " + high + "]");
        }
        return d;
    }

    /**
     * A required number in {@code [low, high]}.
     *
     * @param name the field name in this section
     * @param low the lowest allowed value
     * @param high the highest allowed value
     * @return the value
     * @throws ConfigException naming the field when it is missing, not a number or out of range
     */
    public double number(String name, double low, double high) {
        require(name);
        return number(name, Double.NaN, low, high);
    }

    /**
     * An integer in {@code [low, high]}, or {@code fallback} when absent.
     *
     * @param name the field name in this section
     * @param fallback the value when it is absent
     * @param low the lowest allowed value
     * @param high the highest allowed value
     * @return the value or the fallback
     * @throws ConfigException naming the field when it is not an integer or out of range
     */
    public long integer(String name, long fallback, long low, long high) {
        if (!has(name)) {
            return fallback;
        }
        Object v = values.get(name);
        if (!(v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte)) {
            throw wrongType(name, "an integer", v);
        }
        long n = ((Number) v).longValue();
        if (n < low || n > high) {
            throw new ConfigException(pathOf(name), n + " is out of range [" + low + ", " + high + "]");
        }
        return n;
    }

    /**
     * A boolean, or {@code fallback} when absent.
     *
     * @param name the field name in this section
     * @param fallback the value when it is absent
     * @return the value or the fallback
     * @throws ConfigException naming the field when it is not true or false
     */
    public boolean bool(String name, boolean fallback) {
        if (!has(name)) {
            return fallback;
        }
        Object v = values.get(name);
        if (!(v instanceof Boolean)) {
            throw wrongType(name, "true or false", v);
        }
        return (Boolean) v;
    }

    /**
     * A list of strings, or {@code null} when absent.
     *
     * @param name the field name in this section
     * @return a new list, or null
     * @throws ConfigException naming the field when it is not a list of strings
     */
    public List<String> strings(String name) {
        List<?> list = list(name);
        if (list == null) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (Object o : list) {
            if (!(o instanceof String)) {
                throw wrongType(name, "a list of strings", o);
            }
            out.add((String) o);
        }
        return out;
    }

    /**
     * A list of numbers, or {@code null} when absent.
     *
     * @param name the field name in this section
     * @return a new array, or null
     * @throws ConfigException naming the field when it is not a list of numbers
     */
    public double[] numbers(String name) {
        List<?> list = list(name);
        if (list == null) {
            return null;
        }
        double[] out = new double[list.size()];
        for (int i = 0; i < out.length; i++) {
            if (!(list.get(i) instanceof Number)) {
                throw wrongType(name, "a list of numbers", list.get(i));
            }
            out[i] = ((Number) list.get(i)).doubleValue();
        }
        return out;
    }

    private List<?> list(String name) {
        if (!has(name)) {
            return null;
        }
        Object v = values.get(name);
        if (!(v instanceof List)) {
            throw wrongType(name, "a list", v);
        }
        return (List<?>) v;
    }

    private Object require(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new ConfigException(pathOf(name), "missing (required)");
        }
        return v;
    }

    private ConfigException wrongType(String name, String expected, Object actual) {
        return new ConfigException(pathOf(name), "expected " + expected + ", got " + describe(actual));
    }

    private static String describe(Object v) {
        if (v instanceof String) {
            return "the string '" + v + "'";
        }
        if (v instanceof Map) {
            return "a section";
        }
        if (v instanceof List) {
            return "a list";
        }
        return String.valueOf(v);
    }
}
