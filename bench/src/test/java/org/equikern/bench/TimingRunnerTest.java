package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The GPU kit's timing runner, driven through its command line at a tiny batch: which rows it
 * writes and what they hold (never how fast anything is), and the workload listing that
 * bench_e3nn_gpu.py reads.
 */
class TimingRunnerTest {
    @TempDir
    Path dir;

    @Test
    void listsTheWorkloadsAsTheIssueDefinesThemAtTheScaledBatch() {
        assertEquals("nequip_conv_uvu\tchannel_wise\t20\t32x0e+32x1o+32x2e\t0e+1o+2e\t32x0e+32x1o+32x2e\t-1",
                TimingRunner.listing(Workload.NEQUIP_CONV_UVU, 0.001));
        assertEquals("fctp_uvw_128\tfully_connected\t2000\t128x0e+128x1o\t0e+1o\t128x0e+128x1o\t-1",
                TimingRunner.listing(Workload.FCTP_UVW_128, 1));
        assertEquals("mace_symmetric_contraction\tsymmetric_contraction\t1\t128x0e+128x1o+128x2e+128x3o\t-\t128x0e+128x1o\t-1",
                TimingRunner.listing(Workload.MACE_SYMMETRIC_CONTRACTION, 0.001));
        assertEquals("sh_lmax6\tspherical_harmonics\t1000\t-\t-\t-\t6", TimingRunner.listing(Workload.SH_LMAX6, 0.001));
    }

    @Test
    void timesEveryWorkloadAndPrecisionOnJava() throws IOException {
        List<String[]> rows = run("--backend", "java", "--scale", "0.001", "--warmup", "0", "--repeats", "3",
                "--budget-s", "60");
        List<String> expected = new ArrayList<>();
        for (Workload w : Workload.values()) {
            for (String precision : List.of("f32", "f64")) {
                expected.add(w.id() + " " + precision + " forward " + w.batch(0.001));
                if (w.hasBackward()) expected.add(w.id() + " " + precision + " forward_backward " + w.batch(0.001));
            }
        }
        List<String> seen = new ArrayList<>();
        for (String[] r : rows) {
            seen.add(r[2] + " " + r[3] + " " + r[4] + " " + r[5]);
            assertEquals("equikern", r[0]);
            assertEquals("java", r[1]);
            assertEquals("3", r[8], "repeats of " + String.join(",", r));
            double median = Double.parseDouble(r[6]);
            double min = Double.parseDouble(r[7]);
            assertTrue(min > 0 && min <= median, String.join(",", r));
            assertEquals("", r[9], "no note on a case that ran");
        }
        assertEquals(expected, seen);
    }

    @Test
    void waitsForAnOpenClDevice() throws IOException {
        List<String[]> rows = run("--backend", "opencl", "--workloads", "sh_lmax3", "--precisions", "f32",
                "--scale", "0.0001", "--warmup", "1", "--repeats", "2");
        assertEquals(1, rows.size());
        assertEquals("opencl,sh_lmax3,f32,forward,100", String.join(",", List.of(rows.get(0)).subList(1, 6)));
        assertEquals("2", rows.get(0)[8]);
    }

    @Test
    void aCaseThatCannotRunGetsARowWithItsError() throws IOException {
        List<String[]> rows = run("--backend", "nosuch", "--workloads", "fctp_uvw_32", "--precisions", "f64",
                "--scale", "0.001");
        assertEquals(1, rows.size());
        String[] r = rows.get(0);
        assertEquals("equikern,nosuch,fctp_uvw_32,f64,forward,5,,,0", String.join(",", List.of(r).subList(0, 9)));
        assertTrue(r[9].startsWith("\"IllegalArgumentException: ") && r[9].contains("nosuch"), r[9]);
    }

    @Test
    void rejectsAnOptionWithoutItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimingRunner.main(new String[] {"--repeats"}));
        assertEquals("option --repeats needs a value", e.getMessage());
    }

    /** The runner's CSV rows after its header, split on commas (a quoted note stays one field here: it holds none). */
    private List<String[]> run(String... args) throws IOException {
        Path out = dir.resolve("timings.csv");
        List<String> argv = new ArrayList<>(List.of(args));
        argv.addAll(List.of("--out", out.toString()));
        TimingRunner.main(argv.toArray(new String[0]));
        List<String> lines = Files.readAllLines(out);
        assertEquals(TimingRunner.HEADER, lines.get(0));
        List<String[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) rows.add(line.split(",", -1));
        return rows;
    }
}
