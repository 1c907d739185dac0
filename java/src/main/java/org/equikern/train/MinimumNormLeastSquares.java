package org.equikern.train;

/**
 * The minimum-norm least-squares solution x = A⁺b of a small, possibly rank-deficient system, as
 * {@code numpy.linalg.lstsq} returns it: through the eigen-decomposition of AᵀA (cyclic Jacobi), with
 * eigenvalues below {@code RELATIVE_CUTOFF²·λ_max} treated as zero. Fine for the few columns of a
 * per-species fit; not meant for large systems.
 */
final class MinimumNormLeastSquares {
    /** Singular values below this fraction of the largest one count as zero. */
    static final double RELATIVE_CUTOFF = 1e-10;
    private static final int MAX_SWEEPS = 100;

    private final double[] solution;
    private final int rank;

    private MinimumNormLeastSquares(double[] solution, int rank) {
        this.solution = solution;
        this.rank = rank;
    }

    /** Solves for the {@code columns} unknowns of the row-major {@code rows × columns} matrix {@code a}. */
    static MinimumNormLeastSquares solve(double[] a, double[] b, int columns) {
        int rows = b.length;
        double[] ata = new double[columns * columns];
        double[] atb = new double[columns];
        for (int r = 0; r < rows; r++) {
            for (int i = 0; i < columns; i++) {
                double ari = a[r * columns + i];
                atb[i] += ari * b[r];
                for (int j = 0; j < columns; j++) {
                    ata[i * columns + j] += ari * a[r * columns + j];
                }
            }
        }
        double[] vectors = identity(columns);
        jacobi(ata, vectors, columns);
        double largest = 0;
        for (int i = 0; i < columns; i++) {
            largest = Math.max(largest, ata[i * columns + i]);
        }
        double threshold = largest * RELATIVE_CUTOFF * RELATIVE_CUTOFF;
        double[] x = new double[columns];
        int rank = 0;
        for (int k = 0; k < columns; k++) {
            double lambda = ata[k * columns + k];
            if (!(lambda > threshold)) {
                continue;
            }
            rank++;
            double projection = 0;
            for (int i = 0; i < columns; i++) {
                projection += vectors[i * columns + k] * atb[i];
            }
            for (int i = 0; i < columns; i++) {
                x[i] += vectors[i * columns + k] * projection / lambda;
            }
        }
        return new MinimumNormLeastSquares(x, rank);
    }

    double[] solution() {
        return solution.clone();
    }

    int rank() {
        return rank;
    }

    private static double[] identity(int n) {
        double[] m = new double[n * n];
        for (int i = 0; i < n; i++) {
            m[i * n + i] = 1;
        }
        return m;
    }

    /** Diagonalizes the symmetric {@code m} in place; the columns of {@code v} become its eigenvectors. */
    private static void jacobi(double[] m, double[] v, int n) {
        for (int sweep = 0; sweep < MAX_SWEEPS; sweep++) {
            double off = 0;
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    off += m[p * n + q] * m[p * n + q];
                }
            }
            if (off == 0) {
                return;
            }
            for (int p = 0; p < n; p++) {
                for (int q = p + 1; q < n; q++) {
                    rotate(m, v, n, p, q);
                }
            }
        }
    }

    private static void rotate(double[] m, double[] v, int n, int p, int q) {
        double apq = m[p * n + q];
        if (apq == 0) {
            return;
        }
        double theta = (m[q * n + q] - m[p * n + p]) / (2 * apq);
        double t = Math.signum(theta == 0 ? 1 : theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        double c = 1 / Math.sqrt(t * t + 1);
        double s = t * c;
        for (int k = 0; k < n; k++) {
            double mkp = m[k * n + p];
            double mkq = m[k * n + q];
            m[k * n + p] = c * mkp - s * mkq;
            m[k * n + q] = s * mkp + c * mkq;
        }
        for (int k = 0; k < n; k++) {
            double mpk = m[p * n + k];
            double mqk = m[q * n + k];
            m[p * n + k] = c * mpk - s * mqk;
            m[q * n + k] = s * mpk + c * mqk;
        }
        for (int k = 0; k < n; k++) {
            double vkp = v[k * n + p];
            double vkq = v[k * n + q];
            v[k * n + p] = c * vkp - s * vkq;
            v[k * n + q] = s * vkp + c * vkq;
        }
    }
}
