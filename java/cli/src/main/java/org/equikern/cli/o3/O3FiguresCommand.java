package org.equikern.cli.o3;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code figures o3 --out DIR [--reduced]}: generates the silicon data, trains the equivariant models and
 * the Cartesian baseline on it, and writes the figures, their CSV tables and {@code FIGURES.md} into DIR.
 */
@Command(name = "o3", mixinStandardHelpOptions = true,
        description = "NequIP (l_max 0: invariant messages; 1, 2: equivariant) and MACE (nu 3) vs a Cartesian MLP "
                + "on generated Stillinger-Weber silicon: learning curves, equivariance, per-atom energies, economy "
                + "and compute, as PNG, SVG, CSV and FIGURES.md.")
public final class O3FiguresCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the figures and FIGURES.md.")
    private Path out;

    @Option(names = "--reduced", description = "Tiny sizes and few steps: checks the pipeline in seconds.")
    private boolean reduced;

    private final PrintStream log;

    /** A command printing its progress to {@code log}. */
    public O3FiguresCommand(PrintStream log) {
        this.log = log;
    }

    @Override
    public Integer call() throws IOException {
        O3Study.Settings settings = reduced ? O3Study.Settings.reduced() : O3Study.Settings.full();
        Map<String, O3Study.ModelResult> results = O3Study.run(settings, log::println);
        String device = String.format("Java CPU (%d cores), %s %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        O3Report.write(out, settings, results, device);
        log.println("wrote " + out.resolve("FIGURES.md"));
        return 0;
    }
}
