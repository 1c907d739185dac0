package org.equikern.data;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The four value types of extended XYZ, with their {@code Properties} letters: real ({@code R},
 * held as {@code double[]}), integer ({@code I}, {@code long[]}), string ({@code S}, {@code String[]})
 * and logical ({@code L}, {@code boolean[]}).
 */
public enum ValueType {
    /** Real numbers, held as {@code double[]}. */
    REAL('R'),
    /** Integers, held as {@code long[]}. */
    INTEGER('I'),
    /** Strings, held as {@code String[]}. */
    STRING('S'),
    /** Logicals ({@code T}/{@code F}), held as {@code boolean[]}. */
    LOGICAL('L');

    private static final Pattern INTEGER_TOKEN = Pattern.compile("[+-]?\\d+");
    /** What Python's {@code float()} accepts, less underscores and hexadecimal. */
    private static final Pattern REAL_TOKEN = Pattern.compile(
            "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|(?i:inf|infinity|nan))");

    private final char code;

    ValueType(char code) {
        this.code = code;
    }

    /**
     * The letter in a {@code Properties} entry.
     *
     * @return R, I, S or L
     */
    public char code() {
        return code;
    }

    /** The type of a {@code Properties} letter, or null when the letter is none of R, I, S, L. */
    static ValueType ofCode(String letter) {
        for (ValueType t : values()) {
            if (letter.length() == 1 && letter.charAt(0) == t.code) {
                return t;
            }
        }
        return null;
    }

    /** A long from a decimal integer token, or null when the token is not one or overflows. */
    static Long parseInteger(String token) {
        if (!INTEGER_TOKEN.matcher(token).matches()) {
            return null;
        }
        try {
            return Long.parseLong(token);
        } catch (NumberFormatException overflow) {
            return null;
        }
    }

    /** A double from a token Python's {@code float()} reads, or null (Java's own extras such as {@code 1d} refused). */
    static Double parseReal(String token) {
        if (!REAL_TOKEN.matcher(token).matches()) {
            return null;
        }
        String t = token.toLowerCase(Locale.ROOT);
        String unsigned = t.startsWith("-") || t.startsWith("+") ? t.substring(1) : t;
        if (unsigned.startsWith("inf")) {
            return t.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (unsigned.equals("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(token);
    }

    /** T/F/True/False (ASE's spellings), or null. */
    static Boolean parseLogical(String token) {
        switch (token) {
            case "T":
            case "True":
                return Boolean.TRUE;
            case "F":
            case "False":
                return Boolean.FALSE;
            default:
                return null;
        }
    }

    /** Parses one token of this type into {@code data[index]}; false when the token is not of this type. */
    boolean parseInto(String token, Object data, int index) {
        switch (this) {
            case REAL: {
                Double v = parseReal(token);
                if (v == null) {
                    return false;
                }
                ((double[]) data)[index] = v;
                return true;
            }
            case INTEGER: {
                Long v = parseInteger(token);
                if (v == null) {
                    return false;
                }
                ((long[]) data)[index] = v;
                return true;
            }
            case LOGICAL: {
                Boolean v = parseLogical(token);
                if (v == null) {
                    return false;
                }
                ((boolean[]) data)[index] = v;
                return true;
            }
            default:
                ((String[]) data)[index] = token;
                return true;
        }
    }

    /** A new array of this type's element kind. */
    Object newArray(int length) {
        switch (this) {
            case REAL:
                return new double[length];
            case INTEGER:
                return new long[length];
            case LOGICAL:
                return new boolean[length];
            default:
                return new String[length];
        }
    }

    /** The type whose array class {@code data} is, or null when it is none of the four. */
    static ValueType ofArray(Object data) {
        if (data instanceof double[]) {
            return REAL;
        }
        if (data instanceof long[]) {
            return INTEGER;
        }
        if (data instanceof boolean[]) {
            return LOGICAL;
        }
        if (data instanceof String[]) {
            return STRING;
        }
        return null;
    }

    /** Element {@code index} of {@code data} as extended XYZ writes it (doubles round-trip exactly). */
    String token(Object data, int index) {
        switch (this) {
            case REAL:
                return Double.toString(((double[]) data)[index]);
            case INTEGER:
                return Long.toString(((long[]) data)[index]);
            case LOGICAL:
                return ((boolean[]) data)[index] ? "T" : "F";
            default:
                return ((String[]) data)[index];
        }
    }
}
