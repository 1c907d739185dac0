package org.equikern.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.equikern.data.AtomicBatch;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.device.DType;
import org.equikern.group.Irreps;
import org.equikern.model.DevicePotential;
import org.equikern.model.MaceConfig;
import org.equikern.model.MaceModel;
import org.equikern.model.NequipConfig;
import org.equikern.model.NequipModel;
import org.equikern.train.Potential;
import org.equikern.train.Predictor;

/**
 * Times {@code evaluate} (energies and forces) of the tiny NequIP and MACE models of {@code test-data/models/}
 * (their architectures, seeded weights: the time does not depend on the values) on the structures of DATA
 * repeated COPIES times as one batch: the host model (float64), and {@link DevicePotential} on each device
 * named, in float64 and float32. Prints a Markdown table of the minimum and median wall time per call over
 * CALLS calls after three warm-up calls, one model and device at a time on one caller thread.
 *
 * <pre>DeviceEvaluateTiming DATA.extxyz COPIES CALLS DEVICE...</pre>
 */
public final class DeviceEvaluateTiming {
    private static final int WARM_UP = 3;

    private DeviceEvaluateTiming() {
    }

    /**
     * Runs the timings.
     *
     * @param args the extended XYZ data, the copies of it in the batch, the timed calls, the device names
     */
    public static void main(String[] args) {
        if (args.length < 4) {
            throw new IllegalArgumentException("usage: DeviceEvaluateTiming DATA.extxyz COPIES CALLS DEVICE...; got "
                    + Arrays.toString(args));
        }
        List<Structure> data = ExtXyz.DEFAULT.readAll(Path.of(args[0]));
        int copies = Integer.parseInt(args[1]);
        int calls = Integer.parseInt(args[2]);
        List<Structure> structures = new ArrayList<>();
        for (int c = 0; c < copies; c++) structures.addAll(data);
        System.out.println("| model | where | precision | atoms | edges | min ms | median ms |");
        System.out.println("|---|---|---|---:|---:|---:|---:|");
        for (Potential model : List.of(nequip(), mace())) {
            AtomicBatch batch = AtomicBatch.of(structures, model.cutoff());
            String name = model instanceof NequipModel ? "NequIP tiny (l_max 2)" : "MACE tiny (ν = 3)";
            row(name, "host", "float64", batch, model, calls);
            for (int d = 3; d < args.length; d++) {
                for (DType dtype : List.of(DType.FLOAT64, DType.FLOAT32)) {
                    try (DevicePotential potential = DevicePotential.open(model, args[d], dtype)) {
                        row(name, args[d], dtype.name().toLowerCase(Locale.ROOT), batch, potential, calls);
                    }
                }
            }
        }
    }

    private static void row(String model, String where, String precision, AtomicBatch batch, Predictor predictor,
            int calls) {
        for (int i = 0; i < WARM_UP; i++) predictor.evaluate(batch);
        double[] ms = new double[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            predictor.evaluate(batch);
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf(Locale.ROOT, "| %s | %s | %s | %d | %d | %.1f | %.1f |%n", model, where, precision,
                batch.atomCount(), batch.graph().edgeCount(), ms[0], ms[calls / 2]);
    }

    /** {@code test-data/models/nequip-tiny.yaml}'s model. */
    private static NequipModel nequip() {
        return NequipModel.create(NequipConfig.builder().rMax(4.0).numLayers(2).lMax(2).parity(true).numFeatures(4)
                .numBasis(4).invariantLayers(1).invariantNeurons(8).avgNumNeighbors(18.5)
                .chemicalSymbols(List.of("Cu", "Al")).perSpeciesShifts(List.of(-0.35, 0.6)).globalScale(0.8)
                .build(), 7);
    }

    /** {@code test-data/models/mace-tiny.yaml}'s model. */
    private static MaceModel mace() {
        return MaceModel.create(MaceConfig.builder().rMax(4.0).numInteractions(2).correlation(3)
                .hiddenIrreps(Irreps.parse("4x0e+4x1o")).maxEll(2).numRadialBasis(4).numCutoffBasis(5)
                .radialMlp(List.of(8, 8)).mlpIrreps(Irreps.parse("4x0e")).avgNumNeighbors(18.5)
                .chemicalSymbols(List.of("Cu", "Al")).perSpeciesShifts(List.of(-0.35, 0.6)).atomicInterScale(0.8)
                .build(), 7);
    }
}
