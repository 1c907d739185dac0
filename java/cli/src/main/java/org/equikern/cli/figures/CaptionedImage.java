package org.equikern.cli.figures;

import de.erichseifert.vectorgraphics2d.Document;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * A chart with its caption in a strip below it, drawn the same way into a PNG (through AWT) and an
 * SVG (through VectorGraphics2D). XChart has no subtitle, and an annotation inside the chart would
 * cover its axis labels.
 */
final class CaptionedImage {
    private static final Font FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
    private static final int MARGIN = 10;

    private final Chart<?, ?> chart;
    private final List<String> lines;
    private final int lineHeight;

    CaptionedImage(Chart<?, ?> chart, String caption) {
        this.chart = chart;
        Graphics2D scratch = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();
        FontMetrics metrics = scratch.getFontMetrics(FONT);
        this.lines = wrap(caption, metrics, chart.getWidth() - 2 * MARGIN);
        this.lineHeight = metrics.getHeight();
        scratch.dispose();
    }

    /** The caption's words in lines no wider than {@code width} (a longer word gets a line of its own). */
    private static List<String> wrap(String caption, FontMetrics metrics, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : caption.trim().split("\\s+")) {
            String wider = line.length() == 0 ? word : line + " " + word;
            if (line.length() > 0 && metrics.stringWidth(wider) > width) {
                out.add(line.toString());
                line = new StringBuilder(word);
            } else {
                line = new StringBuilder(wider);
            }
        }
        out.add(line.toString());
        return out;
    }

    int width() {
        return chart.getWidth();
    }

    /** The chart's height plus the caption strip. */
    int height() {
        return chart.getHeight() + lines.size() * lineHeight + MARGIN;
    }

    private void paint(Graphics2D g) {
        chart.paint(g, chart.getWidth(), chart.getHeight());
        g.setColor(Color.WHITE);
        g.fillRect(0, chart.getHeight(), width(), height() - chart.getHeight());
        g.setColor(Color.DARK_GRAY);
        g.setFont(FONT);
        for (int i = 0; i < lines.size(); i++) {
            g.drawString(lines.get(i), MARGIN, chart.getHeight() + (i + 1) * lineHeight);
        }
    }

    void writePng(OutputStream out) throws IOException {
        BufferedImage image = new BufferedImage(width(), height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        paint(g);
        g.dispose();
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this JDK's ImageIO");
        }
    }

    void writeSvg(OutputStream out) throws IOException {
        VectorGraphics2D g = new VectorGraphics2D();
        paint(g);
        Document document = new SVGProcessor().getDocument(g.getCommands(), new PageSize(0, 0, width(), height()));
        document.writeTo(out);
    }
}
