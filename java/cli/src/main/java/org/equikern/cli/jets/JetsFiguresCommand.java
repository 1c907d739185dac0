package org.equikern.cli.jets;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.equikern.cli.figures.FigureReportCommand;
import picocli.CommandLine.Command;

/**
 * {@code figures jets --out DIR [--reduced]}: generates top-like and QCD-like jets, trains the
 * Lorentz-invariant taggers and the non-invariant baselines on them, and writes the figures, their CSV
 * tables and {@code JETS.md} into DIR.
 */
@Command(name = "jets", mixinStandardHelpOptions = true,
        description = "Lorentz-invariant PELICAN-, LorentzNet- and LGN-style taggers vs Deep Sets and an MLP on generated "
                + "top vs QCD jets: ROC, AUC, background rejection, learning curves, boosts, invariance and cost, "
                + "as PNG, SVG, CSV and JETS.md.")
public final class JetsFiguresCommand extends FigureReportCommand {
    /**
     * A command printing its progress to {@code log}.
     *
     * @param log where progress lines go
     */
    public JetsFiguresCommand(PrintStream log) {
        super(log);
    }

    @Override
    protected Path writeReport(Path out, boolean reduced, PrintStream log) throws IOException {
        JetStudy.Settings settings = reduced ? JetStudy.Settings.reduced() : JetStudy.Settings.full();
        JetStudy.Outcome outcome = JetStudy.run(settings, log::println);
        JetReport.write(out, settings, outcome, hostDevice());
        return out.resolve("JETS.md");
    }
}
