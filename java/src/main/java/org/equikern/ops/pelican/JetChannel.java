package org.equikern.ops.pelican;

/**
 * One channel of one jet, as the PELICAN maps read it: the real n×n block of T (or the real n
 * entries of x) and its normalized reductions; and, for the backward pass, the adjoints of each.
 * Scratch sized once for the padded particle count and reused across (jet, channel).
 */
final class JetChannel {
    final double[] t;
    final double[] x;
    final double[] diagonal;
    final double[] columnSums;
    final double[] rowSums;
    double trace;
    double total;
    double valueSum;
    int n;
    private double divisor;

    JetChannel(int particles) {
        t = new double[particles * particles];
        x = new double[particles];
        diagonal = new double[particles];
        columnSums = new double[particles];
        rowSums = new double[particles];
    }

    /** Loads the real block of channel c of a rank-2 input and computes its reductions. */
    void loadMatrix(double[] in, int jetOffset, int particles, int channels, int c, int count, double divisor) {
        begin(count, divisor);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double v = in[jetOffset + (i * particles + j) * channels + c];
                t[i * n + j] = v;
                rowSums[i] += v;
                columnSums[j] += v;
                total += v;
            }
            diagonal[i] = t[i * n + i];
            trace += diagonal[i];
        }
        for (int i = 0; i < n; i++) {
            rowSums[i] /= divisor;
            columnSums[i] /= divisor;
        }
        trace /= divisor;
        total /= divisor * divisor;
    }

    /** Loads the real entries of channel c of a rank-1 input and its normalized sum. */
    void loadVector(double[] in, int jetOffset, int channels, int c, int count, double divisor) {
        begin(count, divisor);
        for (int i = 0; i < n; i++) {
            x[i] = in[jetOffset + i * channels + c];
            valueSum += x[i];
        }
        valueSum /= divisor;
    }

    /** Clears everything to zero for an adjoint pass over a jet of {@code count} particles. */
    void clear(int count, double divisor) {
        begin(count, divisor);
    }

    private void begin(int count, double divisor) {
        n = count;
        this.divisor = divisor;
        java.util.Arrays.fill(t, 0, n * n, 0);
        java.util.Arrays.fill(x, 0, n, 0);
        java.util.Arrays.fill(diagonal, 0, n, 0);
        java.util.Arrays.fill(columnSums, 0, n, 0);
        java.util.Arrays.fill(rowSums, 0, n, 0);
        trace = 0;
        total = 0;
        valueSum = 0;
    }

    /** The value op reads at output position (i, j). */
    double read(PelicanMap.Op op, int i, int j) {
        int k = op.place.vectorIndex(i, j);
        switch (op.source) {
            case ENTRY: return t[i * n + j];
            case TRANSPOSE: return t[j * n + i];
            case DIAGONAL: return diagonal[k];
            case COLUMN_SUMS: return columnSums[k];
            case ROW_SUMS: return rowSums[k];
            case VALUE: return x[k];
            case TRACE: return trace;
            case TOTAL: return total;
            default: return valueSum;
        }
    }

    /** Adds g to the adjoint of what op reads at (i, j): the transpose of {@link #read}. */
    void addAdjoint(PelicanMap.Op op, int i, int j, double g) {
        int k = op.place.vectorIndex(i, j);
        switch (op.source) {
            case ENTRY: t[i * n + j] += g; break;
            case TRANSPOSE: t[j * n + i] += g; break;
            case DIAGONAL: diagonal[k] += g; break;
            case COLUMN_SUMS: columnSums[k] += g; break;
            case ROW_SUMS: rowSums[k] += g; break;
            case VALUE: x[k] += g; break;
            case TRACE: trace += g; break;
            case TOTAL: total += g; break;
            default: valueSum += g; break;
        }
    }

    /** Chains the reduction adjoints back to T and writes dT into channel c of gradIn. */
    void storeMatrixAdjoint(double[] gradIn, int jetOffset, int particles, int channels, int c) {
        double perIndex = 1 / divisor;
        double perPair = perIndex * perIndex;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double g = t[i * n + j] + (columnSums[j] + rowSums[i]) * perIndex + total * perPair;
                if (i == j) g += diagonal[i] + trace * perIndex;
                gradIn[jetOffset + (i * particles + j) * channels + c] = g;
            }
        }
    }

    /** Chains the sum's adjoint back to x and writes dx into channel c of gradIn. */
    void storeVectorAdjoint(double[] gradIn, int jetOffset, int channels, int c) {
        for (int i = 0; i < n; i++) gradIn[jetOffset + i * channels + c] = x[i] + valueSum / divisor;
    }
}
