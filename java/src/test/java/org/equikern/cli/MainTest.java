package org.equikern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line's exit codes and messages for bad usage and bad input. */
class MainTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errText() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    @Test
    void noArgumentsPrintsUsageAndExits2() {
        assertEquals(2, run());
        assertTrue(errText().contains("usage: equikern validate"), errText());
    }

    @Test
    void unknownCommandIsNamed() {
        assertEquals(2, run("valdate", "x"));
        assertTrue(errText().contains("unknown command 'valdate'"), errText());
    }

    @Test
    void missingPathIsNamed() {
        Path missing = dir.resolve("nope.json");
        assertEquals(2, run("validate", missing.toString()));
        assertTrue(errText().contains(missing + ": no such file or folder"), errText());
    }

    @Test
    void malformedJsonNamesTheFileAndOffset() throws IOException {
        Path p = write("broken.json", "{\"kind\": \"wigner_3j\", \"cases\": [1, }");
        assertEquals(2, run("validate", p.toString()));
        assertTrue(errText().contains(p + ": invalid JSON at offset"), errText());
    }

    @Test
    void missingFieldIsNamed() throws IOException {
        Path p = write("nocases.json", "{\"kind\": \"wigner_3j\"}");
        assertEquals(2, run("validate", p.toString()));
        assertTrue(errText().contains(p + ": cases: missing field"), errText());
    }

    @Test
    void unknownKindIsNamedWithTheKnownOnes() throws IOException {
        Path p = write("odd.json", "{\"kind\": \"wigner_4j\", \"cases\": []}");
        assertEquals(2, run("validate", p.toString()));
        assertTrue(errText().contains("unknown reference kind 'wigner_4j'; known: "), errText());
    }

    @Test
    void badPrecisionIsNamed() {
        assertEquals(2, run("validate", "--precision", "f16", dir.toString()));
        assertTrue(errText().contains("unknown precision 'f16'; known: f64, f32, both"), errText());
    }

    @Test
    void emptyFolderValidatesNothing() {
        assertEquals(0, run("validate", dir.toString()));
        assertTrue(out.toString(StandardCharsets.UTF_8).endsWith("0 passed, 0 failed" + System.lineSeparator()));
    }

    @Test
    void unknownDeviceIsNamed() {
        assertEquals(2, run("validate", "--device", "cdua", dir.toString()));
        assertTrue(errText().contains("unknown device 'cdua'; known: java, opencl, cuda"), errText());
    }

    @Test
    void unavailableDeviceAskedByNameFailsWithItsReason() {
        assertEquals(1, run("validate", "--device", "cuda", dir.toString()));
        assertTrue(errText().contains("device 'cuda' is unavailable: libcuda.so.1 not found"), errText());
    }

    @Test
    void badFieldInsideACaseIsNamed() throws IOException {
        Path p = write("w3j.json", "{\"kind\": \"wigner_3j\", \"cases\": [{\"l1\": 1, \"l2\": 1, \"l3\": \"two\"}]}");
        assertEquals(2, run("validate", p.toString()));
        assertTrue(errText().contains(p + ": cases[0].l3: expected a number, found the string \"two\""), errText());
    }

    @Test
    void devicesListsEveryBackend() {
        assertEquals(0, run("devices"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("java ") && text.contains("opencl:0 ") && text.contains("cuda "), text);
        assertTrue(text.contains("default: " + org.equikern.device.Devices.defaultDeviceName()), text);
    }

    @Test
    void demoReportsEnergyAndRotationError() {
        assertEquals(0, run("demo", "--device", "java"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("16 atoms") && text.contains("energy changed by"), text);
    }

    @Test
    void testsRunWithPoclSignalHandlerOffSoNoRelaunch() {
        // surefire sets the variable (pom.xml), as .ci/run and bench/run-suite.sh do
        assertEquals("0", System.getenv(PoclSignalGuard.VARIABLE));
        assertEquals(-1, PoclSignalGuard.relaunchIfNeeded(new String[] {"devices"}));
    }
}
