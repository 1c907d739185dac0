package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.device.DType;
import org.equikern.device.DeviceTestBase;
import org.equikern.device.Transfers;
import org.equikern.train.Parameters;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link DevicePotential} against the host models it is built from, which are the oracle (their forces and
 * gradients agree with e3nn to 1e-10): NequIP with l_max 2 and MACE with ν = 3 as trained in
 * {@code test-data/models/} on the periodic Cu/Al batch of {@code cu_al_emt.extxyz}, and NequIP with l_max 1
 * and MACE with ν = 2 (seeded weights) on {@link NequipFixtures#batch()}. Also forces against central
 * differences of the device's own energies, rotation equivariance in FLOAT32, the host↔device transfers of an
 * evaluation, and no buffer left behind. Subclassed once per backend.
 */
public abstract class DevicePotentialContract extends DeviceTestBase {
    /** FLOAT64 against the host: 1e-10 of each array's largest magnitude. */
    private static final double F64_TOLERANCE = 1e-10;
    /**
     * FLOAT32 against the host: every op in float, positions included, through two or three layers; about
     * 30 float roundings (6e-8 each) of the largest term reach an output.
     */
    private static final double F32_TOLERANCE = 2e-5;

    /** A model and a periodic batch of several structures. */
    enum Case {
        NEQUIP_TINY, NEQUIP_L1, MACE_TINY, MACE_NU2;

        Potential model() {
            return switch (this) {
                case NEQUIP_TINY -> reference("nequip-tiny", new NequipPotentialFactory()).model();
                case MACE_TINY -> reference("mace-tiny", new MacePotentialFactory()).model();
                case NEQUIP_L1 -> NequipModel.create(NequipFixtures.config(1, true), 11);
                case MACE_NU2 -> MaceModel.create(MaceFixtures.config(2), 12);
            };
        }

        AtomicBatch batch() {
            return switch (this) {
                case NEQUIP_TINY -> reference("nequip-tiny", new NequipPotentialFactory()).batch();
                case MACE_TINY -> reference("mace-tiny", new MacePotentialFactory()).batch();
                case NEQUIP_L1, MACE_NU2 -> NequipFixtures.batch();
            };
        }

        private static E3nnReferenceCase reference(String name, org.equikern.train.PotentialFactory factory) {
            try {
                return E3nnReferenceCase.load(name, factory);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void float64MatchesTheHostModel(Case c) {
        assertMatchesHost(c, DType.FLOAT64, F64_TOLERANCE);
    }

    @ParameterizedTest
    @EnumSource(Case.class)
    void float32IsWithinItsTolerance(Case c) {
        assertMatchesHost(c, DType.FLOAT32, F32_TOLERANCE);
    }

    private void assertMatchesHost(Case c, DType dtype, double tolerance) {
        Potential model = c.model();
        AtomicBatch batch = c.batch();
        PotentialEvaluation host = model.evaluate(batch);
        int live = device.liveBufferCount();
        try (DevicePotential potential = DevicePotential.of(model, device, dtype)) {
            PotentialEvaluation onDevice = potential.evaluate(batch);
            assertClose(host.energies(), onDevice.energies(), tolerance, "energies");
            assertClose(host.atomEnergies(), onDevice.atomEnergies(), tolerance, "atom energies");
            assertClose(host.forces(), onDevice.forces(), tolerance, "forces");
        }
        assertEquals(live, device.liveBufferCount(), () -> "left on the device: " + device.liveBufferNames());
    }

    @Test
    void forcesAreMinusTheCentralDifferencesOfTheEnergyInFloat64() {
        for (Case c : List.of(Case.NEQUIP_L1, Case.MACE_NU2)) {
            Potential model = c.model();
            try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64)) {
                PotentialChecks.assertForcesAreMinusTheEnergyGradient(onDevice(model, potential), c.batch());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = Case.class, names = {"NEQUIP_L1", "MACE_NU2"})
    void float32ForcesRotateWithTheStructures(Case c) {
        Potential model = c.model();
        try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT32)) {
            PotentialChecks.assertInvariantEnergiesAndEquivariantForces(onDevice(model, potential), c.batch(), 5,
                    F32_TOLERANCE);
        }
    }

    /**
     * An evaluation uploads the batch only (species, positions, cell shifts, the six index buffers of the
     * graph, the atoms' order and structure offsets) and downloads energies, atom energies and forces; the
     * parameters, uploaded when the potential is built, are not uploaded again. The first evaluation may also
     * upload constant op tables that a kernel op builds on its first call in a precision (the tensor
     * products' coupling coefficients); from the second on, the counts are exact.
     */
    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void anEvaluationTransfersTheBatchInAndThePredictionsOut(DType dtype) {
        Potential model = Case.MACE_NU2.model();
        AtomicBatch batch = Case.MACE_NU2.batch();
        Transfers beforeBuild = device.transfers();
        try (DevicePotential potential = DevicePotential.of(model, device, dtype)) {
            Transfers built = device.transfers().since(beforeBuild);
            assertTrue(built.uploadedBytes() >= (long) dtype.bytes() * model.parameters().elementCount(),
                    "the parameters are uploaded when the potential is built: " + built);
            Transfers expected = ExpectedTransfers.evaluation(batch, dtype);
            Transfers before = device.transfers();
            potential.evaluate(batch);
            Transfers first = device.transfers().since(before);
            assertEquals(expected.downloads(), first.downloads(), "downloads of the first evaluation");
            assertEquals(expected.downloadedBytes(), first.downloadedBytes(), "bytes downloaded, first evaluation");
            assertTrue(first.uploadedBytes() >= expected.uploadedBytes(), "the first evaluation uploads the batch");
            for (int call = 2; call <= 3; call++) {
                before = device.transfers();
                potential.evaluate(batch);
                assertEquals(expected, device.transfers().since(before), "evaluation " + call);
            }
        }
    }

    @Test
    void aPotentialOpenedByNameClosesItsDevice() {
        Potential host = Case.NEQUIP_L1.model();
        AtomicBatch batch = Case.NEQUIP_L1.batch();
        DevicePotential potential = DevicePotential.open(host, device.name(), DType.FLOAT64);
        assertEquals(device.name(), potential.device().name());
        assertTrue(potential.device() != device, "a device of its own");
        assertClose(host.evaluate(batch).forces(), potential.evaluate(batch).forces(), F64_TOLERANCE, "forces");
        potential.close();
        assertTrue(potential.device().isClosed());
        assertThrows(IllegalStateException.class, () -> potential.evaluate(batch));
        assertThrows(IllegalArgumentException.class, () -> DevicePotential.open(host, "cdua", DType.FLOAT64));
    }

    @Test
    void refusesOtherModelsAndUnknownSpecies() {
        Potential host = Case.NEQUIP_L1.model();
        try (DevicePotential potential = DevicePotential.of(host, device, DType.FLOAT64)) {
            Potential notAtomCentred = onDevice(host, potential);
            assertThrows(IllegalArgumentException.class,
                    () -> DevicePotential.of(notAtomCentred, device, DType.FLOAT64));
        }
        assertThrows(IllegalArgumentException.class, () -> DevicePotential.of(host, device, DType.INT32));
        try (DevicePotential potential = DevicePotential.of(host, device, DType.FLOAT64)) {
            AtomicBatch gold = NequipFixtures.batch(List.of(Structure.builder(new String[] {"Au"},
                    new double[] {0, 0, 0}).build()));
            String message = assertThrows(IllegalArgumentException.class, () -> potential.evaluate(gold))
                    .getMessage();
            assertEquals("atom 0 has atomic number 79, which is not in chemical_symbols [Si, C]", message);
            assertThrows(UnsupportedOperationException.class,
                    () -> potential.evaluate(Case.NEQUIP_L1.batch()).backward(new double[2], new double[21]));
        }
    }

    /** The device potential behind the {@link Potential} interface {@link PotentialChecks} takes. */
    private static Potential onDevice(Potential host, DevicePotential potential) {
        return new Potential() {
            @Override
            public Parameters parameters() {
                return host.parameters();
            }

            @Override
            public double cutoff() {
                return potential.cutoff();
            }

            @Override
            public PotentialEvaluation evaluate(AtomicBatch batch) {
                return potential.evaluate(batch);
            }
        };
    }

    /** |actual − expected| ≤ tolerance · max|expected|, element by element. */
    private static void assertClose(double[] expected, double[] actual, double tolerance, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double e : expected) scale = Math.max(scale, Math.abs(e));
        double largest = scale;
        assertTrue(largest > 0, what + " are all zero");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            int index = i;
            assertTrue(err <= tolerance * largest, () -> what + "[" + index + "]: host " + expected[index]
                    + ", device " + actual[index] + " (error " + err / largest + " of the largest entry)");
        }
    }
}
