package org.equikern.ops.loss;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.ops.Backends;

/**
 * The energy + force loss of NequIP and MACE for a batch of S structures with N atoms, on the device where the
 * predictions are: {@code org.equikern.train.EnergyForceLoss}'s formula
 * <pre>
 *   L = w_E · mean_s ρ(E_s/n_s − E_s^ref/n_s) + w_F · mean_{a,c} ρ(F_ac − F_ac^ref)
 * </pre>
 * with ρ(x) = x² or PyTorch's Huber function, its gradients ∂L/∂E and ∂L/∂F (the seeds of the model's backward,
 * left on the device), and the error sums {@code org.equikern.train.EnergyForceMetrics} accumulates, all
 * written to one small buffer of {@link #SUMS} scalars: a training step downloads that buffer and nothing else.
 *
 * <p>The sums run in {@code reduction.h}'s fixed slices, in element order within a slice (one slice up to 1024
 * elements), so results repeat bit for bit. FLOAT64 agrees with the host loss to rounding (the same terms in
 * the same order; CUDA may fuse multiply-adds); FLOAT32 computes in float.
 */
public abstract class EnergyForceLossOp extends DeviceOp {
    /** Index of L in the sums buffer. */
    public static final int LOSS = 0;
    /** Index of Σ_s |E_s − E_s^ref| / n_s. */
    public static final int ENERGY_ABS = 1;
    /** Index of Σ_s ((E_s − E_s^ref) / n_s)². */
    public static final int ENERGY_SQ = 2;
    /** Index of Σ |F − F^ref| over the force components. */
    public static final int FORCE_ABS = 3;
    /** Index of Σ (F − F^ref)² over the force components. */
    public static final int FORCE_SQ = 4;
    /** The length of the sums buffer. */
    public static final int SUMS = 5;

    private static final String EVALUATE = "EnergyForceLossOp.evaluate";

    /**
     * For backends: the op on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every real buffer
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    protected EnergyForceLossOp(Device device, DType dtype) {
        super(device, dtype);
    }

    /**
     * The operation on {@code device} in {@code dtype}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @return the op, owned by the caller
     * @throws IllegalArgumentException for INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static EnergyForceLossOp on(Device device, DType dtype) {
        return Backends.select(device, "EnergyForceLossOp.on", java -> new JavaEnergyForceLossOp(java, dtype),
                kernel -> new KernelEnergyForceLossOp(kernel, kernel, dtype));
    }

    /**
     * Evaluates the loss of one batch on the device.
     *
     * @param settings the weights and the Huber threshold
     * @param numAtoms INT32 {@code [S]}, the atoms of each structure, each ≥ 1 (not checked on the device)
     * @param predEnergy {@code [S]} predicted total energies
     * @param refEnergy {@code [S]} reference total energies
     * @param predForces {@code [3N]} predicted forces, atom-major
     * @param refForces {@code [3N]} reference forces
     * @param gradEnergy {@code [S]}, receives ∂L/∂E
     * @param gradForces {@code [3N]}, receives ∂L/∂F
     * @param sums {@code [SUMS]}, receives L and the error sums at {@link #LOSS} … {@link #FORCE_SQ}
     * @param structures S, ≥ 1
     * @param components 3N, ≥ 1
     * @throws IllegalArgumentException for null settings, a count below 1, a buffer of another device, dtype or
     *     length, or an output sharing a buffer with another role
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void evaluate(LossSettings settings, DeviceBuffer numAtoms, DeviceBuffer predEnergy,
            DeviceBuffer refEnergy, DeviceBuffer predForces, DeviceBuffer refForces, DeviceBuffer gradEnergy,
            DeviceBuffer gradForces, DeviceBuffer sums, int structures, int components) {
        checkOpen(EVALUATE);
        if (settings == null) throw new IllegalArgumentException(EVALUATE + ": settings must not be null");
        checkPositive("structures", structures);
        checkPositive("components", components);
        checkIndexBuffer(EVALUATE, "numAtoms", numAtoms, structures, "structures");
        checkBuffer(EVALUATE, "predEnergy", predEnergy, structures, "structures");
        checkBuffer(EVALUATE, "refEnergy", refEnergy, structures, "structures");
        checkBuffer(EVALUATE, "predForces", predForces, components, "components");
        checkBuffer(EVALUATE, "refForces", refForces, components, "components");
        checkBuffer(EVALUATE, "gradEnergy", gradEnergy, structures, "structures");
        checkBuffer(EVALUATE, "gradForces", gradForces, components, "components");
        checkBuffer(EVALUATE, "sums", sums, SUMS, "SUMS");
        checkDistinct(EVALUATE, "predEnergy", predEnergy, "refEnergy", refEnergy, "predForces", predForces,
                "refForces", refForces, "gradEnergy", gradEnergy, "gradForces", gradForces, "sums", sums);
        run(EVALUATE, () -> runEvaluate(settings, numAtoms, predEnergy, refEnergy, predForces, refForces, gradEnergy,
                gradForces, sums, structures, components));
    }

    private static void checkPositive(String name, int count) {
        if (count < 1) throw new IllegalArgumentException(EVALUATE + ": " + name + " = " + count + ": must be >= 1");
    }

    /**
     * {@link #evaluate} after validation.
     *
     * @param settings the weights and δ
     * @param numAtoms atoms per structure
     * @param predEnergy predicted energies
     * @param refEnergy reference energies
     * @param predForces predicted forces
     * @param refForces reference forces
     * @param gradEnergy receives ∂L/∂E
     * @param gradForces receives ∂L/∂F
     * @param sums receives L and the error sums
     * @param structures S
     * @param components 3N
     */
    abstract void runEvaluate(LossSettings settings, DeviceBuffer numAtoms, DeviceBuffer predEnergy,
            DeviceBuffer refEnergy, DeviceBuffer predForces, DeviceBuffer refForces, DeviceBuffer gradEnergy,
            DeviceBuffer gradForces, DeviceBuffer sums, int structures, int components);
}
