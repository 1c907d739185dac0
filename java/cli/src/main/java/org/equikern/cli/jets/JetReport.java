package org.equikern.cli.jets;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.equikern.cli.figures.CsvTable;
import org.equikern.cli.figures.FigureWriter;
import org.equikern.cli.figures.Labels;
import org.equikern.cli.figures.Series;

/**
 * Writes the jet study's figures (PNG, SVG, CSV each), a summary table {@code jets_summary.csv} and
 * {@code JETS.md}, which embeds them with the measured AUC, rejections, accuracies, invariance errors,
 * parameter counts and times.
 */
final class JetReport {
    /** The figures, in the order the report shows them. */
    static final List<String> FIGURES = List.of("jets_roc", "jets_accuracy_vs_size", "jets_accuracy_vs_boost",
            "jets_invariance", "jets_cost");
    /** Columns of {@code jets_summary.csv}. */
    static final String[] SUMMARY_COLUMNS = {"model", "lorentz_invariant", "parameters", "training_jets", "accuracy",
        "auc", "rejection_at_signal_0.3", "rejection_at_signal_0.5", "accuracy_at_beta_max", "invariance_error",
        "training_seconds"};
    /** Points per ROC curve in the figure (the AUC uses every threshold). */
    private static final int ROC_POINTS = 200;

    private JetReport() {
    }

    /** Writes everything for the {@code outcome} of a study run with {@code settings} into {@code out}. */
    static void write(Path out, JetStudy.Settings settings, JetStudy.Outcome outcome, String device)
            throws IOException {
        Map<String, JetStudy.TaggerResult> results = outcome.taggers();
        FigureWriter writer = new FigureWriter(out);
        String caption = String.format("Data: generated %s-like jets (resonance decays into narrow prongs) vs "
                + "QCD-like jets (soft-collinear shower), same mass window, 10-50 constituents, 400-1000 GeV; data "
                + "seed %d, test seed %d (%d jets), weight seed %d; device: %s, float64.",
                settings.signal().name().toLowerCase(Locale.ROOT), settings.seed(), settings.seed() + 1,
                settings.testJets(), settings.seed() + 2, device);
        List<Series> roc = new ArrayList<>();
        List<Series> sizes = new ArrayList<>();
        List<Series> boosts = new ArrayList<>();
        Map<String, double[]> invariance = new LinkedHashMap<>();
        Map<String, double[]> cost = new LinkedHashMap<>();
        CsvTable summary = new CsvTable(SUMMARY_COLUMNS);
        double betaMax = settings.betas()[settings.betas().length - 1];
        for (JetStudy.TaggerResult r : results.values()) {
            String name = r.spec().name();
            roc.add(thinned(name, r.roc().signalEfficiency(), r.roc().backgroundEfficiency()));
            sizes.add(new Series(name, r.runs().stream().mapToDouble(JetStudy.Run::trainingSize).toArray(),
                    r.runs().stream().mapToDouble(JetStudy.Run::accuracy).toArray()));
            boosts.add(new Series(name, settings.betas(), r.boostAccuracy()));
            invariance.put(name, new double[] {Math.max(r.invarianceError(), 1e-18)});
            cost.put(name, new double[] {r.parameters(), r.trainingSeconds()});
            summary.row(name, String.valueOf(r.lorentzInvariant()), r.parameters(), r.largest().trainingSize(),
                    r.largest().accuracy(), r.roc().auc(), r.roc().rejectionAt(0.3), r.roc().rejectionAt(0.5),
                    r.boostAccuracy()[r.boostAccuracy().length - 1], r.invarianceError(), r.trainingSeconds());
        }
        for (JetStudy.Reference reference : outcome.references()) {
            roc.add(thinned(reference.name(), reference.roc().signalEfficiency(),
                    reference.roc().backgroundEfficiency()));
        }
        writer.lines("jets_roc", new Labels(String.format("ROC on %d test jets (largest training set)",
                settings.testJets()), caption, "signal efficiency ε_S", "background efficiency ε_B"), roc, false);
        writer.lines("jets_accuracy_vs_size", new Labels("Test accuracy vs training-set size", caption,
                "training jets", "accuracy"), sizes, true);
        writer.lines("jets_accuracy_vs_boost", new Labels("Test accuracy with the test jets boosted by β along x",
                caption, "β", "accuracy"), boosts, false);
        writer.bars("jets_invariance", new Labels(String.format("Largest |Δ logit| under %d random SO⁺(1,3) "
                + "transformations (rapidity ≤ %.1f) of %d test jets", settings.transforms(), settings.maxRapidity(),
                settings.invarianceJets()), caption, "", "max |Δ logit| (floored at 1e-18)"),
                List.of("random Lorentz transformations"), invariance, true);
        writer.bars("jets_cost", new Labels("Parameters and training time (all sizes)", caption, "", "count / seconds"),
                List.of("parameters", "training time (s)"), cost, true);
        summary.write(out.resolve("jets_summary.csv"));
        Files.writeString(out.resolve("JETS.md"), markdown(settings, outcome, caption, betaMax));
    }

