package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three products against triple loops written from their definitions, at shapes that exercise the
 * two-row kernel, the odd last row, the inner dimension's remainder after the eight-row sweeps, and the
 * split over the fork-join pool (above 2^20 multiply-adds).
 */
class RowMatricesTest {
    private static final double SCALE = 0.37;

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 2", "7, 17, 9", "432, 64, 320", "301, 67, 61"})
    void productsMatchTheirDefinitions(int rows, int inner, int cols) {
        double[] a = Arrays64.random(rows * inner, 1);
        int offset = 5;
        double[] w = Arrays64.random(offset + inner * cols, 2);
        double[] start = Arrays64.random(rows * cols, 3);

        double[] product = start.clone();
        RowMatrices.addProduct(a, rows, inner, w, offset, cols, SCALE, product);
        double[] expected = start.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int k = 0; k < inner; k++) {
                    sum += a[r * inner + k] * w[offset + k * cols + c];
                }
                expected[r * cols + c] += SCALE * sum;
            }
        }
        assertClose(expected, product);

        // Rows d (rows × cols) times the transpose of w (inner × cols).
        double[] d = Arrays64.random(rows * cols, 4);
        double[] transposed = new double[rows * inner];
        RowMatrices.addProductTransposed(d, rows, cols, w, offset, inner, SCALE, transposed);
        double[] expectedTransposed = new double[rows * inner];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inner; k++) {
                double sum = 0;
                for (int c = 0; c < cols; c++) {
                    sum += d[r * cols + c] * w[offset + k * cols + c];
                }
                expectedTransposed[r * inner + k] = SCALE * sum;
            }
        }
        assertClose(expectedTransposed, transposed);

        // The weight gradient aᵀ d (inner × cols), written after `offset` untouched elements.
        double[] outer = new double[offset + inner * cols];
        RowMatrices.addOuterSum(a, rows, inner, d, cols, SCALE, outer, offset);
        double[] expectedOuter = new double[offset + inner * cols];
        for (int k = 0; k < inner; k++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int r = 0; r < rows; r++) {
                    sum += a[r * inner + k] * d[r * cols + c];
                }
                expectedOuter[offset + k * cols + c] = SCALE * sum;
            }
        }
        assertClose(expectedOuter, outer);
    }

    @ParameterizedTest
    @CsvSource({"432, 64, 320", "301, 67, 61"})
    void theSplitOverThreadsDoesNotChangeABit(int rows, int inner, int cols) {
        double[] a = Arrays64.random(rows * inner, 5);
        double[] w = Arrays64.random(inner * cols, 6);
        double[] split = new double[rows * cols];
        RowMatrices.multiplyAdd(a, rows, inner, w, 0, cols, SCALE, split, 0);
        // Row by row, each product is below the parallel threshold and runs on this thread.
        double[] byRow = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            double[] row = new double[inner];
            System.arraycopy(a, r * inner, row, 0, inner);
            RowMatrices.multiplyAdd(row, 1, inner, w, 0, cols, SCALE, byRow, r * cols);
        }
        assertArrayEquals(byRow, split);
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), "element " + i);
        }
    }
}
