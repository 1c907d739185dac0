package org.equikern.ops.tensorproduct.generated;

import org.equikern.device.DType;

/**
 * Real constants as C literals of one precision: the shortest decimal that reads back as the
 * same double (FLOAT64), or as the same float after rounding the double once (FLOAT32, with an
 * {@code f} suffix), so a generated kernel multiplies by exactly the value a table kernel loads.
 */
final class CLiteral {
    private CLiteral() {}

    /** {@code value} as a literal of {@code precision} (FLOAT32 or FLOAT64). */
    static String real(double value, DType precision) {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("coefficient " + value + " is not finite");
        }
        return precision == DType.FLOAT64 ? Double.toString(value) : Float.toString((float) value) + "f";
    }
}
