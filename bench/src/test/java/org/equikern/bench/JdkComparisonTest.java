package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The JDK comparison's table: rounds gathered per benchmark, ratio of the fastest rounds. */
class JdkComparisonTest {
    private static final Map<String, String> PARAMS = Map.of("workload", "sh_lmax6");

    @Test
    void ratioOfTheFastestRoundsWithEachJdksSpread() {
        Map<String, List<Double>> jdk17 = JdkComparison.collect(List.of(
                List.of(JmhRuns.run("SphericalHarmonicsBenchmark.forward", PARAMS, 30, 30)),
                List.of(JmhRuns.run("SphericalHarmonicsBenchmark.forward", PARAMS, 24, 24))));
        Map<String, List<Double>> jdk25 = JdkComparison.collect(List.of(
                List.of(JmhRuns.run("SphericalHarmonicsBenchmark.forward", PARAMS, 20, 20),
                        JmhRuns.run("GemmBenchmark.multiply", Map.of("kernel", "netlib"), 5, 5)),
                List.of(JmhRuns.run("SphericalHarmonicsBenchmark.forward", PARAMS, 25, 25))));
        assertEquals(List.of(30.0, 24.0), jdk17.get("SphericalHarmonicsBenchmark.forward workload=sh_lmax6"));
        String md = JdkComparison.render("17", jdk17, "25", jdk25, "test");
        // 24 ms at best on 17 against 20 ms at best on 25: 1.2.
        assertTrue(md.contains("| SphericalHarmonicsBenchmark.forward workload=sh_lmax6 | 24.000–30.000 (2)"
                + " | 20.000–25.000 (2) | 1.20 |"), md);
        // A benchmark only one JDK ran has no row.
        assertFalse(md.contains("GemmBenchmark"), md);
    }
}
