package org.equikern.bench.lorentz;

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

/** Runs the Lorentz benchmarks once in-process on two jets; asserts results exist, never their speed. */
class LorentzBenchmarkSmokeTest {
    @Test
    void everyLorentzBenchmarkProducesAResult() throws RunnerException {
        Options options = new OptionsBuilder()
                .include("org\\.equikern\\.bench\\.lorentz\\.")
                .param("scale", "0.002")
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
            seen.add(r.getParams().getBenchmark().replaceAll(".*\\.(\\w+)\\.forward", "$1"));
        }
        assertEquals(Set.of("LorentzProductBenchmark", "PelicanAggregationBenchmark"), seen);
        // benchmarks × particle counts × precisions × backends
        assertEquals(2 * 3 * 2 * 2, results.size());
    }

    @Test
    void rapidityTableHasEveryRapidityAndPrecision() {
        double[][] rows = RapidityErrorTable.compute();
        assertEquals(RapidityErrorTable.MAX_RAPIDITY + 1, rows.length);
        for (double[] r : rows) {
            for (int c = 1; c < r.length; c++) assertTrue(r[c] >= 0 && Double.isFinite(r[c]), "rapidity " + r[0] + " column " + c);
        }
        // float64 stays far below float32 at rapidity 0, where nothing is amplified
        assertTrue(rows[0][1] < 1e-13 && rows[0][2] > 1e-9, rows[0][1] + " " + rows[0][2]);
        assertTrue(RapidityErrorTable.markdown(rows).startsWith("| rapidity |"));
    }
}
