package org.equikern.train;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.Structure;

/**
 * A training / validation split of a data set, drawn from a seed: a shuffled order of the structures,
 * the first {@code round(fraction · n)} (at least one) for validation, the rest for training. The
 * same seed and data give the same split on every run, so a resumed run rebuilds it.
 */
public final class DatasetSplit {
    private final List<Structure> training;
    private final List<Structure> validation;

    private DatasetSplit(List<Structure> training, List<Structure> validation) {
        this.training = List.copyOf(training);
        this.validation = List.copyOf(validation);
    }

    /**
     * Splits {@code structures} (at least two) with {@code validationFraction} in (0, 1) going to
     * validation, leaving at least one for training.
     *
     * @param structures the data set
     * @param validationFraction the share for validation, in (0, 1)
     * @param seed the seed of the shuffle; equal seeds give equal splits
     * @return the split
     * @throws IllegalArgumentException for fewer than two structures or a fraction out of range
     */
    public static DatasetSplit of(List<Structure> structures, double validationFraction, long seed) {
        int n = structures.size();
        if (n < 2) {
            throw new IllegalArgumentException("data set of " + n + " structures: at least 2 are needed to split");
        }
        if (!(validationFraction > 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction = " + validationFraction + ": must be in (0, 1)");
        }
        int validationCount = (int) Math.min(n - 1, Math.max(1, Math.round(validationFraction * n)));
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        new ShuffleRandom(seed).shuffle(order);
        List<Structure> validation = new ArrayList<>();
        List<Structure> training = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            (i < validationCount ? validation : training).add(structures.get(order[i]));
        }
        return new DatasetSplit(training, validation);
    }

    /**
     * The training structures.
     *
     * @return the structures, unmodifiable
     */
    public List<Structure> training() {
        return training;
    }

    /**
     * The validation structures.
     *
     * @return the structures, unmodifiable
     */
    public List<Structure> validation() {
        return validation;
    }
}
