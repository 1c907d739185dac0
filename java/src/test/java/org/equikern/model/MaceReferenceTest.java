package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import org.equikern.train.Safetensors;
import org.equikern.train.TensorFile;
import org.junit.jupiter.api.Test;

/**
 * Equikern's MACE model side by side with the reference implementation ({@code mace-tiny}: 2 interactions,
 * correlation 3, hidden irreps 4x0e+4x1o, max_ell 2). The weights in {@code test-data/models/mace-tiny.safetensors},
 * written by {@code equikern train mace-tiny.yaml}, are loaded into the same architecture built from e3nn
 * 0.5.6 modules the way the mace package builds ScaleShiftMACE ({@code bench/oracle/mace_reference.py},
 * float64, neighbours from ASE), whose symmetric contractions contract with Equikern's coupling tensors
 * ({@code mace-tiny.coupling.safetensors}: a symmetric-contraction basis is not unique, and the weights
 * only mean something together with it). It wrote the energies, forces, loss and the loss gradient of every
 * parameter into {@code mace-tiny.reference.safetensors}; the comparison is {@link E3nnReferenceCase}'s.
 * {@link DeviceReferenceTest} runs the same comparison on the java and OpenCL devices.
 */
class MaceReferenceTest {
    private static final String NAME = "mace-tiny";

    private static E3nnReferenceCase load() throws IOException {
        return E3nnReferenceCase.load(NAME, new MacePotentialFactory());
    }

    /** The reference contracted with the basis Equikern builds now; otherwise the weights meant another function. */
    @Test
    void referenceUsedEquikernsCouplingTensors() throws IOException {
        MaceModel model = (MaceModel) load().model();
        TensorFile used = Safetensors.read(E3nnReferenceCase.testData(NAME + ".coupling.safetensors"));
        TensorFile built = MaceCouplingTensors.of(model.config());
        assertEquals(built.metadata(), used.metadata(), "metadata");
        assertEquals(built.tensors(), used.tensors(), "coupling tensors");
    }

    @Test
    void sameGraphAsAse() throws IOException {
        load().assertSameGraph();
    }

    @Test
    void energiesAndForcesAgreeWithE3nn() throws IOException {
        load().assertEnergiesAndForces();
    }

    @Test
    void lossAndEveryParameterGradientAgreeWithE3nn() throws IOException {
        load().assertLossAndEveryParameterGradient();
    }
}
