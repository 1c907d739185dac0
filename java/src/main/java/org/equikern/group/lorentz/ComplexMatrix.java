package org.equikern.group.lorentz;

/**
 * An immutable dense complex matrix, row-major, stored as separate real and imaginary planes (the
 * layout Equikern's complex tensors use). A column vector is a matrix with one column.
 */
public final class ComplexMatrix {
    private final int rows;
    private final int cols;
    private final double[] re;
    private final double[] im;

    private ComplexMatrix(int rows, int cols, double[] re, double[] im) {
        this.rows = rows;
        this.cols = cols;
        this.re = re;
        this.im = im;
    }

    /**
     * The matrix with these planes (copied), each {@code rows · cols} values, row-major.
     *
     * @param rows the number of rows, ≥ 0
     * @param cols the number of columns, ≥ 0
     * @param re the real parts, {@code rows · cols} values, row-major
     * @param im the imaginary parts, same length and layout
     * @return the matrix
     * @throws IllegalArgumentException for a negative size or planes of the wrong length
     */
    public static ComplexMatrix of(int rows, int cols, double[] re, double[] im) {
        if (rows < 0 || cols < 0) {
            throw new IllegalArgumentException("matrix size " + rows + " x " + cols + " must not be negative");
        }
        long n = (long) rows * cols;
        if (re.length != n || im.length != n) {
            throw new IllegalArgumentException("a " + rows + " x " + cols + " matrix needs " + n
                    + " values per plane, got re " + re.length + " and im " + im.length);
        }
        return new ComplexMatrix(rows, cols, re.clone(), im.clone());
    }

    /**
     * A real matrix (zero imaginary plane).
     *
     * @param rows the number of rows, ≥ 0
     * @param cols the number of columns, ≥ 0
     * @param re the entries, {@code rows · cols} values, row-major (copied)
     * @return the matrix
     */
    public static ComplexMatrix ofReal(int rows, int cols, double[] re) {
        return of(rows, cols, re, new double[re.length]);
    }

    /** Wraps planes this package built and no longer touches. */
    static ComplexMatrix wrap(int rows, int cols, double[] re, double[] im) {
        return new ComplexMatrix(rows, cols, re, im);
    }

    /**
     * The number of rows.
     *
     * @return the rows, ≥ 0
     */
    public int rows() {
        return rows;
    }

    /**
     * The number of columns.
     *
     * @return the columns, ≥ 0
     */
    public int cols() {
        return cols;
    }

    /**
     * Real part of entry (row, col).
     *
     * @param row the row, 0 ≤ row &lt; {@link #rows()}
     * @param col the column, 0 ≤ col &lt; {@link #cols()}
     * @return the real part
     * @throws IndexOutOfBoundsException for an entry outside the matrix
     */
    public double re(int row, int col) {
        return re[index(row, col)];
    }

    /**
     * Imaginary part of entry (row, col).
     *
     * @param row the row, 0 ≤ row &lt; {@link #rows()}
     * @param col the column, 0 ≤ col &lt; {@link #cols()}
     * @return the imaginary part
     * @throws IndexOutOfBoundsException for an entry outside the matrix
     */
    public double im(int row, int col) {
        return im[index(row, col)];
    }

    /**
     * A copy of the real plane, row-major.
     *
     * @return a new array of {@code rows · cols} values
     */
    public double[] real() {
        return re.clone();
    }

    /**
     * A copy of the imaginary plane, row-major.
     *
     * @return a new array of {@code rows · cols} values
     */
    public double[] imaginary() {
        return im.clone();
    }

    /**
     * The product {@code this · other}.
     *
     * @param other the right factor, {@code cols} rows
     * @return a new {@code rows × other.cols()} matrix
     * @throws IllegalArgumentException when the inner dimensions differ
     */
    public ComplexMatrix times(ComplexMatrix other) {
        if (cols != other.rows) {
            throw new IllegalArgumentException("cannot multiply " + rows + " x " + cols + " by " + other.rows + " x "
                    + other.cols);
        }
        int n = other.cols;
        double[] outRe = new double[rows * n];
        double[] outIm = new double[rows * n];
        for (int i = 0; i < rows; i++) {
            for (int k = 0; k < cols; k++) {
                double ar = re[i * cols + k];
                double ai = im[i * cols + k];
                if (ar == 0 && ai == 0) continue;
                for (int j = 0; j < n; j++) {
                    double br = other.re[k * n + j];
                    double bi = other.im[k * n + j];
                    outRe[i * n + j] += ar * br - ai * bi;
                    outIm[i * n + j] += ar * bi + ai * br;
                }
            }
        }
        return new ComplexMatrix(rows, n, outRe, outIm);
    }

    /**
     * The largest modulus of an entry (0 for an empty matrix).
     *
     * @return max |entry|, ≥ 0
     */
    public double maxAbs() {
        double m = 0;
        for (int i = 0; i < re.length; i++) m = Math.max(m, Math.hypot(re[i], im[i]));
        return m;
    }

    /**
     * The largest modulus of an entry of {@code this − other}.
     *
     * @param other a matrix of the same shape
     * @return max |this − other| over the entries, ≥ 0
     * @throws IllegalArgumentException when the shapes differ
     */
    public double maxAbsDifference(ComplexMatrix other) {
        if (rows != other.rows || cols != other.cols) {
            throw new IllegalArgumentException("shapes differ: " + rows + " x " + cols + " and " + other.rows + " x "
                    + other.cols);
        }
        double m = 0;
        for (int i = 0; i < re.length; i++) m = Math.max(m, Math.hypot(re[i] - other.re[i], im[i] - other.im[i]));
        return m;
    }

    private int index(int row, int col) {
        if (row < 0 || row >= rows || col < 0 || col >= cols) {
            throw new IndexOutOfBoundsException("entry (" + row + ", " + col + ") outside " + rows + " x " + cols);
        }
        return row * cols + col;
    }

    @Override
    public String toString() {
        return "ComplexMatrix(" + rows + " x " + cols + ")";
    }
}
