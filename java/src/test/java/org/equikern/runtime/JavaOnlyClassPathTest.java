package org.equikern.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A java-only user leaves JOCL and JCuda out (they are optional dependencies): the library, the
 * native loader and the rest of the class path without their jars, in a fresh JVM, must run the
 * java device and say why opencl and cuda are unavailable.
 */
class JavaOnlyClassPathTest {
    @Test
    void javaDeviceWorksWithoutJoclAndJcuda() throws Exception {
        // surefire's forked JVM sees a manifest-only booter jar as java.class.path; this is the real one.
        String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        String withoutNative = Arrays.stream(full.split(File.pathSeparator))
                .filter(entry -> !Path.of(entry).getFileName().toString().matches("(jocl|jcuda).*\\.jar"))
                .collect(Collectors.joining(File.pathSeparator));
        assertTrue(withoutNative.length() < full.length(), "no JOCL/JCuda jar found on " + full);
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", withoutNative, JavaOnlyMain.class.getName());
        pb.environment().remove(Devices.ENV);
        pb.redirectErrorStream(true);
        Process process = pb.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), output);
        assertTrue(output.contains("absent org.jocl.CL\nabsent jcuda.driver.JCudaDriver\n"), output);
        assertTrue(output.contains("forward [5.0, 10.5]\n"), output);
        assertTrue(output.contains("default java\n"), output);
        assertTrue(output.contains("java available\n"), output);
        assertTrue(output.contains("opencl unavailable: JOCL is not on the class path (org.jocl:jocl)\n"), output);
        assertTrue(output.contains("cuda unavailable: JCuda is not on the class path (org.jcuda:jcuda)\n"), output);
    }
}
