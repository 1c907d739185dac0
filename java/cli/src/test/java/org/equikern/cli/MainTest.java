package org.equikern.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equikern.nativeloader.CudaProbe;
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

    private static Path referenceFile(String name) throws URISyntaxException {
        return Path.of(MainTest.class.getResource("/test-data/" + name).toURI());
    }

    private Path write(String name, String json) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, json);
        return p;
    }

    private String outText() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void noArgumentsPrintsUsageAndExits2() {
        assertEquals(2, run());
        assertTrue(errText().contains("Usage: equikern [-hV] [COMMAND]"), errText());
        for (String command : new String[] {"validate", "devices", "demo", "help"}) {
            assertTrue(errText().contains("\n  " + command + " "), errText());
        }
    }

    @Test
    void unknownCommandIsNamedWithASuggestion() {
        assertEquals(2, run("valdate", "x"));
        assertTrue(errText().contains("error: unknown command 'valdate'"), errText());
        assertTrue(errText().contains("validate"), errText());
    }

    @Test
    void helpOfEveryCommandGoesToOutAndExits0() {
        assertEquals(0, run("--help"));
        assertTrue(outText().startsWith("Usage: equikern [-hV] [COMMAND]"), outText());
        assertEquals(0, run("help", "validate"));
        assertTrue(outText().contains("Usage: equikern validate [-hV] [--device=NAME[,NAME...]|all]"), outText());
        String[][] commands = {{"validate", "[--precision=f64|f32|both] PATH..."}, {"devices", "[-hV]"},
            {"demo", "[--device=NAME]"}};
        for (String[] c : commands) {
            out.reset();
            assertEquals(0, run(c[0], "--help"), errText());
            assertTrue(outText().startsWith("Usage: equikern " + c[0] + " ") && outText().contains(c[1]), outText());
            assertTrue(outText().contains("-h, --help"), outText());
        }
        assertEquals("", errText());
    }

    @Test
    void versionNamesTheProjectVersion() {
        assertEquals(0, run("--version"));
        assertTrue(outText().matches("equikern \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), outText());
    }

    @Test
    void unknownOptionIsNamedWithTheCommandsUsage() {
        assertEquals(2, run("validate", "--presicion", "f32", "x"));
        assertTrue(errText().contains("error: Unknown option: '--presicion'"), errText());
        assertTrue(errText().contains("Usage: equikern validate"), errText());
    }

    @Test
    void validateWithoutPathIsBadUsage() {
        assertEquals(2, run("validate", "--device", "java"));
        assertTrue(errText().contains("error: Missing required parameter: 'PATH'"), errText());
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
    void trailingTextAfterTheJsonValueIsNamed() throws IOException {
        Path p = write("trailing.json", "{\"kind\": \"wigner_3j\", \"cases\": []} []");
        assertEquals(2, run("validate", p.toString()));
        assertTrue(errText().contains(p + ": invalid JSON at offset 35: trailing characters after the JSON value"),
                errText());
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
        assertTrue(errText().contains("error: Invalid value for option '--precision': unknown precision 'f16';"
                + " known: f64, f32, both"), errText());
    }

    @Test
    void emptyFolderIsBadInput() {
        assertEquals(2, run("validate", dir.toString()));
        assertTrue(errText().contains("error: no reference cases found in " + dir), errText());
    }

    @Test
    void folderWithoutJsonFilesIsBadInput() throws IOException {
        write("notes.txt", "{\"kind\": \"wigner_3j\", \"cases\": [{\"l1\": 0, \"l2\": 0, \"l3\": 0}]}");
        assertEquals(2, run("validate", dir.toString()));
        assertTrue(errText().contains("error: no reference cases found in " + dir), errText());
    }

    @Test
    void fileWithoutCasesIsBadInputEvenBesideOthers() throws Exception {
        Path empty = write("empty.json", "{\"kind\": \"wigner_3j\", \"cases\": []}");
        assertEquals(2, run("validate", referenceFile("e3nn/wigner_3j.json").toString(), empty.toString()));
        assertTrue(errText().contains("error: no reference cases found in " + empty), errText());
    }

    @Test
    void layoutOptionRunsTheReferencesInIrMul() throws Exception {
        assertEquals(0, run("validate", "--device", "java", "--precision", "f64", "--layout", "both",
                referenceFile("e3nn/linear.json").toString()), errText());
        assertTrue(outText().contains(" java f64/ir_mul ") && outText().contains(" java f64 "), outText());
        assertEquals(2, run("validate", "--layout", "mulir", referenceFile("e3nn/linear.json").toString()));
        assertTrue(errText().contains("unknown irreps layout 'mulir'; known: mul_ir, ir_mul"), errText());
    }

    @Test
    void unknownDeviceIsNamed() {
        assertEquals(2, run("validate", "--device", "cdua", dir.toString()));
        assertTrue(errText().contains("unknown device 'cdua'; known: java, opencl, cuda"), errText());
    }

    @Test
    void cudaAskedByNameRunsWhereAvailableAndOtherwiseFailsWithItsReason() throws Exception {
        String sh = referenceFile("e3nn/spherical_harmonics.json").toString();
        if (CudaProbe.result().isAvailable()) {
            assertEquals(0, run("validate", "--device", "cuda", sh), errText());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains(" cuda:0 f64 "), out.toString(StandardCharsets.UTF_8));
        } else {
            assertEquals(1, run("validate", "--device", "cuda", sh));
            assertTrue(errText().contains("device 'cuda' is unavailable: " + CudaProbe.result().reason()), errText());
        }
    }

    @Test
    void badFieldInsideACaseIsNamed() throws IOException {
        Path p = write("w3j.json", "{\"kind\": \"wigner_3j\", \"cases\": [{\"l1\": 1, \"l2\": 1, \"l3\": \"two\"}]}");
        assertEquals(2, run("validate", p.toString()));
        assertTrue(errText().contains(p + ": cases[0].l3: expected a number, found the string \"two\""), errText());
    }

    /**
     * {@code json} as a file is rejected with exit 2 in well under a second, the message naming the
     * file and {@code problem} (which starts with the field), without a stack trace.
     */
    private void assertRejected(String json, String problem) throws IOException {
        Path p = write("bad.json", json);
        long start = System.nanoTime();
        int status = run("validate", "--device", "java", p.toString());
        double seconds = (System.nanoTime() - start) / 1e9;
        assertEquals(2, status, errText());
        assertTrue(errText().contains(p + ": " + problem), errText());
        assertFalse(errText().contains("\tat "), errText());
        // A guard against work done before the check (allocating or looping over the declared sizes takes
        // minutes), not a timing: generous enough for a loaded machine.
        assertTrue(seconds < 20, "took " + seconds + " s");
    }

    private static String linearCase(String irrepsIn, String rest) {
        return "{\"kind\": \"linear\", \"cases\": [{\"irreps_in\": \"" + irrepsIn
                + "\", \"irreps_out\": \"1x0e\", \"batch\": 1" + rest + "}]}";
    }

    @Test
    void deepNestingIsRejectedWithItsOffset() throws IOException {
        String deep = "[".repeat(5000) + "]".repeat(5000);
        int offset = "{\"kind\": \"linear\", \"cases\": ".length() + 511; // the 513th level
        assertRejected("{\"kind\": \"linear\", \"cases\": " + deep + "}",
                "invalid JSON at offset " + offset + ": objects and arrays nested deeper than 512");
    }

    @Test
    void hugeLmaxIsRejectedBeforeAllocating() throws IOException {
        assertRejected("{\"kind\": \"spherical_harmonics\", \"cases\": [{\"lmax\": 1000000, \"normalize\": true,"
                + " \"normalization\": \"component\", \"n\": 1, \"vectors\": [1, 0, 0], \"values\": [1]}]}",
                "cases[0].values: expected 1000002000001 values, found 1");
    }

    @Test
    void overflowingIrrepsAreRejected() throws IOException {
        assertRejected(linearCase("1000000000x3e", ", \"weight_numel\": 0, \"x\": [1], \"weight\": [],"
                + " \"out\": [1]"), "cases[0].");
    }

    @Test
    void overflowingTensorProductSizesAreRejected() throws IOException {
        assertRejected("{\"kind\": \"tensor_product\", \"cases\": [{\"name\": \"big\", \"irreps_in1\": \"65536x0e\","
                + " \"irreps_in2\": \"65536x0e\", \"irreps_out\": \"1x0e\", \"instructions\": [{\"i_in1\": 0,"
                + " \"i_in2\": 0, \"i_out\": 0, \"mode\": \"uvw\", \"has_weight\": true}], \"batch\": 1,"
                + " \"weight_numel\": 1, \"x1\": [1], \"x2\": [1], \"weight\": [1], \"grad_out\": [1]}]}",
                "cases[0].");
    }

    @Test
    void arraysShorterThanTheCaseImpliesAreRejected() throws IOException {
        assertRejected(linearCase("100000x0e", ", \"weight_numel\": 100000, \"x\": [1], \"weight\": [1],"
                + " \"out\": [1]"), "cases[0].x: expected 100000 values, found 1");
    }

    @Test
    void badIrrepsStringNamesTheField() throws IOException {
        assertRejected(linearCase("3x1q", ", \"weight_numel\": 0, \"x\": [], \"weight\": [], \"out\": []"),
                "cases[0].irreps_in: ");
    }

    @Test
    void badNormalizationNamesTheField() throws IOException {
        assertRejected("{\"kind\": \"spherical_harmonics\", \"cases\": [{\"lmax\": 1, \"normalize\": true,"
                + " \"normalization\": \"unit\", \"n\": 0, \"vectors\": [], \"values\": []}]}",
                "cases[0].normalization: ");
    }

    @Test
    void badModeNamesTheField() throws IOException {
        assertRejected("{\"kind\": \"tensor_product\", \"cases\": [{\"name\": \"m\", \"irreps_in1\": \"1x0e\","
                + " \"irreps_in2\": \"1x0e\", \"irreps_out\": \"1x0e\", \"instructions\": [{\"i_in1\": 0,"
                + " \"i_in2\": 0, \"i_out\": 0, \"mode\": \"uvx\", \"has_weight\": true}]}]}",
                "cases[0].instructions[0].mode: ");
    }

    @Test
    void badActivationNamesTheField() throws IOException {
        assertRejected("{\"kind\": \"gate\", \"cases\": [{\"irreps_scalars\": \"1x0e\", \"act_scalars\": [\"gelu\"],"
                + " \"irreps_gates\": \"\", \"act_gates\": [], \"irreps_gated\": \"\", \"irreps_in\": \"1x0e\","
                + " \"irreps_out\": \"1x0e\", \"batch\": 1, \"x\": [1], \"out\": [1]}]}",
                "cases[0].act_scalars[0]: ");
    }

    @Test
    void devicesListsEveryBackend() {
        assertEquals(0, run("devices"));
        String text = out.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("java ") && text.contains("opencl:0 ") && text.contains("cuda "), text);
        assertTrue(text.contains("default: " + org.equikern.runtime.Devices.defaultDeviceName()), text);
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
