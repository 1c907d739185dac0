package org.equikern.model;

/** Row gathers, scatter-adds and element sums on flat row-major arrays: the graph plumbing of a model. */
final class Rows {
    private Rows() {
    }

    /** {@code out[e] = rows[index[e]]} for rows of width {@code dim}. */
    static double[] gather(double[] rows, int[] index, int dim) {
        double[] out = new double[Math.multiplyExact(index.length, dim)];
        gather(rows, index, dim, out);
        return out;
    }

    /** {@code out[e] = rows[index[e]]} into {@code out}'s first {@code index.length} rows. */
    static void gather(double[] rows, int[] index, int dim, double[] out) {
        for (int e = 0; e < index.length; e++) {
            System.arraycopy(rows, index[e] * dim, out, e * dim, dim);
        }
    }

    /** {@code out[index[e]] += scale · rows[e]} into {@code count} rows of width {@code dim}. */
    static double[] scatterAdd(double[] rows, int[] index, int dim, int count, double scale) {
        double[] out = new double[Math.multiplyExact(count, dim)];
        for (int e = 0; e < index.length; e++) {
            int to = index[e] * dim;
            int from = e * dim;
            for (int i = 0; i < dim; i++) {
                out[to + i] += scale * rows[from + i];
            }
        }
        return out;
    }

    /** {@code target += addend}, element by element. */
    static void addInto(double[] target, double[] addend) {
        for (int i = 0; i < target.length; i++) {
            target[i] += addend[i];
        }
    }

    /** A new array {@code a + b}. */
    static double[] sum(double[] a, double[] b) {
        double[] out = a.clone();
        addInto(out, b);
        return out;
    }
}
