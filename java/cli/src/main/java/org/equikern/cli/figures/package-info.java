/**
 * The figures of the report: {@link org.equikern.cli.figures.FigureWriter} draws learning curves
 * with fitted power-law slopes, scatter plots with their correlation, bars and lines (XChart,
 * headless), and writes each figure as PNG and SVG with its caption (data, seeds, device) and the
 * numbers behind it as CSV ({@link org.equikern.cli.figures.CsvTable}).
 */
package org.equikern.cli.figures;
