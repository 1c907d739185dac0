package org.equikern.data;

/**
 * Edges grouped by target row, the input of {@code GatherScatter.segmentSumRows}: a stable
 * counting sort of a target index. Edges of row n are {@code order[offsets[n] .. offsets[n+1])},
 * in their original order.
 *
 * @param order edge numbers grouped by target row
 * @param offsets {@code rows + 1} group boundaries into {@code order}
 */
public record RowSegments(int[] order, int[] offsets) {

    /**
     * Groups edges {@code e} by {@code target[e]}.
     *
     * @param target the row of each edge
     * @param rows the number of rows, ≥ 0
     * @return the segments: offsets by row and the edges in row order (stable within a row)
     * @throws IllegalArgumentException naming the first edge whose target is outside {@code [0, rows)}
     */
    public static RowSegments group(int[] target, int rows) {
        if (rows < 0) throw new IllegalArgumentException("rows must be >= 0, got " + rows);
        int[] offsets = new int[rows + 1];
        for (int e = 0; e < target.length; e++) {
            int r = target[e];
            if (r < 0 || r >= rows) {
                throw new IllegalArgumentException("edge " + e + " targets row " + r + ", outside [0, " + rows + ")");
            }
            offsets[r + 1]++;
        }
        for (int r = 0; r < rows; r++) offsets[r + 1] += offsets[r];
        int[] next = offsets.clone();
        int[] order = new int[target.length];
        for (int e = 0; e < target.length; e++) order[next[target[e]]++] = e;
        return new RowSegments(order, offsets);
    }
}
