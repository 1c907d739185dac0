package org.equikern.cli.jets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code figures jets --out DIR [--reduced]}: generates top-like and QCD-like jets, trains the
 * Lorentz-invariant taggers and the non-invariant baselines on them, and writes the figures, their CSV
 * tables and {@code JETS.md} into DIR.
 */
@Command(name = "jets", mixinStandardHelpOptions = true,
        description = "Lorentz-invariant PELICAN-, LorentzNet- and LGN-style taggers vs Deep Sets and an MLP on generated "
                + "top vs QCD jets: ROC, AUC, background rejection, learning curves, boosts, invariance and cost, "
                + "as PNG, SVG, CSV and JETS.md.")
public final class JetsFiguresCommand implements Callable<Integer> {
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the figures and JETS.md.")
    private Path out;

    @Option(names = "--reduced", description = "Tiny sizes and few steps: checks the pipeline in seconds.")
    private boolean reduced;

    private final PrintStream log;

    /** A command printing its progress to {@code log}. */
    public JetsFiguresCommand(PrintStream log) {
        this.log = log;
    }

    @Override
    public Integer call() throws IOException {
        JetStudy.Settings settings = reduced ? JetStudy.Settings.reduced() : JetStudy.Settings.full();
        JetStudy.Outcome outcome = JetStudy.run(settings, log::println);
        String device = String.format("Java CPU (%d cores), %s %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        JetReport.write(out, settings, outcome, device);
        log.println("wrote " + out.resolve("JETS.md"));
        return 0;
    }
}
