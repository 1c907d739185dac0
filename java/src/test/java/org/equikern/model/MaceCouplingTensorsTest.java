package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.equikern.group.Irreps;
import org.equikern.train.StoredTensor;
import org.equikern.train.TensorFile;
import org.junit.jupiter.api.Test;

/**
 * The exported coupling tensors of a small MACE configuration (channel {@code 0e+1o+2e}, targets 0e and 1o,
 * correlation 2), against what holds by hand: the path counts of Sym²(0e+1o+2e) (0e: 0e·0e, 1o·1o, 2e·2e;
 * 1o: 0e·1o, 1o·2e), order 1 as the identity on the target's copy, symmetry in
 * the input indices and component normalization.
 */
class MaceCouplingTensorsTest {
    private static final int D = 9;

    private static TensorFile tensors() {
        return MaceCouplingTensors.of(MaceConfig.builder().hiddenIrreps(Irreps.parse("2x0e+2x1o")).maxEll(2)
                .correlation(2).chemicalSymbols(List.of("Cu")).build());
    }

    @Test
    void namesShapesAndMetadata() {
        TensorFile file = tensors();
        assertEquals(List.of("U.1.0e", "U.2.0e", "U.1.1o", "U.2.1o"), List.copyOf(file.tensors().keySet()));
        assertArrayEquals(new int[] {1, D, 1}, file.tensor("U.1.0e").shape());
        assertArrayEquals(new int[] {3, D, D, 1}, file.tensor("U.2.0e").shape());
        assertArrayEquals(new int[] {1, D, 3}, file.tensor("U.1.1o").shape());
        assertArrayEquals(new int[] {2, D, D, 3}, file.tensor("U.2.1o").shape());
        assertEquals(Map.of("channel_irreps", "1x0e+1x1o+1x2e", "correlation", "2"), file.metadata());
    }

    @Test
    void orderOneIsTheIdentityOnTheTargetsCopy() {
        double[] scalar = tensors().tensor("U.1.0e").doubles();
        double[] vector = tensors().tensor("U.1.1o").doubles();
        for (int i = 0; i < D; i++) {
            assertEquals(i == 0 ? 1 : 0, scalar[i], 1e-15, "U.1.0e[" + i + "]");
            for (int m = 0; m < 3; m++) {
                assertEquals(i == 1 + m ? 1 : 0, vector[i * 3 + m], 1e-15, "U.1.1o[" + i + ", " + m + "]");
            }
        }
    }

    @Test
    void orderTwoIsSymmetricAndComponentNormalized() {
        for (String name : List.of("U.2.0e", "U.2.1o")) {
            StoredTensor t = tensors().tensor(name);
            int paths = t.shape()[0];
            int dl = t.shape()[3];
            double[] u = t.doubles();
            for (int k = 0; k < paths; k++) {
                for (int m = 0; m < dl; m++) {
                    double norm = 0;
                    for (int i = 0; i < D; i++) {
                        for (int j = 0; j < D; j++) {
                            double v = u[((k * D + i) * D + j) * dl + m];
                            assertEquals(v, u[((k * D + j) * D + i) * dl + m], 1e-15, name + " symmetric");
                            norm += v * v;
                        }
                    }
                    assertEquals(1, norm, 1e-12, name + " path " + k + " component " + m);
                }
            }
            assertTrue(paths > 0);
        }
    }

    @Test
    void rejectsNullConfig() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> MaceCouplingTensors.of(null));
        assertTrue(e.getMessage().contains("config"), e.getMessage());
    }
}
