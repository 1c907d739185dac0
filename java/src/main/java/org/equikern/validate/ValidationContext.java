package org.equikern.validate;

/** Where and how a case is executed: the precision (and, once backends exist, the device). */
public final class ValidationContext {
    private final Precision precision;

    public ValidationContext(Precision precision) {
        this.precision = precision;
    }

    public Precision precision() {
        return precision;
    }
}
