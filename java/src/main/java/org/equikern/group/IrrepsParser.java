package org.equikern.group;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Parses e3nn's irreps grammar; every error names the whole string and the 0-based position. */
final class IrrepsParser {
    private IrrepsParser() {
    }

    static List<MulIrrep> parse(String text) {
        Objects.requireNonNull(text, "text");
        checkCharacters(text);
        List<MulIrrep> blocks = new ArrayList<>();
        if (text.isBlank()) {
            return blocks; // e3nn: Irreps("") is the empty representation
        }
        int start = 0;
        while (true) {
            int plus = text.indexOf('+', start);
            int end = plus < 0 ? text.length() : plus;
            blocks.add(parseBlock(text, start, end));
            if (plus < 0) {
                return blocks;
            }
            start = plus + 1;
        }
    }

    /**
     * Rejects control characters, punctuation other than '+' and the like, naming the first one
     * (letters, digits and '-' get the grammar's own messages, e.g. about a negative degree).
     */
    private static void checkCharacters(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) && !Character.isISOControl(c) || c == '\t' || c == '\n' || c == '\r'
                    || Character.isLetterOrDigit(c) || c == '+' || c == '-') {
                continue;
            }
            String shown = Character.isISOControl(c) || Character.isSpaceChar(c) ? "" : " '" + c + "'";
            throw error(text, i, String.format("invalid character U+%04X%s", (int) c, shown));
        }
    }

    private static MulIrrep parseBlock(String text, int start, int end) {
        int s = start;
        while (s < end && Character.isWhitespace(text.charAt(s))) s++;
        int e = end;
        while (e > s && Character.isWhitespace(text.charAt(e - 1))) e--;
        if (s == e) {
            throw error(text, s, "empty block (nothing between '+' signs or at an end)");
        }
        String block = text.substring(s, e);
        int x = block.indexOf('x');
        int mul = 1;
        int irrepStart = s;
        if (x >= 0) {
            String mulText = block.substring(0, x).trim();
            if (mulText.isEmpty()) {
                throw error(text, s, "missing multiplicity before 'x'");
            }
            mul = parseNonNegative(text, s, mulText, "multiplicity");
            irrepStart = s + x + 1;
            while (irrepStart < e && Character.isWhitespace(text.charAt(irrepStart))) irrepStart++;
            if (irrepStart == e) {
                throw error(text, irrepStart, "missing irrep after 'x'");
            }
        }
        return new MulIrrep(mul, parseIrrep(text, text.substring(irrepStart, e), irrepStart));
    }

    /** Parses one irrep such as {@code 2e}; {@code at} is its position inside {@code whole}. */
    static Irrep parseIrrep(String whole, String irrep, int at) {
        if (irrep.length() < 2) {
            throw error(whole, at, "expected an irrep like '1o', found '" + irrep + "'");
        }
        char p = irrep.charAt(irrep.length() - 1);
        int l = parseNonNegative(whole, at, irrep.substring(0, irrep.length() - 1), "degree l");
        switch (p) {
            case 'e': return Irrep.of(l, Parity.EVEN);
            case 'o': return Irrep.of(l, Parity.ODD);
            case 'y': return Irrep.of(l, Parity.ofSphericalHarmonic(l));
            default:
                throw error(whole, at + irrep.length() - 1, "parity must be 'e', 'o' or 'y', found '" + p + "'");
        }
    }

    private static int parseNonNegative(String whole, int at, String digits, String what) {
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                throw error(whole, at + i, what + " must be a non-negative integer, found '" + digits + "'");
            }
        }
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException ex) {
            throw error(whole, at, what + " '" + digits + "' is too large");
        }
    }

    private static IllegalArgumentException error(String text, int position, String problem) {
        return new IllegalArgumentException(
                "invalid irreps \"" + printable(text) + "\" at position " + position + ": " + problem);
    }

    /** The text with control characters written as {@code \\uXXXX}, so a message shows them. */
    private static String printable(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append(Character.isISOControl(c) ? String.format("\\u%04X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }
}
