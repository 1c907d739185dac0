package org.equikern.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The job's command line: values, defaults, and errors that name the option. */
class JobArgumentsTest {
    @Test
    void parsesEveryOption() {
        JobArguments a = JobArguments.parse("--checkpoint", "ck", "--input", "a.xyz,b.xyz", "--output", "out",
                "--device", "java", "--batch-size", "64", "--strict", "--per-atom");
        assertEquals("ck", a.checkpoint());
        assertEquals(List.of("a.xyz", "b.xyz"), a.inputs());
        assertEquals(StructureSources.Format.EXTXYZ, a.format());
        assertEquals("out", a.output());
        assertEquals(new EvaluationSettings("java", 64, true), a.settings());
        assertTrue(a.strict());
    }

    @Test
    void defaultsAndTheFormatFollowTheInputNames() {
        JobArguments a = JobArguments.parse("--checkpoint", "ck", "--input", "s.parquet", "--output", "out");
        assertEquals(StructureSources.Format.PARQUET, a.format());
        assertEquals(EvaluationSettings.defaults(), a.settings());
        assertFalse(a.strict());
        assertEquals(StructureSources.Format.EXTXYZ,
                JobArguments.parse("--checkpoint", "c", "--input", "s.parquet", "--output", "o", "--format", "extxyz")
                        .format());
    }

    @Test
    void badArgumentsNameTheOptionAndTheValue() {
        String[][] cases = {
            {"--input", "x", "--output", "o"},
            {"--checkpoint", "c", "--input", "x", "--output", "o", "--batch-size", "0"},
            {"--checkpoint", "c", "--input", "x", "--output", "o", "--batch-size", "many"},
            {"--checkpoint", "c", "--input", "x", "--output", "o", "--device", "cdua"},
            {"--checkpoint", "c", "--input", "x", "--output", "o", "--format", "csv"},
            {"--checkpoint", "c", "--input", "x", "--output", "o", "--bogus"},
            {"--checkpoint", "c", "--input", "x", "--output"},
        };
        String[] problems = {
            "--checkpoint is required",
            "batch size = 0: must be >= 1",
            "--batch-size 'many': not an integer",
            "unknown device 'cdua'; known: java, opencl, cuda",
            "--format 'csv': known: extxyz, parquet",
            "unknown option '--bogus'",
            "--output needs a value",
        };
        for (int i = 0; i < cases.length; i++) {
            String[] args = cases[i];
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JobArguments.parse(args));
            assertEquals(problems[i] + "\n" + JobArguments.USAGE, e.getMessage());
        }
    }
}
