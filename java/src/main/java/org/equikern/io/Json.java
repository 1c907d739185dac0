package org.equikern.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A small, strict JSON reader for reference files. Objects become {@link Map} (insertion order),
 * arrays {@link List}, numbers {@link Double}, plus {@link String}, {@link Boolean} and {@code null}.
 * Numeric arrays are the bulk of reference files, so they are parsed without boxing when read
 * through {@link JsonObject#doubles(String)}. Objects and arrays may nest at most
 * {@value #MAX_DEPTH} deep: the reader is recursive, and deeper input is rejected with its offset
 * instead of overflowing the stack.
 */
public final class Json {
    /** The deepest nesting of objects and arrays accepted; reference files need fewer than 10. */
    public static final int MAX_DEPTH = 512;

    private final String text;
    private int pos;
    private int depth;

    private Json(String text) {
        this.text = text;
    }

    /** Parses one JSON value; trailing non-whitespace is an error. */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.skipWhitespace();
        Object value = p.readValue();
        p.skipWhitespace();
        if (p.pos != text.length()) {
            throw p.error("trailing characters after the JSON value");
        }
        return value;
    }

    private Object readValue() {
        if (pos >= text.length()) {
            throw error("unexpected end of input");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{': return nested(this::readObject);
            case '[': return nested(this::readArray);
            case '"': return readString();
            case 't': expectWord("true"); return Boolean.TRUE;
            case 'f': expectWord("false"); return Boolean.FALSE;
            case 'n': expectWord("null"); return null;
            default:
                if (c == '-' || (c >= '0' && c <= '9')) {
                    return readNumber();
                }
                // e3nn writes non-finite floats as bare words.
                if (text.startsWith("NaN", pos)) { pos += 3; return Double.NaN; }
                if (text.startsWith("Infinity", pos)) { pos += 8; return Double.POSITIVE_INFINITY; }
                throw error("unexpected character '" + c + "'");
        }
    }

    /** Reads an object or array one level deeper, rejecting nesting beyond {@link #MAX_DEPTH}. */
    private Object nested(Supplier<Object> reader) {
        if (depth == MAX_DEPTH) {
            throw error("objects and arrays nested deeper than " + MAX_DEPTH);
        }
        depth++;
        Object value = reader.get();
        depth--;
        return value;
    }

    private Map<String, Object> readObject() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++;
        skipWhitespace();
        if (peek() == '}') { pos++; return map; }
        while (true) {
            skipWhitespace();
            if (peek() != '"') throw error("expected a quoted key");
            String key = readString();
            skipWhitespace();
            expect(':');
            skipWhitespace();
            map.put(key, readValue());
            skipWhitespace();
            char c = next();
            if (c == '}') return map;
            if (c != ',') throw error("expected ',' or '}' in object");
        }
    }

    private List<Object> readArray() {
        List<Object> list = new ArrayList<>();
        pos++;
        skipWhitespace();
        if (peek() == ']') { pos++; return list; }
        while (true) {
            skipWhitespace();
            list.add(readValue());
            skipWhitespace();
            char c = next();
            if (c == ']') return list;
            if (c != ',') throw error("expected ',' or ']' in array");
        }
    }

    private String readString() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') return sb.toString();
            if (c != '\\') { sb.append(c); continue; }
            char e = next();
            switch (e) {
                case '"': case '\\': case '/': sb.append(e); break;
                case 'b': sb.append('\b'); break;
                case 'f': sb.append('\f'); break;
                case 'n': sb.append('\n'); break;
                case 'r': sb.append('\r'); break;
                case 't': sb.append('\t'); break;
                case 'u':
                    if (pos + 4 > text.length()) throw error("truncated \\u escape");
                    sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    pos += 4;
                    break;
                default: throw error("bad escape '\\" + e + "'");
            }
        }
    }

    private Double readNumber() {
        int start = pos;
        if (peek() == '-') {
            pos++;
            if (text.startsWith("Infinity", pos)) { pos += 8; return Double.NEGATIVE_INFINITY; }
        }
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if ((c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E' || c == '+' || c == '-') pos++;
            else break;
        }
        try {
            return Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException ex) {
            throw error("malformed number '" + text.substring(start, pos) + "'");
        }
    }

    private void expectWord(String word) {
        if (!text.startsWith(word, pos)) throw error("expected '" + word + "'");
        pos += word.length();
    }

    private void expect(char c) {
        if (next() != c) throw error("expected '" + c + "'");
    }

    private char peek() {
        if (pos >= text.length()) throw error("unexpected end of input");
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void skipWhitespace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) pos++;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException("invalid JSON at offset " + pos + ": " + what);
    }
}