    /** The ROC curve with at most {@link #ROC_POINTS} points, always keeping both ends. */
    private static Series thinned(String name, double[] x, double[] y) {
        int stride = Math.max(1, (x.length + ROC_POINTS - 1) / ROC_POINTS);
        List<Integer> keep = new ArrayList<>();
        for (int k = 0; k < x.length; k += stride) keep.add(k);
        if (keep.get(keep.size() - 1) != x.length - 1) keep.add(x.length - 1);
        return new Series(name, keep.stream().mapToDouble(k -> x[k]).toArray(),
                keep.stream().mapToDouble(k -> y[k]).toArray());
    }

    private static String markdown(JetStudy.Settings settings, JetStudy.Outcome outcome, String caption,
            double betaMax) {
        Map<String, JetStudy.TaggerResult> results = outcome.taggers();
        StringBuilder md = new StringBuilder("## Figures of merit, Lorentz: jet tagging\n\n");
        md.append("Regenerated by `equikern figures jets --out DIR`. ").append(caption).append('\n');
        md.append(String.format("Training: every MLP layer standardized on the first 256 training jets "
                + "(data-dependent initialization), then Adam (peak rate %s, 5%% warm-up, cosine to 1%%), binary "
                + "cross-entropy, %d jets per step, %s epochs (%s steps) for training sets of %s jets, the same "
                + "batches for every model; %d taggers trained at a time.%n%n",
                settings.learningRate(), settings.batchSize(), Arrays.toString(settings.epochs()),
                Arrays.toString(settings.steps()), Arrays.toString(settings.sizes()), JetStudy.THREADS));
        md.append(String.format("| model | Lorentz invariant | parameters | accuracy | AUC | 1/ε_B at ε_S = 0.3 "
                + "| 1/ε_B at ε_S = 0.5 | accuracy at β = %.1f | max \\|Δ logit\\| | train time (s) |%n", betaMax));
        md.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (JetStudy.TaggerResult r : results.values()) {
            md.append(String.format("| %s | %s | %d | %.4f | %.4f | %.1f | %.1f | %.4f | %.2e | %.1f |%n",
                    r.spec().name(), r.lorentzInvariant() ? "yes" : "no", r.parameters(), r.largest().accuracy(),
                    r.roc().auc(), r.roc().rejectionAt(0.3), r.roc().rejectionAt(0.5),
                    r.boostAccuracy()[r.boostAccuracy().length - 1], r.invarianceError(), r.trainingSeconds()));
        }
        md.append(String.format("%nAccuracy, AUC and rejections at the largest training set (%d jets). For reference, "
                + "single observables on the same test jets (curves of the ROC figure): %s.%n%n", settings.largest(),
                outcome.references().stream().map(r -> String.format("%s (%s) gives AUC %.4f, 1/ε_B %.1f at "
                        + "ε_S = 0.3 and %.1f at ε_S = 0.5", r.name(), r.direction(), r.roc().auc(),
                        r.roc().rejectionAt(0.3), r.roc().rejectionAt(0.5))).collect(Collectors.joining("; "))));
        md.append("| model |");
        for (int size : settings.sizes()) md.append(' ').append(size).append(" jets |");
        md.append("\n|---|").append("---|".repeat(settings.sizes().length)).append('\n');
        for (JetStudy.TaggerResult r : results.values()) {
            md.append("| ").append(r.spec().name()).append(" |");
            for (JetStudy.Run run : r.runs()) md.append(String.format(" %.4f |", run.accuracy()));
            md.append('\n');
        }
        md.append("\nTest accuracy per training-set size (above); all numbers: [jets_summary.csv](jets_summary.csv).\n\n");
        for (String figure : FIGURES) {
            md.append("![").append(figure).append("](").append(figure).append(".png)\n\n(numbers: [")
                    .append(figure).append(".csv](").append(figure).append(".csv))\n\n");
        }
        return md.toString();
    }
}
