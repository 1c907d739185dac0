package org.equikern.model;

import java.io.IOException;
import java.util.stream.Stream;
import org.equikern.train.PotentialFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The committed NequIP and MACE models of {@code test-data/models/} run by {@link DevicePotential} on the java
 * and OpenCL devices in float64, side by side with their e3nn 0.5.6 + PyTorch references (see
 * {@link NequipReferenceTest} and {@link MaceReferenceTest}): energies, forces, the energy+force loss and the
 * gradient of every parameter computed on the device agree with e3nn to 1e-10 relative.
 */
class DeviceReferenceTest {
    static Stream<Arguments> modelsAndDevices() {
        return Stream.of("java", "opencl:0").flatMap(device -> Stream.of(
                Arguments.of("nequip-tiny", device), Arguments.of("nequip-l0", device),
                Arguments.of("mace-tiny", device)));
    }

    private static E3nnReferenceCase load(String name) throws IOException {
        PotentialFactory factory = name.startsWith("mace") ? new MacePotentialFactory() : new NequipPotentialFactory();
        return E3nnReferenceCase.load(name, factory);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndDevices")
    void energiesAndForcesAgreeWithE3nn(String name, String device) throws IOException {
        load(name).assertEnergiesAndForcesOn(device);
    }

    @ParameterizedTest(name = "{0} on {1}")
    @MethodSource("modelsAndDevices")
    void lossAndEveryParameterGradientAgreeWithE3nn(String name, String device) throws IOException {
        load(name).assertLossAndEveryParameterGradientOn(device);
    }
}
