package org.equikern.cli.o3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The common target is the worst model's best error, and each model is timed at its first epoch below it. */
class ComputeToTargetTest {
    private static O3Study.ModelResult model(String name, O3Study.Progress... progress) {
        return new O3Study.ModelResult(new ModelSpec(name, Map.of(), true), List.of(), 0, null, null, null,
                List.of(progress));
    }

    @Test
    void targetIsTheWorstBestAndEachModelIsTimedWhenItFirstReachesIt() {
        O3Study.ModelResult fast = model("fast", new O3Study.Progress(1, 10, 0.5), new O3Study.Progress(2, 20, 0.2),
                new O3Study.Progress(3, 30, 0.1));
        O3Study.ModelResult slow = model("slow", new O3Study.Progress(4, 10, 0.9), new O3Study.Progress(8, 20, 0.25),
                new O3Study.Progress(12, 30, 0.3));
        List<O3Study.ModelResult> both = List.of(fast, slow);
        assertEquals(0.25, ComputeToTarget.target(both), 0.0);
        assertEquals(20, ComputeToTarget.firstReaching(fast, 0.25).steps());
        assertEquals(8.0, ComputeToTarget.firstReaching(slow, 0.25).seconds(), 0.0);
        String md = ComputeToTarget.markdown(both);
        assertTrue(md.contains("| fast | 2.0 | 20 |") && md.contains("| slow | 8.0 | 20 |"), md);
    }
}
