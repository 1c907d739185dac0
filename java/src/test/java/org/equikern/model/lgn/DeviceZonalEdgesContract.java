package org.equikern.model.lgn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DeviceZonalEdges} against the host {@link ZonalEdges} on the same momenta as the device
 * stores them: every ordered pair of a set of particles, the diagonal (Δ = 0) included, for every
 * zonal level up to the limit 4 and for one without couplings (level 1). Bounds relative to each
 * edge row's largest value: 1e-12 in float64; 1e-4 in float32, where the interval s = ‖Δ‖² loses
 * digits to cancellation before ψ(s) multiplies the zonal powers. Subclassed once per backend.
 */
public abstract class DeviceZonalEdgesContract extends OpContract {
    private static final int POINTS = 9;

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void edgesMatchTheHostEdges(DType dtype) {
        double[] momenta = rounded(dtype, scaled(gaussian(new SplittableRandom(31), 4 * POINTS), 3));
        int pairs = POINTS * POINTS;
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        for (int q = 0; q < pairs; q++) {
            first[q] = q / POINTS;
            second[q] = q % POINTS;
        }
        for (int[] shape : new int[][] {{4, 3}, {1, 2}, {0, 1}}) {
            ZonalEdges zonal = new ZonalEdges(shape[0], shape[1]);
            int dim = zonal.irreps().dim();
            ComplexTensor expected = ComplexTensor.zeros(pairs * dim);
            for (int q = 0; q < pairs; q++) zonal.compute(momenta, 4 * first[q], momenta, 4 * second[q], expected, q);
            ComplexTensor actual = edges(zonal, dtype, momenta, first, second);
            assertRowsClose(expected, actual, dim, dtype == DType.FLOAT64 ? 1e-12 : 1e-4,
                    dtype + " level " + shape[0] + " radial " + shape[1]);
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        ZonalEdges zonal = new ZonalEdges(2, 2);
        try (DeviceZonalEdges op = DeviceZonalEdges.on(device, zonal, DType.FLOAT64);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer momenta = scope.allocate(DType.FLOAT64, 8);
            DeviceBuffer index = scope.upload(new int[] {0, 1});
            DeviceBuffer edges = scope.allocate(DType.FLOAT64, 3);
            assertEquals("DeviceZonalEdges.compute: edges " + edges.name() + ": expected " + 4 * zonal.irreps().dim()
                    + " elements (2 · pairs · edgeIrreps.dim), got 3",
                    assertThrows(IllegalArgumentException.class,
                            () -> op.compute(momenta, 2, index, index, edges, 2)).getMessage());
            assertEquals("DeviceZonalEdges.compute: pairs must be >= 0, got -1",
                    assertThrows(IllegalArgumentException.class,
                            () -> op.compute(momenta, 2, index, index, edges, -1)).getMessage());
        }
    }

    private ComplexTensor edges(ZonalEdges zonal, DType dtype, double[] momenta, int[] first, int[] second) {
        try (DeviceZonalEdges op = DeviceZonalEdges.on(device, zonal, dtype); MemoryScope scope = device.openScope()) {
            DeviceBuffer out = upload(scope, dtype, new double[2 * first.length * zonal.irreps().dim()]);
            op.compute(upload(scope, dtype, momenta), momenta.length / 4, scope.upload(first), scope.upload(second),
                    out, first.length);
            return ComplexTensor.fromPlanar(download(out));
        }
    }

    private static double[] scaled(double[] values, double factor) {
        for (int i = 0; i < values.length; i++) values[i] *= factor;
        return values;
    }

    /** |actual − expected| ≤ bound · (the row's largest expected modulus, at least 1), entry by entry. */
    private static void assertRowsClose(ComplexTensor expected, ComplexTensor actual, int width, double bound,
            String what) {
        for (int row = 0; row * width < expected.length(); row++) {
            double scale = 1;
            for (int k = row * width; k < (row + 1) * width; k++) {
                scale = Math.max(scale, Math.hypot(expected.re()[k], expected.im()[k]));
            }
            for (int k = row * width; k < (row + 1) * width; k++) {
                double error = Math.hypot(actual.re()[k] - expected.re()[k], actual.im()[k] - expected.im()[k]);
                assertTrue(error <= bound * scale, what + " row " + row + " entry " + (k - row * width) + ": "
                        + error + " > " + bound + " · " + scale);
            }
        }
    }
}
