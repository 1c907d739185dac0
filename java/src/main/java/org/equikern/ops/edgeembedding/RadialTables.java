package org.equikern.ops.edgeembedding;

import org.equikern.device.kernel.DeviceTables;
import org.equikern.nn.BesselBasis;
import org.equikern.nn.GaussianBasis;
import org.equikern.nn.PolynomialCutoff;
import org.equikern.nn.RadialBasis;
import org.equikern.nn.RadialEmbedding;

/**
 * The parameters of a {@link RadialEmbedding} as the flat table of
 * {@code kernels/common/edge_embedding.h} ({@code RT_*} slots, then one value per function),
 * read from the Java classes' accessors so the kernels evaluate the same formulas with the same
 * constants.
 */
final class RadialTables {
    /** {@code BASIS_BESSEL} and {@code BASIS_GAUSSIAN} of the header. */
    static final int BESSEL = 0;
    static final int GAUSSIAN = 1;
    private static final int FUNCTIONS = 4;

    private final int kind;
    private final double[] table;

    RadialTables(RadialEmbedding radial) {
        RadialBasis basis = radial.basis();
        int n = basis.size();
        this.table = new double[FUNCTIONS + n];
        if (basis instanceof BesselBasis) {
            BesselBasis bessel = (BesselBasis) basis;
            kind = BESSEL;
            table[0] = bessel.prefactor();
            table[1] = BesselBasis.seriesThreshold();
            for (int k = 0; k < n; k++) table[FUNCTIONS + k] = bessel.frequency(k);
        } else if (basis instanceof GaussianBasis) {
            GaussianBasis gaussian = (GaussianBasis) basis;
            kind = GAUSSIAN;
            table[0] = gaussian.width();
            table[1] = GaussianBasis.divisor();
            for (int k = 0; k < n; k++) table[FUNCTIONS + k] = gaussian.centre(k);
        } else {
            throw new IllegalArgumentException("EdgeEmbeddingOp: kernel devices support BesselBasis and "
                    + "GaussianBasis, got " + basis.getClass().getName());
        }
        PolynomialCutoff cutoff = radial.cutoff();
        table[2] = cutoff.radius();
        table[3] = cutoff.exponent();
    }

    /** {@link #BESSEL} or {@link #GAUSSIAN}. */
    int kind() {
        return kind;
    }

    /** The table in double; {@link DeviceTables#reals} rounds it to the op's precision. */
    double[] table() {
        return table.clone();
    }
}
