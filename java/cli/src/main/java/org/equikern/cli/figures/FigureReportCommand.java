package org.equikern.cli.figures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;

/**
 * What every {@code figures} report command shares: {@code --out DIR}, {@code --reduced}, progress lines
 * to a log, and the device line each report states.
 */
public abstract class FigureReportCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the figures and the report.")
    private Path out;

    @Option(names = "--reduced", description = "Tiny sizes and few steps: checks the pipeline in seconds.")
    private boolean reduced;

    private final PrintStream log;

    /**
     * A command printing its progress to {@code log}.
     *
     * @param log where progress lines go
     */
    protected FigureReportCommand(PrintStream log) {
        this.log = log;
    }

    @Override
    public final Integer call() throws IOException {
        Path report = writeReport(out, reduced, log);
        log.println("wrote " + report);
        return 0;
    }

    /**
     * Runs the study and writes its figures, tables and report.
     *
     * @param out     the folder to write into
     * @param reduced whether to run the tiny version
     * @param log     where progress lines go
     * @return the report file written
     * @throws IOException when a file cannot be written
     */
    protected abstract Path writeReport(Path out, boolean reduced, PrintStream log) throws IOException;

    /**
     * The device line of a report run on the host: cores, JVM and its version.
     *
     * @return for example {@code Java CPU (2 cores), OpenJDK 64-Bit Server VM 17.0.15}
     */
    protected static String hostDevice() {
        return String.format("Java CPU (%d cores), %s %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
    }
}
