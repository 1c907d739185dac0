package org.equikern.cli.figures;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of figure lands as a readable PNG, an SVG and a CSV holding its numbers. */
class FigureWriterTest {
    private static final Labels LABELS = new Labels("Test figure", "data: none; seed 1; device: java", "x", "y");

    /** y = c·x^p at the given x. */
    private static Series powerLaw(String name, double c, double p, double... x) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = c * Math.pow(x[i], p);
        }
        return new Series(name, x, y);
    }

    /** The CSV's lines split into cells (the test data holds no quoted cells). */
    private static List<String[]> csv(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    private static void assertFigureFiles(Path dir, String name) throws IOException {
        BufferedImage png = ImageIO.read(dir.resolve(name + ".png").toFile());
        assertEquals(900, png.getWidth());
        assertTrue(png.getHeight() > 600, "the caption strip is below the 600-pixel chart");
        String svg = Files.readString(dir.resolve(name + ".svg"));
        assertTrue(svg.contains("<svg") && svg.contains("</svg>"), name + ".svg is an SVG document");
        // XChart draws its own labels as outlines; the caption is SVG text.
        assertTrue(svg.contains(">data: none; seed 1; device: java"), name + ".svg holds the caption");
    }

    @Test
    void learningCurvesFitTheSlopeOfAPowerLaw(@TempDir Path dir) throws IOException {
        double[] sizes = {10, 30, 100, 300, 1000};
        Map<String, Fits.PowerLaw> fits = new FigureWriter(dir).learningCurves("curves", LABELS,
                List.of(powerLaw("l1", 3, -0.5, sizes), powerLaw("l0", 2, -0.25, sizes)));
        assertEquals(-0.5, fits.get("l1").slope(), 1e-12);
        assertEquals(3, fits.get("l1").prefactor(), 1e-11);
        assertEquals(-0.25, fits.get("l0").slope(), 1e-12);
        assertFigureFiles(dir, "curves");
        List<String[]> rows = csv(dir.resolve("curves.csv"));
        assertArrayEquals(new String[] {"series", "x", "y", "fitted_y", "slope"}, rows.get(0));
        assertEquals(1 + 2 * sizes.length, rows.size());
        String[] third = rows.get(3);
        assertEquals("l1", third[0]);
        assertEquals(100, Double.parseDouble(third[1]), 0.0);
        assertEquals(0.3, Double.parseDouble(third[2]), 1e-15);
        assertEquals(0.3, Double.parseDouble(third[3]), 1e-12);
        assertEquals(-0.5, Double.parseDouble(third[4]), 1e-12);
    }

    @Test
    void scatterReportsPearsonsCorrelation(@TempDir Path dir) throws IOException {
        Series points = new Series("model", new double[] {1, 2, 3, 4}, new double[] {2, 4, 5, 8});
        Map<String, Double> r = new FigureWriter(dir).scatter("scatter", LABELS, List.of(points));
        // By hand: Σdx·dy = 9.5, Σdx² = 5, Σdy² = 18.75.
        assertEquals(9.5 / Math.sqrt(5 * 18.75), r.get("model"), 1e-15);
        assertFigureFiles(dir, "scatter");
        List<String[]> rows = csv(dir.resolve("scatter.csv"));
        assertArrayEquals(new String[] {"series", "x", "y", "correlation"}, rows.get(0));
        assertEquals(5, rows.size());
        assertEquals(5, Double.parseDouble(rows.get(3)[2]), 0.0);
    }

    @Test
    void barsAndLinesWriteTheirNumbers(@TempDir Path dir) throws IOException {
        FigureWriter writer = new FigureWriter(dir.resolve("nested"));
        Map<String, double[]> values = new LinkedHashMap<>();
        values.put("energy", new double[] {1e-13, 0.02});
        values.put("forces", new double[] {3e-13, 0.05});
        writer.bars("bars", LABELS, List.of("nequip", "mlp"), values, true);
        writer.lines("lines", LABELS, List.of(powerLaw("mae", 1, 1, 1, 2, 4)), false);
        assertFigureFiles(dir.resolve("nested"), "bars");
        assertFigureFiles(dir.resolve("nested"), "lines");
        List<String[]> bars = csv(dir.resolve("nested/bars.csv"));
        assertArrayEquals(new String[] {"category", "series", "value"}, bars.get(0));
        assertArrayEquals(new String[] {"mlp", "forces", "0.05"}, bars.get(4));
        List<String[]> lines = csv(dir.resolve("nested/lines.csv"));
        assertArrayEquals(new String[] {"series", "x", "y"}, lines.get(0));
        assertArrayEquals(new String[] {"mae", "4.0", "4.0"}, lines.get(3));
    }

    @Test
    void badInputIsNamed(@TempDir Path dir) {
        FigureWriter writer = new FigureWriter(dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> writer.learningCurves("c",
                LABELS, List.of(new Series("zero", new double[] {0, 1}, new double[] {1, 2}))));
        assertTrue(e.getMessage().contains("'zero': point 0 is (0.0, 1.0)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Labels("t", " ", "x", "y"));
        assertTrue(e.getMessage().contains("caption"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> writer.lines("a/b", LABELS, List.of(powerLaw("s", 1, 1, 1)), false));
        assertTrue(e.getMessage().contains("'a/b'"), e.getMessage());
    }

    @Test
    void csvQuotesCellsThatNeedIt() {
        String text = new CsvTable("name", "value").row("a, \"b\"", 1.5).row("plain", 2L).text();
        assertEquals("name,value\n\"a, \"\"b\"\"\",1.5\nplain,2\n", text);
    }
}
