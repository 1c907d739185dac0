package org.equikern.train;

import java.util.ArrayList;
import java.util.List;

/**
 * One epoch of training, as the progress display and the CSV log show it. The training errors are
 * those of each batch before its update (as NequIP and MACE report them); the validation errors are
 * those of the weights used for validation (the moving average when enabled) after the epoch.
 *
 * @param epoch        the epoch, from 1
 * @param learningRate the optimizer's rate after the epoch's schedule steps
 * @param training     errors on the training set
 * @param validation   errors on the validation set
 * @param best         whether the validation loss is the best so far
 */
public record EpochRecord(int epoch, double learningRate, ErrorSummary training, ErrorSummary validation,
        boolean best) {
    /**
     * The CSV columns: {@code epoch, lr, train_loss, …, valid_loss, …}.
     *
     * @return the column names
     */
    public static List<String> columns() {
        List<String> names = new ArrayList<>(List.of("epoch", "lr"));
        for (String prefix : new String[] {"train_", "valid_"}) {
            for (String n : ErrorSummary.NAMES) {
                names.add(prefix + n);
            }
        }
        return names;
    }

    /**
     * The row for {@link #columns()}; doubles printed exactly (shortest repr that round-trips).
     *
     * @return the values as text, one per column
     */
    public List<String> row() {
        List<String> row = new ArrayList<>(List.of(Integer.toString(epoch), Double.toString(learningRate)));
        for (ErrorSummary s : new ErrorSummary[] {training, validation}) {
            for (double v : s.values()) {
                row.add(Double.toString(v));
            }
        }
        return row;
    }
}
