package org.equikern.cli.figures;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Writes the report's figures into one folder: each figure {@code NAME} as {@code NAME.png},
 * {@code NAME.svg} and the numbers behind it as {@code NAME.csv}. Drawn with XChart, headless.
 */
public final class FigureWriter {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 600;

    static {
        // Charts are drawn off screen; without this AWT looks for a display on machines that have none.
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
    }

    private final Path directory;

    /** A writer into {@code directory}, created when missing. */
    public FigureWriter(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the figure folder " + directory + ": " + e.getMessage(), e);
        }
        this.directory = directory;
    }

    /**
     * A log-log plot of each series (e.g. test error against training-set size) with its fitted
     * power law drawn dashed and its slope in the legend. CSV columns: series, x, y, fitted_y, slope.
     *
     * @return each series' fit, by series name, in order
     */
    public Map<String, Fits.PowerLaw> learningCurves(String name, Labels labels, List<Series> series) {
        XYChart chart = xyChart(labels);
        chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        CsvTable table = new CsvTable("series", "x", "y", "fitted_y", "slope");
        Map<String, Fits.PowerLaw> fits = new LinkedHashMap<>();
        for (Series s : requireSeries(name, series)) {
            Fits.PowerLaw fit = Fits.powerLaw(s);
            fits.put(s.name(), fit);
            double[] x = s.x();
            double[] fitted = new double[x.length];
            for (int i = 0; i < x.length; i++) {
                fitted[i] = fit.at(x[i]);
                table.row(s.name(), x[i], s.y()[i], fitted[i], fit.slope());
            }
            chart.addSeries(String.format("%s (slope %.2f)", s.name(), fit.slope()), x, s.y())
                    .setMarker(SeriesMarkers.CIRCLE);
            XYSeries line = chart.addSeries(s.name() + " fit", x, fitted);
            line.setMarker(SeriesMarkers.NONE).setLineStyle(SeriesLines.DASH_DASH).setShowInLegend(false);
        }
        write(name, chart, labels, table);
        return fits;
    }

    /**
     * Points of each series (e.g. predicted against true per-atom energies), with Pearson's
     * correlation in the legend. CSV columns: series, x, y, correlation.
     *
     * @return each series' correlation, by series name, in order
     */
    public Map<String, Double> scatter(String name, Labels labels, List<Series> series) {
        XYChart chart = xyChart(labels);
        chart.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        CsvTable table = new CsvTable("series", "x", "y", "correlation");
        Map<String, Double> correlations = new LinkedHashMap<>();
        for (Series s : requireSeries(name, series)) {
            double r = Fits.correlation(s);
            correlations.put(s.name(), r);
            for (int i = 0; i < s.size(); i++) {
                table.row(s.name(), s.x()[i], s.y()[i], r);
            }
            chart.addSeries(String.format("%s (r = %.4f)", s.name(), r), s.x(), s.y());
        }
        write(name, chart, labels, table);
        return correlations;
    }

    /** Lines through the points of each series, on linear or log-log axes. CSV columns: series, x, y. */
    public void lines(String name, Labels labels, List<Series> series, boolean logLog) {
        XYChart chart = xyChart(labels);
        if (logLog) {
            requireSeries(name, series).forEach(Series::requirePositive);
            chart.getStyler().setXAxisLogarithmic(true).setYAxisLogarithmic(true);
        }
        CsvTable table = new CsvTable("series", "x", "y");
        for (Series s : requireSeries(name, series)) {
            for (int i = 0; i < s.size(); i++) {
                table.row(s.name(), s.x()[i], s.y()[i]);
            }
            chart.addSeries(s.name(), s.x(), s.y()).setMarker(SeriesMarkers.CIRCLE);
        }
        write(name, chart, labels, table);
    }

    /**
     * Grouped bars: one group per category, one bar per series (values by category, in the
     * categories' order), on a linear or log value axis. CSV columns: category, series, value.
     */
    public void bars(String name, Labels labels, List<String> categories, Map<String, double[]> values,
            boolean logValues) {
        if (categories.isEmpty() || values.isEmpty()) {
            throw new IllegalArgumentException("figure '" + name + "': bars need categories and at least one series");
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(labels.title())
                .xAxisTitle(labels.xAxis()).yAxisTitle(labels.yAxis()).build();
        if (logValues) {
            // XChart's bars start from zero unless the log axis is bounded: pin it to whole decades around the data,
            // a decade below the smallest value so its bar shows.
            double[] all = values.values().stream().flatMapToDouble(java.util.Arrays::stream).toArray();
            double min = java.util.Arrays.stream(all).min().orElseThrow();
            double max = java.util.Arrays.stream(all).max().orElseThrow();
            chart.getStyler().setYAxisLogarithmic(true).setYAxisMin(Math.pow(10, Math.floor(Math.log10(min)) - 1))
                    .setYAxisMax(Math.pow(10, Math.ceil(Math.log10(max))));
        }
        CsvTable table = new CsvTable("category", "series", "value");
        for (Map.Entry<String, double[]> e : values.entrySet()) {
            double[] v = e.getValue();
            if (v.length != categories.size()) {
                throw new IllegalArgumentException("figure '" + name + "': series '" + e.getKey() + "' has " + v.length
                        + " values for " + categories.size() + " categories");
            }
            List<Number> numbers = new ArrayList<>(v.length);
            for (int c = 0; c < v.length; c++) {
                if (logValues && !(v[c] > 0)) {
                    throw new IllegalArgumentException("figure '" + name + "': series '" + e.getKey() + "' value "
                            + v[c] + " for '" + categories.get(c) + "'; a log axis needs positive values");
                }
                numbers.add(v[c]);
                table.row(categories.get(c), e.getKey(), v[c]);
            }
            chart.addSeries(e.getKey(), categories, numbers);
        }
        write(name, chart, labels, table);
    }

    private XYChart xyChart(Labels labels) {
        return new XYChartBuilder().width(WIDTH).height(HEIGHT).title(labels.title()).xAxisTitle(labels.xAxis())
                .yAxisTitle(labels.yAxis()).build();
    }

    private static List<Series> requireSeries(String name, List<Series> series) {
        if (series == null || series.isEmpty()) {
            throw new IllegalArgumentException("figure '" + name + "': at least one series is needed");
        }
        return series;
    }

    /** The PNG and the SVG (the caption in a strip below the chart) and the CSV of one figure. */
    private void write(String name, Chart<?, ?> chart, Labels labels, CsvTable table) {
        if (name == null || !name.matches("[A-Za-z0-9_.-]+")) {
            throw new IllegalArgumentException("figure name '" + name + "' must be letters, digits, '_', '.' or '-'");
        }
        CaptionedImage image = new CaptionedImage(chart, labels.caption());
        try {
            try (OutputStream png = Files.newOutputStream(directory.resolve(name + ".png"))) {
                image.writePng(png);
            }
            try (OutputStream svg = Files.newOutputStream(directory.resolve(name + ".svg"))) {
                image.writeSvg(svg);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing figure '" + name + "' into " + directory + ": " + e.getMessage(), e);
        }
        table.write(directory.resolve(name + ".csv"));
    }
}
