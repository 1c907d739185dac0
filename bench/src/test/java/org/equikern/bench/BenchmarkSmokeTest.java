package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark of the suite once, in-process, on a reduced batch, so the suite keeps
 * compiling, setting up and tearing down. Asserts that results exist, never how fast they are.
 */
class BenchmarkSmokeTest {
    /** Small enough for two cores, large enough that every workload still has several items. */
    private static final String SCALE = "0.002";

    @Test
    void everyBenchmarkProducesAResult() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("org\\.equikern\\.bench\\.")
                .exclude("org\\.equikern\\.bench\\.lorentz\\.") // LorentzBenchmarkSmokeTest runs those
                .param("scale", SCALE)
                .forks(0)
                .warmupIterations(1)
                .warmupTime(TimeValue.milliseconds(100))
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                .build();
        Collection<RunResult> results = new Runner(options).run();

        Set<String> seen = new TreeSet<>();
        for (RunResult r : results) {
            assertTrue(r.getPrimaryResult().getSampleCount() > 0, r.getParams().getBenchmark());
            seen.add(r.getParams().getBenchmark().replaceAll(".*\\.", "") + " " + r.getParams().getParam("workload"));
        }
        // Every workload reached by each of its benchmark methods.
        Set<String> expected = new TreeSet<>();
        for (Workload w : Workload.values()) {
            expected.add("forward " + w.id());
            if (w.hasBackward()) expected.add("forwardBackward " + w.id());
        }
        assertEquals(expected, seen);
    }
}
