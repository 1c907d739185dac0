package org.equikern.testing;

import java.util.SplittableRandom;

/** Random float inputs for the float32 kernel tests. */
public final class FloatArrays {
    private FloatArrays() {
    }

    /** {@code n} standard normal floats (Box–Muller), reproducible from {@code random}. */
    public static float[] gaussian(SplittableRandom random, int n) {
        float[] values = new float[n];
        for (int i = 0; i < n; i++) {
            double u = 1.0 - random.nextDouble();
            values[i] = (float) (Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random.nextDouble()));
        }
        return values;
    }
}
