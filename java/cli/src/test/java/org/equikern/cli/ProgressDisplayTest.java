package org.equikern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.equikern.train.EpochRecord;
import org.equikern.train.ErrorSummary;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private static EpochRecord record(int epoch, boolean best) {
        return new EpochRecord(epoch, 0.01, new ErrorSummary(0.5, 0.1, 0.2, 0.3, 0.4),
                new ErrorSummary(0.25, 0.01, 0.02, 0.03, 0.04), best);
    }

    @Test
    void lineShowsLossErrorsRateAndEta() {
        assertEquals("epoch 3  loss 0.5000  valid loss 0.2500  E MAE/atom 0.01000  F MAE 0.03000  F RMSE 0.04000"
                + "  lr 0.0100  ETA 1:01:05  *best*", ProgressDisplay.format(record(3, true), Duration.ofSeconds(3665)));
    }

    @Test
    void plainOutputPrintsOneLinePerEpoch() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay d = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), false, 0, 3);
        d.show(record(1, true));
        d.show(record(2, false));
        d.finish();
        String text = bytes.toString(StandardCharsets.UTF_8);
        assertEquals(2, text.lines().count());
        assertTrue(!text.contains("\r"), text);
    }

    @Test
    void terminalOutputRedrawsTheLineAndKeepsBestEpochs() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ProgressDisplay d = new ProgressDisplay(new PrintStream(bytes, true, StandardCharsets.UTF_8), true, 0, 3);
        d.show(record(1, false));
        d.show(record(2, true));
        d.show(record(3, false));
        d.finish();
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n", -1);
        // Epoch 1 is redrawn by epoch 2 (a best epoch, which ends its line); epoch 3 ends at finish.
        assertEquals(3, lines.length);
        assertTrue(lines[0].startsWith("\repoch 1") && lines[0].contains("\repoch 2"), lines[0]);
        assertTrue(lines[1].startsWith("\repoch 3"), lines[1]);
        assertEquals("", lines[2]);
    }
}
