package org.equikern.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code nvcc -arch=sm_90 -cubin --resource-usage} reports per kernel of one CUDA source:
 * registers, stack frame and spill bytes. ptxas writes, per entry function, a line
 * {@code Compiling entry function 'k'}, then {@code N bytes stack frame, S bytes spill stores,
 * L bytes spill loads} and {@code Used R registers}.
 */
public final class CudaResourceUsage {
    /** The architecture every figure is for (the H100/H200 class of the anchors). */
    public static final String ARCHITECTURE = "sm_90";

    private static final Pattern ENTRY = Pattern.compile("Compiling entry function '(\\w+)'");
    private static final Pattern FRAME = Pattern.compile(
            "(\\d+) bytes stack frame, (\\d+) bytes spill stores, (\\d+) bytes spill loads");
    private static final Pattern REGISTERS = Pattern.compile("Used (\\d+) registers");

    /** One kernel's figures. */
    public record Kernel(String name, int registers, int stackBytes, int spillStoreBytes, int spillLoadBytes) {
        /** Whether it meets the targets for f32 hot kernels: no spills, no stack, at most 128 registers. */
        public boolean meetsTargets() {
            return spillStoreBytes == 0 && spillLoadBytes == 0 && stackBytes == 0 && registers <= 128;
        }
    }

    private CudaResourceUsage() {}

    /** Whether {@code nvcc} is on the PATH (the compile checks skip, saying so, where it is not). */
    public static boolean nvccOnPath() {
        String path = System.getenv("PATH");
        if (path == null) return false;
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, "nvcc"))) return true;
        }
        return false;
    }

    /**
     * Compiles {@code source} with {@code defines} (e.g. {@code -DREAL_IS_DOUBLE}) to
     * {@code cubin}, and returns each kernel's figures in the order ptxas reports them.
     *
     * @throws IllegalStateException with nvcc's output when the compile fails
     */
    public static List<Kernel> compile(Path source, Path cubin, String... defines)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("nvcc", "-arch=" + ARCHITECTURE, "-cubin", "--resource-usage",
                "-std=c++17"));
        command.addAll(List.of(defines));
        command.addAll(List.of("-o", cubin.toString(), source.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("nvcc failed on " + source + ":\n" + output);
        }
        return parse(output);
    }

    /** The kernels of one ptxas report. */
    static List<Kernel> parse(String output) {
        List<Kernel> kernels = new ArrayList<>();
        String name = null;
        int[] frame = null;
        for (String line : output.split("\n")) {
            Matcher entry = ENTRY.matcher(line);
            Matcher stack = FRAME.matcher(line);
            Matcher registers = REGISTERS.matcher(line);
            if (entry.find()) {
                name = entry.group(1);
                frame = null;
            } else if (stack.find()) {
                frame = new int[] {Integer.parseInt(stack.group(1)), Integer.parseInt(stack.group(2)),
                        Integer.parseInt(stack.group(3))};
            } else if (registers.find() && name != null) {
                int[] f = frame == null ? new int[3] : frame;
                kernels.add(new Kernel(name, Integer.parseInt(registers.group(1)), f[0], f[1], f[2]));
                name = null;
            }
        }
        return kernels;
    }
}
