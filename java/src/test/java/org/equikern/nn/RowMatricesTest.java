package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The three products against triple loops written from their definitions, at shapes that exercise the
 * Vector API kernel's wide and narrow register tiles, its row and column edges, the plain-Java kernel's
 * two-row sweeps, odd last row and inner remainder (called directly: the tests run with the Vector API),
 * and the split over the fork-join pool (above 2^20 multiply-adds).
 */
class RowMatricesTest {
    private static final double SCALE = 0.37;

    @Test
    void theTestsRunTheVectorApiKernel() {
        // surefire resolves jdk.incubator.vector, so the products above run the register tiles.
        assertTrue(RowMatrices.vectorized());
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 2", "7, 17, 9", "13, 3, 77", "6, 9, 45", "432, 64, 320", "301, 67, 61"})
    void thePlainKernelMatchesItsDefinition(int rows, int inner, int cols) {
        double[] a = Arrays64.random(rows * inner, 7);
        int offset = 3;
        double[] w = Arrays64.random(offset + inner * cols, 8);
        int outOffset = 2;
        double[] start = Arrays64.random(outOffset + rows * cols, 9);
        double[] product = start.clone();
        RowMatrices.plainRows(a, 0, rows, inner, w, offset, cols, SCALE, product, outOffset);
        double[] expected = start.clone();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                double sum = 0;
                for (int k = 0; k < inner; k++) {
                    sum += a[r * inner + k] * w[offset + k * cols + c];
                }
                expected[outOffset + r * cols + c] += SCALE * sum;
            }
        }
        assertClose(expected, product);
    }

    @ParameterizedTest
    @CsvSource({"1, 1, 1", "3, 5, 2", "7, 17, 9", "13, 3, 77", "6, 9, 45", "432, 64, 320", "301, 67, 61"})
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

    @ParameterizedTest
    @CsvSource({"432, 64, 320", "301, 67, 61", "9, 5, 11"})
    void theWeightGradientReadThroughStridesIsTheProductOfTheTransposedCopy(int rows, int inner, int cols) {
        double[] h = Arrays64.random(rows * inner, 12);
        double[] d = Arrays64.random(rows * cols, 13);
        double[] strided = new double[inner * cols];
        RowMatrices.addOuterSum(h, rows, inner, d, cols, SCALE, strided, 0);
        double[] hT = new double[inner * rows];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inner; k++) {
                hT[k * rows + r] = h[r * inner + k];
            }
        }
        double[] copied = new double[inner * cols];
        RowMatrices.multiplyAdd(hT, inner, rows, d, 0, cols, SCALE, copied, 0);
        assertArrayEquals(copied, strided);
    }

    @ParameterizedTest
    @CsvSource({"432, 64, 320", "301, 67, 61"})
    void theSplitDoesNotChangeABitOfThePlainKernel(int rows, int inner, int cols) {
        double[] a = Arrays64.random(rows * inner, 10);
        double[] w = Arrays64.random(inner * cols, 11);
        double[] whole = new double[rows * cols];
        RowMatrices.plainRows(a, 0, rows, inner, w, 0, cols, SCALE, whole, 0);
        double[] split = new double[rows * cols];
        // Uneven ranges, the first odd: every range boundary the split could choose.
        int[] bounds = {0, 3, 10, 101, rows};
        for (int t = 0; t + 1 < bounds.length; t++) {
            RowMatrices.plainRows(a, bounds[t], bounds[t + 1], inner, w, 0, cols, SCALE, split, 0);
        }
        assertArrayEquals(whole, split);
    }

    private static void assertClose(double[] expected, double[] actual) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), "element " + i);
        }
    }
}
