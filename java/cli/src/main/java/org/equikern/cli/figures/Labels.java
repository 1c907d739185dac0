package org.equikern.cli.figures;

/**
 * The words of a figure: its title, a caption stating the data, seeds and device it was measured
 * with (drawn in a panel on the figure), and the axis titles.
 */
public record Labels(String title, String caption, String xAxis, String yAxis) {
    /** Checks that the title and the caption are not empty (a figure always says what it shows). */
    public Labels {
        if (title == null || title.isBlank()) {
            throw new IllegalArgumentException("figure: title must not be empty");
        }
        if (caption == null || caption.isBlank()) {
            throw new IllegalArgumentException("figure '" + title + "': caption (data, seeds, device) must not be empty");
        }
        xAxis = xAxis == null ? "" : xAxis;
        yAxis = yAxis == null ? "" : yAxis;
    }
}
