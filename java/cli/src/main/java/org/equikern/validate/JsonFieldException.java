package org.equikern.validate;

/** A reference file whose field is missing or has the wrong type; names the field's path. */
public final class JsonFieldException extends IllegalArgumentException {
    private final String field;

    public JsonFieldException(String field, String problem) {
        super(field + ": " + problem);
        this.field = field;
    }

    /** The dotted path of the offending field, e.g. {@code cases[3].x1}. */
    public String field() {
        return field;
    }
}
