package org.equikern.cli.jets;

import static org.equikern.cli.figures.FigureCommandChecks.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.equikern.cli.Main;
import org.equikern.cli.figures.FigureCommandChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code figures jets --reduced} end to end: every figure with its CSV columns, the summary table, JETS.md
 * embedding them, the constituent-count and τ3/τ2 reference curves, the invariant taggers unchanged under
 * random Lorentz transformations to 1e-10 and the baselines visibly not.
 */
class JetsFiguresCommandTest {
    private static final List<String> SERIES = List.of("series", "x", "y");
    private static final List<String> BARS = List.of("category", "series", "value");
    private static final Map<String, List<String>> COLUMNS = Map.of("jets_roc", SERIES, "jets_accuracy_vs_size",
            SERIES, "jets_accuracy_vs_boost", SERIES, "jets_invariance", BARS, "jets_cost", BARS);

    @TempDir
    Path out;

    @Test
    void reducedRunWritesEveryFigureAndSeparatesInvariantTaggersFromTheBaselines() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"figures", "jets", "--out", out.toString(), "--reduced"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status, stdout.toString(StandardCharsets.UTF_8));

        String report = Files.readString(out.resolve("JETS.md"));
        assertEquals(COLUMNS.keySet(), Set.copyOf(JetReport.FIGURES));
        for (Map.Entry<String, List<String>> figure : COLUMNS.entrySet()) {
            String name = figure.getKey();
            assertTrue(Files.size(out.resolve(name + ".png")) > 0 && Files.size(out.resolve(name + ".svg")) > 0, name);
            List<String[]> rows = csv(out.resolve(name + ".csv"));
            assertEquals(figure.getValue(), List.of(rows.get(0)), name + " columns");
            assertTrue(rows.size() > 1, name + " has rows");
            assertTrue(report.contains("](" + name + ".png)"), "JETS.md embeds " + name);
        }
        List<String[]> summary = csv(out.resolve("jets_summary.csv"));
        assertEquals(Arrays.asList(JetReport.SUMMARY_COLUMNS), List.of(summary.get(0)));
        assertEquals(1 + 5, summary.size(), "five taggers");
        for (String[] row : summary.subList(1, summary.size())) {
            double auc = Double.parseDouble(row[5]);
            assertTrue(auc >= 0 && auc <= 1, row[0] + " AUC " + auc);
            double error = Double.parseDouble(row[9]);
            if (Boolean.parseBoolean(row[1])) {
                assertTrue(error <= 1e-10, row[0] + " invariance error " + error);
            } else {
                assertTrue(error > 1e-4, row[0] + " invariance error " + error);
            }
        }
        assertEquals(5 * 3, csv(out.resolve("jets_accuracy_vs_boost.csv")).size() - 1, "five taggers × three β");
        assertEquals(5 * 2, csv(out.resolve("jets_accuracy_vs_size.csv")).size() - 1, "five taggers × two sizes");
        List<String[]> roc = csv(out.resolve("jets_roc.csv"));
        for (String reference : List.of(JetStudy.CONSTITUENT_COUNT, JetStudy.TAU32)) {
            assertTrue(roc.stream().anyMatch(row -> row[0].equals(reference)), "the ROC figure has " + reference);
            assertTrue(report.contains(reference + " ("), "JETS.md quotes " + reference);
        }
    }

    @Test
    void helpNamesTheOptions() {
        FigureCommandChecks.assertHelpNamesTheOptions("jets");
    }
}
