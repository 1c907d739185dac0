package org.equikern.ops.normactivation;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.nn.NormActivation;

/**
 * A norm activation with the kernels of {@code kernels/common/norm_activation.h}, on OpenCL or
 * CUDA: one work item per (sample, irrep copy), and one per bias for its gradient. The copy
 * records ({@code NC_*}) and the parameters ({@code NP_*}: activation constant, epsilon) are
 * uploaded once, when the op is made.
 */
final class KernelNormActivationOp extends NormActivationOp {
    private static final String PROGRAM = "norm_activation";
    private static final KernelSignature NORM_ACTIVATION_FORWARD = KernelSignature.of(PROGRAM, "norm_activation_forward",
            INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature NORM_ACTIVATION_GRAD_X = KernelSignature.of(PROGRAM, "norm_activation_grad_x",
            INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature NORM_ACTIVATION_GRAD_BIAS = KernelSignature.of(PROGRAM,
            "norm_activation_grad_bias", INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, INT, INT, REAL_BUFFER);
    private static final KernelSignature NORM_ACTIVATION_TANGENT = KernelSignature.of(PROGRAM,
            "norm_activation_tangent", INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature NORM_ACTIVATION_TANGENT_GRAD_X = KernelSignature.of(PROGRAM,
            "norm_activation_tangent_grad_x", INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature NORM_ACTIVATION_TANGENT_GRAD_BIAS = KernelSignature.of(PROGRAM,
            "norm_activation_tangent_grad_bias", INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, INT, INT, REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer copies;
    private final DeviceBuffer params;
    private final int copyCount;

    KernelNormActivationOp(Device device, KernelLauncher launcher, DType dtype, NormActivation activation) {
        super(device, dtype, activation);
        this.launcher = launcher;
        int[] start = activation.copyStart();
        int[] dim = activation.copyDim();
        this.copyCount = start.length;
        int[] records = new int[2 * copyCount];
        for (int c = 0; c < copyCount; c++) {
            records[2 * c] = start[c];
            records[2 * c + 1] = dim[c];
        }
        this.tables = new DeviceTables(device, dtype);
        try {
            this.copies = tables.ints(records);
            this.params = tables.reals(new double[] {activation.activation().constant(), activation.epsilon()});
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer out, int batch) {
        launcher.launch(NORM_ACTIVATION_FORWARD, dtype(), (long) batch * copyCount, batch, dim(),
                copyCount, activationOrdinal(), normalizeFlag(), hasBias(), copies, params, x, biasArgument(bias),
                out);
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradBias, int batch) {
        launcher.launch(NORM_ACTIVATION_GRAD_X, dtype(), (long) batch * copyCount, batch, dim(),
                copyCount, activationOrdinal(), normalizeFlag(), hasBias(), copies, params, x, biasArgument(bias),
                gradOut, gradX);
        if (gradBias != null && activation().hasBias()) {
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, copyCount, gradBias,
                    (items, slices, chunk, partial) -> launcher.launch(NORM_ACTIVATION_GRAD_BIAS, dtype(), items,
                            batch, dim(), copyCount, activationOrdinal(), normalizeFlag(), copies, params, x,
                            bias, gradOut, slices, chunk, partial));
        }
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer outTangent,
            int batch) {
        launcher.launch(NORM_ACTIVATION_TANGENT, dtype(), (long) batch * copyCount, batch, dim(), copyCount,
                activationOrdinal(), normalizeFlag(), hasBias(), copies, params, x, biasArgument(bias), xTangent,
                outTangent);
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer gradOut,
            DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, DeviceBuffer gradBiasTangent, int batch) {
        launcher.launch(NORM_ACTIVATION_TANGENT_GRAD_X, dtype(), (long) batch * copyCount, batch, dim(), copyCount,
                activationOrdinal(), normalizeFlag(), hasBias(), copies, params, x, biasArgument(bias), xTangent,
                gradOut, gradOutTangent, gradXTangent);
        if (gradBiasTangent != null && activation().hasBias()) {
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, copyCount, gradBiasTangent,
                    (items, slices, chunk, partial) -> launcher.launch(NORM_ACTIVATION_TANGENT_GRAD_BIAS, dtype(),
                            items, batch, dim(), copyCount, activationOrdinal(), normalizeFlag(), copies, params, x,
                            bias, xTangent, gradOut, gradOutTangent, slices, chunk, partial));
        }
    }

    /** Without biases the kernels never read their bias argument; any buffer of the right dtype fills the slot. */
    private DeviceBuffer biasArgument(DeviceBuffer bias) {
        return bias != null ? bias : params;
    }

    private int activationOrdinal() {
        return activation().activation().activation().ordinal();
    }

    private int normalizeFlag() {
        return activation().normalize() ? 1 : 0;
    }

    private int hasBias() {
        return activation().hasBias() ? 1 : 0;
    }

    private int dim() {
        return activation().irrepsIn().dim();
    }

    @Override
    protected void release() {
        tables.close();
    }
}
