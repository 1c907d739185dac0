package org.equikern.cli.o3;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import org.equikern.cli.figures.FigureReportCommand;
import picocli.CommandLine.Command;

/**
 * {@code figures o3 --out DIR [--reduced]}: generates the silicon data, trains the equivariant models and
 * the Cartesian baseline on it, and writes the figures, their CSV tables and {@code FIGURES.md} into DIR.
 */
@Command(name = "o3", mixinStandardHelpOptions = true,
        description = "NequIP (l_max 0: invariant messages; 1, 2: equivariant) and MACE (nu 3) vs a Cartesian MLP "
                + "on generated Stillinger-Weber silicon: learning curves, equivariance, per-atom energies, economy "
                + "and compute, as PNG, SVG, CSV and FIGURES.md.")
public final class O3FiguresCommand extends FigureReportCommand {
    /**
     * A command printing its progress to {@code log}.
     *
     * @param log where progress lines go
     */
    public O3FiguresCommand(PrintStream log) {
        super(log);
    }

    @Override
    protected Path writeReport(Path out, boolean reduced, PrintStream log) throws IOException {
        O3Study.Settings settings = reduced ? O3Study.Settings.reduced() : O3Study.Settings.full();
        Map<String, O3Study.ModelResult> results = O3Study.run(settings, log::println);
        O3Report.write(out, settings, results, hostDevice());
        return out.resolve("FIGURES.md");
    }
}
