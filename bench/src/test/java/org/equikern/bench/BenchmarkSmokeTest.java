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
                .param("elements", "4096")
                .param("rows", "37")
                .param("batch", "3")
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
            String workload = r.getParams().getParam("workload");
            seen.add(r.getParams().getBenchmark().replaceAll(".*\\.", "") + " " + (workload == null ? "-" : workload));
        }
        // Every workload reached by each of its benchmark methods, and the machine limits.
        Set<String> expected = new TreeSet<>(Set.of("triad -", "fmaPeak -", "multiply -", "forward -",
                "forwardBackward -"));
        for (Workload w : Workload.values()) {
            expected.add("forward " + w.id());
            if (w.hasBackward()) expected.add("forwardBackward " + w.id());
            if (w.kind() == Workload.Kind.SPHERICAL_HARMONICS) expected.add("writeOutput " + w.id());
        }
        assertEquals(expected, seen);
    }
}
