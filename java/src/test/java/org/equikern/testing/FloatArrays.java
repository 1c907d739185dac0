package org.equikern.testing;

import java.util.Random;
import java.util.SplittableRandom;

/** Random inputs for the float32 kernel tests, and their float32 copies. */
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

    /** {@code n} standard normal doubles from {@code random.nextGaussian()}: the float64 reference's inputs. */
    public static double[] gaussian(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = random.nextGaussian();
        return values;
    }

    /** {@code values} rounded to float: the float32 kernel's copy of a float64 reference's inputs. */
    public static float[] narrowed(double[] values) {
        float[] narrowed = new float[values.length];
        for (int i = 0; i < values.length; i++) narrowed[i] = (float) values[i];
        return narrowed;
    }
}
