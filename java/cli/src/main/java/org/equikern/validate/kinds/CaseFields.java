package org.equikern.validate.kinds;

import java.util.function.Function;
import java.util.function.Supplier;
import org.equikern.group.Irreps;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;

/**
 * Field readers for reference cases whose errors name the field ({@code cases[0].irreps_in1}):
 * values parsed by a library parser, and arrays whose length the case implies. Checkers read the
 * arrays before building anything sized by the case, so a size the file does not hold is rejected
 * before any allocation.
 */
final class CaseFields {
    private CaseFields() {
    }

    /**
     * {@code parser} applied to the string field {@code key}; its {@link IllegalArgumentException}
     * or {@link ArithmeticException} becomes a {@link JsonFieldException} naming the field.
     */
    static <T> T parsed(JsonFields testCase, String key, Function<String, T> parser) {
        return parsedValue(testCase.where(key), testCase.string(key), parser);
    }

    /** Like {@link #parsed(JsonFields, String, Function)} with a default for a missing field. */
    static <T> T parsed(JsonFields testCase, String key, String fallback, Function<String, T> parser) {
        return parsedValue(testCase.where(key), testCase.string(key, fallback), parser);
    }

    /** {@code parser} applied to {@code value}, which sits at {@code field}, with errors naming it. */
    static <T> T parsedValue(String field, String value, Function<String, T> parser) {
        return at(field, () -> parser.apply(value));
    }

    /**
     * Runs a step that uses {@code field}; its {@link IllegalArgumentException} or
     * {@link ArithmeticException} becomes a {@link JsonFieldException} naming the field.
     */
    static <T> T at(String field, Supplier<T> step) {
        try {
            return step.get();
        } catch (JsonFieldException e) {
            throw e;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new JsonFieldException(field, e.getMessage());
        }
    }

    /** The irreps string field {@code key}. */
    static Irreps irreps(JsonFields testCase, String key) {
        return parsed(testCase, key, Irreps::parse);
    }

    /**
     * The numeric array {@code key}, which must hold the product of {@code factors} values; a
     * product beyond {@code long} is reported as such, never wrapped.
     */
    static double[] values(JsonFields testCase, String key, long... factors) {
        long length = 1;
        for (long f : factors) {
            if (f < 0) throw new JsonFieldException(testCase.where(key), "implies a negative length " + f);
            try {
                length = Math.multiplyExact(length, f);
            } catch (ArithmeticException e) {
                throw new JsonFieldException(testCase.where(key), "implies more than " + Long.MAX_VALUE
                        + " values, found " + testCase.length(key));
            }
        }
        return testCase.doubles(key, length);
    }

    /** The number of entries of a square or cubic block of degree-l irreps, {@code 2l+1}. */
    static long irrepDim(JsonFields testCase, String key) {
        int l = testCase.integer(key);
        if (l < 0) throw new JsonFieldException(testCase.where(key), "must be at least 0, found " + l);
        return 2L * l + 1;
    }
}
