package org.equikern.validate.kinds;

/** Rounds reference inputs to float32 for the {@code f32} runs of the checks. */
final class Floats {
    private Floats() {
    }

    /** Each value rounded to the nearest float. */
    static float[] of(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (float) values[i];
        }
        return out;
    }
}
