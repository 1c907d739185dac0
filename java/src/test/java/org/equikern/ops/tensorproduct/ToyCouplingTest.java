package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Coupling;
import org.equikern.runtime.Devices;
import org.equikern.tp.CouplingSource;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A product whose coupling is not O(3)'s: a toy {@link CouplingSource} with arbitrary
 * coefficients (an anisotropic dot product into 0e, two entries into 1e), run through the
 * unchanged Java and OpenCL backends and compared with the sum {@code Σ C[i][j][k] x1[i] x2[j]}
 * written out here.
 */
class ToyCouplingTest {
    /** 1 ⊗ 1 → 0: C[i][i][0] = DOT[i]. */
    private static final double[] DOT = {1, -2, 0.5};
    /** 1 ⊗ 1 → 1: two entries (i, j, k, value). */
    private static final double[][] CROSS = {{0, 1, 2, 1.5}, {2, 0, 1, -0.25}};

    private static final CouplingSource TOY = (in1, in2, out) -> out.l() == 0
            ? sparse(new int[][] {{0, 0, 0}, {1, 1, 0}, {2, 2, 0}}, DOT)
            : sparse(new int[][] {{0, 1, 2}, {2, 0, 1}}, new double[] {CROSS[0][3], CROSS[1][3]});

    private static final TensorProductSpec SPEC = TensorProductSpec.builder("2x1o", "1x1o", "2x0e+2x1e")
            .instruction(0, 0, 0, "uvu", true)
            .instruction(0, 0, 1, "uvu", true)
            .build();

    @ParameterizedTest
    @ValueSource(strings = {"java", "opencl:0"})
    void backendsRunTheToyCouplingUnchanged(String deviceName) {
        Plan plan = Plan.of(SPEC, TOY);
        double[] x1 = {0.3, -1.1, 0.7, 2.0, 0.4, -0.6};
        double[] x2 = {0.9, -0.2, 1.3};
        double[] w = {0.5, -1.5, 2.5, 0.75};
        double[] expected = expected(plan, x1, x2, w);
        try (Device device = Devices.open(deviceName); TensorProductOp op = TensorProductOp.on(device, plan);
                MemoryScope scope = device.openScope()) {
            DeviceBuffer out = scope.allocate(DType.FLOAT64, plan.dimOut());
            op.forward(scope.upload(x1), scope.upload(x2), scope.upload(w), out, 1);
            assertArrayEquals(expected, out.toDoubleArray(), 1e-12);
        }
    }

    @Test
    void theSourceIsPartOfThePlansIdentity() {
        assertNotSame(Plan.of(SPEC), Plan.of(SPEC, TOY));
        assertEquals(CouplingSource.WIGNER_3J, Plan.of(SPEC).source());
        CouplingSource outside = (in1, in2, out) -> sparse(new int[][] {{0, 3, 0}}, new double[] {1});
        assertEquals("coupling of instruction 0: entry 0 has j = 3, outside [0, 3) of 1o",
                assertThrows(IllegalArgumentException.class, () -> Plan.of(SPEC, outside)).getMessage());
    }

    /** out by the definition: per path, coefficient · w[u] · Σ C[i][j][k] x1[u, i] x2[j]. */
    private static double[] expected(Plan plan, double[] x1, double[] x2, double[] w) {
        double[] out = new double[plan.dimOut()];
        double dotPath = plan.paths().get(0).coefficient();
        double crossPath = plan.paths().get(1).coefficient();
        for (int u = 0; u < 2; u++) {
            for (int i = 0; i < 3; i++) out[u] += dotPath * w[u] * DOT[i] * x1[3 * u + i] * x2[i];
            for (double[] e : CROSS) {
                int i = (int) e[0];
                int j = (int) e[1];
                int k = (int) e[2];
                out[2 + 3 * u + k] += crossPath * w[2 + u] * e[3] * x1[3 * u + i] * x2[j];
            }
        }
        return out;
    }

    private static Coupling sparse(int[][] ijk, double[] values) {
        return new Coupling() {
            @Override
            public int nonZeroCount() {
                return values.length;
            }

            @Override
            public int nonZeroI(int n) {
                return ijk[n][0];
            }

            @Override
            public int nonZeroJ(int n) {
                return ijk[n][1];
            }

            @Override
            public int nonZeroK(int n) {
                return ijk[n][2];
            }

            @Override
            public double nonZeroValue(int n) {
                return values[n];
            }
        };
    }
}
