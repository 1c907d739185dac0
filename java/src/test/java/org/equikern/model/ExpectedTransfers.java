package org.equikern.model;

import org.equikern.data.AtomicBatch;
import org.equikern.device.DType;
import org.equikern.device.Transfers;

/** The host↔device transfers a {@link DevicePotential} is allowed per call, counted as {@code Device.transfers()}. */
final class ExpectedTransfers {
    private static final long INT32 = 4;

    private ExpectedTransfers() {
    }

    /**
     * An evaluation: the batch in (species, positions, cell shifts, the six index buffers of the graph, the
     * atoms' order and structure offsets: 11 uploads) and energies, atom energies and forces out (3 downloads).
     */
    static Transfers evaluation(AtomicBatch batch, DType dtype) {
        int atoms = batch.atomCount();
        int edges = batch.graph().edgeCount();
        int structures = batch.structureCount();
        long real = dtype.bytes();
        long in = INT32 * atoms + real * 3 * atoms + real * 3 * edges
                + INT32 * (2L * edges + 2L * edges + (atoms + 1) + (atoms + 1))
                + INT32 * (atoms + structures + 1L);
        long out = real * (structures + atoms + 3L * atoms);
        return new Transfers(11, in, 3, out);
    }

    /**
     * A training step, {@link DevicePotential#evaluateForTraining} and its backward: an evaluation's transfers
     * plus the backward's two seeds ({@code gradEnergies}, {@code gradForces}) and each atom's structure index
     * in, nothing more out.
     */
    static Transfers trainingStep(AtomicBatch batch, DType dtype) {
        Transfers evaluation = evaluation(batch, dtype);
        long seeds = dtype.bytes() * (batch.structureCount() + 3L * batch.atomCount()) + INT32 * batch.atomCount();
        return new Transfers(evaluation.uploads() + 3, evaluation.uploadedBytes() + seeds, evaluation.downloads(),
                evaluation.downloadedBytes());
    }
}
