package org.equikern.bench;

import com.sun.management.OperatingSystemMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.equikern.data.AtomicBatch;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.train.Adam;
import org.equikern.train.Checkpoint;
import org.equikern.train.ConfigNode;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.Optimizer;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;

/**
 * Times training steps of a trained model on the java device, side by side with
 * {@code bench/oracle/nequip_reference.py --bench=STEPS} (bench/oracle/nequip-step.sh): every structure
 * of DATA as one batch, its neighbour list built once; each step is the forward pass with forces, the
 * loss of the checkpoint's {@code loss_coeffs}, the exact loss gradient of every parameter and one Adam
 * step at the checkpoint's learning rate. Prints one line per step, with its wall time and the process's
 * CPU time (all threads: the one that steps, the fork-join pool's, the JIT compiler's and the collector's;
 * on a machine shared with other jobs it is the steadier of the two), and the heap's high-water mark (the
 * sum of the heap pools' peak usage).
 *
 * <pre>NequipStepTiming CHECKPOINT DATA.extxyz STEPS</pre>
 */
public final class NequipStepTiming {
    private NequipStepTiming() {
    }

    /**
     * Runs the steps.
     *
     * @param args the checkpoint directory, the extended XYZ data and the number of steps
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: NequipStepTiming CHECKPOINT DATA.extxyz STEPS; got "
                    + Arrays.toString(args));
        }
        Path checkpoint = Path.of(args[0]);
        int steps = Integer.parseInt(args[2]);
        if (steps < 1) {
            throw new IllegalArgumentException("STEPS = " + steps + " must be >= 1");
        }
        ConfigNode config = ConfigNode.root(Checkpoint.readConfig(checkpoint));
        Potential potential = Checkpoint.loadPotential(checkpoint);
        List<Structure> structures = ExtXyz.DEFAULT.readAll(Path.of(args[1]));
        AtomicBatch batch = AtomicBatch.of(structures, potential.cutoff());
        double[] energies = structures.stream().mapToDouble(Structure::energy).toArray();
        double[] forces = structures.stream().flatMapToDouble(s -> Arrays.stream(s.forces())).toArray();
        ConfigNode coeffs = config.section("loss_coeffs");
        EnergyForceLoss loss = EnergyForceLoss.mse(coeffs.number("energy", 0, Double.MAX_VALUE),
                coeffs.number("forces", 0, Double.MAX_VALUE));
        Optimizer adam = new Adam(potential.parameters(), Adam.Options.adam()
                .learningRate(config.number("learning_rate", Double.MIN_VALUE, Double.MAX_VALUE)));
        OperatingSystemMXBean os = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        for (int s = 0; s < steps; s++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            potential.parameters().zeroGrad();
            PotentialEvaluation evaluation = potential.evaluate(batch);
            EnergyForceLoss.Result result = loss.evaluate(batch.atomsPerStructure(), evaluation.energies(), energies,
                    evaluation.forces(), forces);
            evaluation.backward(result.gradEnergy(), result.gradForces());
            adam.step();
            System.out.printf(Locale.ROOT, "step %d %.3f ms cpu %.3f ms loss %.6g%n", s,
                    (System.nanoTime() - start) / 1e6, (os.getProcessCpuTime() - cpuStart) / 1e6, result.value());
        }
        System.out.printf(Locale.ROOT, "peak heap %.1f MiB, %d processors, %d edges, %d weights%n",
                peakHeapBytes() / 1048576.0, Runtime.getRuntime().availableProcessors(),
                batch.graph().edgeCount(), potential.parameters().elementCount());
    }

    private static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
