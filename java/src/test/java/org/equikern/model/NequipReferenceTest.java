package org.equikern.model;

import java.io.IOException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Equikern's NequIP model side by side with the reference implementation, for l_max = 2
 * ({@code nequip-tiny}) and l_max = 0 ({@code nequip-l0}, invariant messages). The weights in
 * {@code test-data/models/NAME.safetensors}, written by {@code equikern train NAME.yaml}, are loaded into the
 * same architecture built from e3nn 0.5.6 modules the way NequIP builds it
 * ({@code bench/oracle/nequip_reference.py}, float64, neighbours from ASE), which wrote the energies, forces,
 * loss and the loss gradient of every parameter into {@code NAME.reference.safetensors}; the comparison is
 * {@link E3nnReferenceCase}'s. {@link DeviceReferenceTest} runs the same comparison on the java and OpenCL
 * devices.
 */
class NequipReferenceTest {
    private static E3nnReferenceCase load(String name) throws IOException {
        return E3nnReferenceCase.load(name, new NequipPotentialFactory());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nequip-tiny", "nequip-l0"})
    void sameGraphAsAse(String name) throws IOException {
        load(name).assertSameGraph();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nequip-tiny", "nequip-l0"})
    void energiesAndForcesAgreeWithE3nn(String name) throws IOException {
        load(name).assertEnergiesAndForces();
    }

    @ParameterizedTest
    @ValueSource(strings = {"nequip-tiny", "nequip-l0"})
    void lossAndEveryParameterGradientAgreeWithE3nn(String name) throws IOException {
        load(name).assertLossAndEveryParameterGradient();
    }
}
