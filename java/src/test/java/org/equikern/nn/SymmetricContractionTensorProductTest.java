package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * Cross-check against an explicit composition of tensor products: the functions the contraction
 * computes for order 2 span exactly those of {@code x ⊗ x} (e3nn's full tensor product) onto each
 * target, and for order 3 exactly those of {@code (x ⊗ x) ⊗ x}. Functions are compared through
 * their values on many random inputs.
 */
class SymmetricContractionTensorProductTest {
    private static final int SAMPLES = 40;

    @Test
    void ordersTwoAndThreeSpanTheComposedFullTensorProducts() {
        Irreps channel = Irreps.parse("1x0e+1x1o+1x2e");
        Irreps targets = Irreps.parse("1x0e+1x1o+1x2e+1x1e+1x3o");
        SymmetricContraction sc = SymmetricContraction.of(channel, targets, 3, 1);
        double[] x = Arrays64.random(SAMPLES * channel.dim(), 5);

        TensorProduct square = new TensorProduct(TensorProductSpec.fullTensorProduct(channel, channel));
        double[] xx = square.forward(x, x, new double[square.weightNumel()], SAMPLES);
        TensorProduct cube = new TensorProduct(TensorProductSpec.fullTensorProduct(square.irrepsOut(), channel));
        double[] xxx = cube.forward(xx, x, new double[cube.weightNumel()], SAMPLES);

        for (int o = 0; o < targets.size(); o++) {
            Irrep target = targets.get(o).irrep();
            List<double[]> two = columns(square.irrepsOut(), xx, target);
            List<double[]> three = columns(cube.irrepsOut(), xxx, target);
            assertSameSpan(sc, x, o, 2, independent(two, Math.sqrt(Arrays64.dot(xx, xx))));
            assertSameSpan(sc, x, o, 3, independent(three, Math.sqrt(Arrays64.dot(xxx, xxx))));
        }
    }

    /** The contraction's path functions of (block, order) lie in span(tpBasis) and have its dimension. */
    private static void assertSameSpan(SymmetricContraction sc, double[] x, int block, int order,
                                       List<double[]> tpBasis) {
        int paths = sc.basis(block, order).pathCount();
        String what = sc.basis(block, order).toString();
        assertEquals(tpBasis.size(), paths, what);
        int dl = sc.irrepsOut().get(block).irrep().dim();
        for (int k = 0; k < paths; k++) {
            double[] w = new double[sc.weightNumel()];
            w[sc.pathOffset(block, order) + k] = 1;
            double[] out = new double[SAMPLES * sc.irrepsOut().dim()];
            sc.forward(x, new int[SAMPLES], w, out, SAMPLES);
            double[] f = new double[SAMPLES * dl];
            for (int s = 0; s < SAMPLES; s++) {
                System.arraycopy(out, s * sc.irrepsOut().dim() + sc.irrepsOut().offset(block), f, s * dl, dl);
            }
            double norm = Math.sqrt(Arrays64.dot(f, f));
            double[] r = residual(f, tpBasis);
            assertTrue(Math.sqrt(Arrays64.dot(r, r)) < 1e-10 * norm, what + " path " + k);
        }
    }

    /** One column (values over samples and components) per copy of {@code target} in the output. */
    private static List<double[]> columns(Irreps irreps, double[] values, Irrep target) {
        List<double[]> out = new ArrayList<>();
        int dl = target.dim();
        for (int b = 0; b < irreps.size(); b++) {
            MulIrrep block = irreps.get(b);
            if (!block.irrep().equals(target)) {
                continue;
            }
            for (int c = 0; c < block.mul(); c++) {
                double[] col = new double[SAMPLES * dl];
                for (int s = 0; s < SAMPLES; s++) {
                    System.arraycopy(values, s * irreps.dim() + irreps.offset(b) + c * dl, col, s * dl, dl);
                }
                out.add(col);
            }
        }
        return out;
    }

    /**
     * Orthonormal basis of the columns' span, dropping columns whose residual is below 1e-9 of
     * {@code scale}, the norm of the whole product (antisymmetric couplings such as {@code x × x}
     * are rounding noise of zero).
     */
    private static List<double[]> independent(List<double[]> columns, double scale) {
        List<double[]> basis = new ArrayList<>();
        for (double[] c : columns) {
            double[] r = residual(residual(c, basis), basis);
            double rn = Math.sqrt(Arrays64.dot(r, r));
            if (rn > 1e-9 * scale) {
                for (int i = 0; i < r.length; i++) {
                    r[i] /= rn;
                }
                basis.add(r);
            }
        }
        return basis;
    }

    private static double[] residual(double[] v, List<double[]> orthonormal) {
        double[] r = v.clone();
        for (double[] q : orthonormal) {
            double c = Arrays64.dot(q, r);
            for (int i = 0; i < r.length; i++) {
                r[i] -= c * q[i];
            }
        }
        return r;
    }
}
