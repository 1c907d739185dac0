package org.equikern.nativeloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Probes in a fresh JVM under a broken environment: the JVM must survive and say why. */
class ProbeInChildJvmTest {
    @Test
    void unwritablePoclCacheGivesTheReasonAndTheJvmSurvives(@TempDir Path tmp) throws Exception {
        Path blocker = Files.writeString(tmp.resolve("plain-file"), "x");
        Path cache = blocker.resolve("cache");
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                ProbeReportMain.class.getName());
        pb.environment().put("POCL_CACHE_DIR", cache.toString());
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = readAll(process);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("opencl: unavailable: PoCL found no devices: POCL_CACHE_DIR '" + cache
                + "' is not writable"), output);
        assertTrue(output.contains("cuda: "), output);
    }

    private static String readAll(Process process) throws IOException {
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
}
