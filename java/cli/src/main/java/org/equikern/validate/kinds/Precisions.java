package org.equikern.validate.kinds;

import org.equikern.validate.Precision;

/** Rounds double results to the precision a case runs in. */
final class Precisions {
    private Precisions() {
    }

    /** {@code values} unchanged in f64; each value rounded to float (and widened back) in f32. */
    static double[] round(double[] values, Precision precision) {
        if (precision == Precision.F64) return values;
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
        return out;
    }
}
