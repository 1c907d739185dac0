package org.equikern.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code key=value} pairs of an extended XYZ comment line, read character by character as ASE's
 * {@code key_val_str_to_dict} does: values may be quoted with {@code "…"}, {@code '…'}, {@code {…}}
 * or {@code […]}; a backslash takes the next character literally; a key without {@code =} is true.
 */
final class CommentLine {
    private CommentLine() {
    }

    /**
     * Key to value text (quotes and escapes removed), in line order; a repeated key keeps the last value.
     *
     * @throws IllegalArgumentException for an unclosed quote or bracket, or a value without a key
     */
    static Map<String, String> parse(String line) {
        Map<String, String> out = new LinkedHashMap<>();
        StringBuilder key = new StringBuilder();
        StringBuilder value = null;          // null while reading a key
        boolean quoted = false;              // the current value has a quoted part (so "" is a value)
        String bareKey = null;               // the last key put without '=', which "key =value" reopens
        char closing = 0;                    // the delimiter that ends the current quoted part
        boolean escaped = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            StringBuilder current = value == null ? key : value;
            if (escaped) {
                current.append(c);
                escaped = false;
            } else if (c == '\\') {
                escaped = true;
            } else if (closing != 0) {
                if (c == closing) {
                    closing = 0;
                } else {
                    current.append(c);
                }
            } else if (c == '"' || c == '\'' || c == '{' || c == '[') {
                closing = c == '{' ? '}' : c == '[' ? ']' : c;
                quoted |= value != null;
            } else if (Character.isWhitespace(c)) {
                boolean awaitingValue = value != null && value.length() == 0 && !quoted;   // "key= value"
                if (!awaitingValue && (key.length() > 0 || value != null)) {
                    bareKey = value == null ? key.toString() : null;
                    put(out, key, value);
                    key.setLength(0);
                    value = null;
                    quoted = false;
                }
            } else if (c == '=' && value == null) {
                if (key.length() == 0) {
                    if (bareKey == null) {
                        throw new IllegalArgumentException("'=' at column " + (i + 1) + " has no key before it");
                    }
                    out.remove(bareKey);                                            // "key =value"
                    key.append(bareKey);
                }
                bareKey = null;
                value = new StringBuilder();
            } else {
                current.append(c);
            }
        }
        if (closing != 0) {
            throw new IllegalArgumentException("the value of '" + key + "' opens with a quote or bracket that is "
                    + "never closed (expected '" + closing + "')");
        }
        if (key.length() > 0 || value != null) {
            put(out, key, value);
        }
        return out;
    }

    private static void put(Map<String, String> out, StringBuilder key, StringBuilder value) {
        out.put(key.toString(), value == null ? "T" : value.toString());
    }

    /** {@code key=value}, the value quoted and escaped when it holds anything a bare value may not. */
    static String pair(String key, String text) {
        return key + "=" + quoteIfNeeded(text);
    }

    static String quoteIfNeeded(String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new IllegalArgumentException("value '" + text.replace("\n", "\\n").replace("\r", "\\r")
                    + "' holds a line break, which a comment line cannot");
        }
        boolean plain = !text.isEmpty();
        for (int i = 0; i < text.length() && plain; i++) {
            char c = text.charAt(i);
            plain = !Character.isWhitespace(c) && "\"'{}[]=\\".indexOf(c) < 0;
        }
        if (plain) {
            return text;
        }
        return '"' + text.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }
}
