package org.equikern.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps PoCL from crashing the JVM. When PoCL initializes it installs its own SIGFPE handler over
 * the JVM's, and JIT-compiled code that relies on the JVM's handler then kills the process
 * (measured here: a heavy Java-backend run crashes with SIGSEGV after the OpenCL probe). PoCL
 * skips the handler when {@code POCL_SIGFPE_HANDLER=0}, which must be in the environment before
 * the library loads, so the command line restarts itself once with it set.
 */
final class PoclSignalGuard {
    static final String VARIABLE = "POCL_SIGFPE_HANDLER";

    private PoclSignalGuard() {
    }

    /**
     * Runs {@code args} in a child JVM with the variable set when it is missing and returns the
     * child's exit status; returns -1 when the variable is set (or no child can be started) and
     * the command should run in this JVM.
     */
    static int relaunchIfNeeded(String[] args) {
        if (System.getenv(VARIABLE) != null) return -1;
        String java = ProcessHandle.current().info().command().orElse(null);
        if (java == null) return -1;
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(Main.class.getName());
        command.addAll(Arrays.asList(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().put(VARIABLE, "0");
        try {
            return builder.start().waitFor();
        } catch (IOException e) {
            return -1; // run here, unguarded, rather than not at all
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
