package org.equikern.model;

import java.util.SplittableRandom;

/** e3nn's initialization of weights: N(0, 1), the fan-in normalization being part of each operation. */
final class Initialization {
    private Initialization() {
    }

    /** {@code count} draws of {@code random.nextGaussian()}. */
    static double[] normal(int count, SplittableRandom random) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = random.nextGaussian();
        }
        return values;
    }
}
