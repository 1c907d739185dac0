package org.equikern.cli;

import java.io.PrintStream;
import java.time.Duration;
import org.equikern.train.EpochRecord;

/**
 * One line per epoch: loss, validation errors, learning rate and the estimated time left. On a
 * terminal the line is redrawn in place (carriage return) and a best epoch is kept on its own line;
 * otherwise (a pipe, a log file) every epoch prints a plain line.
 */
final class ProgressDisplay {
    private final PrintStream out;
    private final boolean terminal;
    private final int maxEpochs;
    private final long startNanos = System.nanoTime();
    private final int firstEpoch;
    private int lastWidth;

    ProgressDisplay(PrintStream out, boolean terminal, int firstEpoch, int maxEpochs) {
        this.out = out;
        this.terminal = terminal;
        this.firstEpoch = firstEpoch;
        this.maxEpochs = maxEpochs;
    }

    /** Shows {@code record}. */
    void show(EpochRecord record) {
        String line = format(record, eta(record.epoch()));
        if (!terminal) {
            out.println(line);
            return;
        }
        String padded = line + " ".repeat(Math.max(0, lastWidth - line.length()));
        out.print("\r" + padded);
        if (record.best()) {
            out.println();
            lastWidth = 0;
        } else {
            lastWidth = line.length();
        }
        out.flush();
    }

    /** Ends a redrawn line. */
    void finish() {
        if (terminal && lastWidth > 0) {
            out.println();
        }
    }

    static String format(EpochRecord r, Duration eta) {
        return String.format("epoch %d  loss %.4g  valid loss %.4g  E MAE/atom %.4g  F MAE %.4g  F RMSE %.4g"
                + "  lr %.3g  ETA %s%s", r.epoch(), r.training().loss(), r.validation().loss(),
                r.validation().energyMaePerAtom(), r.validation().forcesMae(), r.validation().forcesRmse(),
                r.learningRate(), clock(eta), r.best() ? "  *best*" : "");
    }

    private Duration eta(int epoch) {
        int done = epoch - firstEpoch;
        long perEpoch = (System.nanoTime() - startNanos) / Math.max(1, done);
        return Duration.ofNanos(perEpoch * Math.max(0, maxEpochs - epoch));
    }

    private static String clock(Duration d) {
        long s = d.toSeconds();
        return String.format("%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }
}
