package org.equikern.cli.o3;

import static org.equikern.cli.figures.FigureCommandChecks.csv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.equikern.cli.Main;
import org.equikern.cli.figures.FigureCommandChecks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code figures o3 --reduced} end to end: every figure with its CSV columns, FIGURES.md embedding them,
 * the NequIP models (l_max 0, 1, 2) and MACE O(3)-equivariant to float64 round-off and the Cartesian baseline
 * visibly not.
 */
class O3FiguresCommandTest {
    private static final Map<String, List<String>> COLUMNS = Map.of(
            "learning_curve_forces", List.of("series", "x", "y", "fitted_y", "slope"),
            "learning_curve_energy", List.of("series", "x", "y", "fitted_y", "slope"),
            "equivariance", List.of("category", "series", "value"),
            "atom_energies", List.of("series", "x", "y", "correlation"),
            "economy", List.of("series", "x", "y"),
            "compute", List.of("series", "x", "y"));

    @TempDir
    Path out;

    @Test
    void reducedRunWritesEveryFigureAndSeparatesEquivariantModelsFromTheBaseline() throws IOException {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"figures", "o3", "--out", out.toString(), "--reduced"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status, stdout.toString(StandardCharsets.UTF_8));

        String report = Files.readString(out.resolve("FIGURES.md"));
        for (Map.Entry<String, List<String>> figure : COLUMNS.entrySet()) {
            String name = figure.getKey();
            assertTrue(Files.size(out.resolve(name + ".png")) > 0 && Files.size(out.resolve(name + ".svg")) > 0, name);
            List<String[]> rows = csv(out.resolve(name + ".csv"));
            assertEquals(figure.getValue(), List.of(rows.get(0)), name + " columns");
            assertTrue(rows.size() > 1, name + " has rows");
            assertTrue(report.contains("](" + name + ".png)"), "FIGURES.md embeds " + name);
        }
        assertTrue(report.contains("| model | wall time (s) | optimizer steps |"), "compute table");
        List<String[]> equivariance = csv(out.resolve("equivariance.csv"));
        assertEquals(1 + 5 * 2, equivariance.size(), "five models × (energy, force)");
        assertEquals(List.of("NequIP l_max=0", "NequIP l_max=1", "NequIP l_max=2", "MACE nu=3", "Cartesian MLP"),
                equivariance.stream().skip(1).map(row -> row[1]).distinct().toList(), "models in order");
        for (String[] row : equivariance.subList(1, equivariance.size())) {
            double error = Double.parseDouble(row[2]);
            if (!row[1].equals("Cartesian MLP")) {
                assertTrue(error < 1e-10, row[1] + " " + row[0] + " = " + error);
            } else if (row[0].startsWith("force")) {
                assertTrue(error > 1e-4, row[1] + " " + row[0] + " = " + error);
            }
        }
        Map<String, Long> atomsPerModel = csv(out.resolve("atom_energies.csv")).stream().skip(1)
                .collect(Collectors.groupingBy(row -> row[0], Collectors.counting()));
        assertEquals(5, atomsPerModel.size());
        for (long atoms : atomsPerModel.values()) {
            // Two test frames of 64 atoms less up to two vacancies each.
            assertTrue(atoms >= 2 * 62 && atoms <= 2 * 64, "per-atom energies per model: " + atoms);
        }
    }

    @Test
    void helpNamesTheOptions() {
        FigureCommandChecks.assertHelpNamesTheOptions("o3");
    }
}
