package org.equikern.ops.symmetriccontraction;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import java.util.Arrays;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.BatchReduction;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.nn.ContractionMonomials;
import org.equikern.nn.SymmetricContraction;

/**
 * A symmetric contraction with the kernels of {@code kernels/common/symmetric_contraction.h}, on
 * OpenCL or CUDA: one work item per output element, per input-gradient element and per weight.
 * The monomial tables ({@link SymmetricContractionTables}) are uploaded once, when the op is made.
 */
final class KernelSymmetricContractionOp extends SymmetricContractionOp {
    private static final String PROGRAM = "symmetric_contraction";
    private static final KernelSignature SYMMETRIC_CONTRACTION_FORWARD = KernelSignature.of(PROGRAM, "symmetric_contraction_forward",
            INT, INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SYMMETRIC_CONTRACTION_GRAD_X = KernelSignature.of(PROGRAM, "symmetric_contraction_grad_x",
            INT, INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER, INT_BUFFER,
            REAL_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SYMMETRIC_CONTRACTION_GRAD_W = KernelSignature.of(PROGRAM,
            "symmetric_contraction_grad_w", INT, INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER,
            INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, INT_BUFFER, REAL_BUFFER, INT, INT, REAL_BUFFER);

    private static final KernelSignature SYMMETRIC_CONTRACTION_TANGENT = KernelSignature.of(PROGRAM,
            "symmetric_contraction_tangent", INT, INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER,
            INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SYMMETRIC_CONTRACTION_TANGENT_GRAD_X = KernelSignature.of(PROGRAM,
            "symmetric_contraction_tangent_grad_x", INT, INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER,
            INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SYMMETRIC_CONTRACTION_TANGENT_GRAD_W = KernelSignature.of(PROGRAM,
            "symmetric_contraction_tangent_grad_w", INT, INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, REAL_BUFFER,
            INT_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, INT,
            INT, REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer monomials;
    private final DeviceBuffer coefficients;
    private final DeviceBuffer groups;
    private final DeviceBuffer members;
    private final DeviceBuffer components;
    private final int channelIn;
    private final int channelOut;

    KernelSymmetricContractionOp(Device device, KernelLauncher launcher, DType dtype,
            SymmetricContraction contraction) {
        super(device, dtype, contraction);
        this.launcher = launcher;
        this.channelIn = contraction.irrepsIn().dim() / contraction.mul();
        this.channelOut = contraction.irrepsOut().dim() / contraction.mul();
        ContractionMonomials monomialTable = contraction.monomials();
        SymmetricContractionTables records = new SymmetricContractionTables(monomialTable, contraction.pathCount());
        this.tables = new DeviceTables(device, dtype);
        try {
            this.monomials = tables.ints(records.monomials());
            this.coefficients = tables.reals(monomialTable.coefficient());
            this.groups = tables.ints(records.groups());
            this.members = tables.ints(records.members());
            this.components = tables.ints(records.components());
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer out,
            int batch) {
        launcher.launch(SYMMETRIC_CONTRACTION_FORWARD, dtype(), (long) batch * channelOut * mul(),
                shape(batch, monomials, coefficients, groups, members, components, x, elements, weights, out));
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX, DeviceBuffer gradWeights, int batch) {
        if (gradX != null) {
            launcher.launch(SYMMETRIC_CONTRACTION_GRAD_X, dtype(), (long) batch * channelIn * mul(),
                    shape(batch, monomials, coefficients, groups, members, components, x, elements, weights,
                            gradOut, gradX));
        }
        if (gradWeights != null) {
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, contraction().weightNumel(), gradWeights,
                    (items, slices, chunk, partial) -> launcher.launch(SYMMETRIC_CONTRACTION_GRAD_W, dtype(), items, append(shape(batch, monomials, coefficients,
                                    groups, members, components, x, elements, gradOut), slices, chunk, partial)));
        }
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements, DeviceBuffer weights,
            DeviceBuffer outTangent, int batch) {
        launcher.launch(SYMMETRIC_CONTRACTION_TANGENT, dtype(), (long) batch * channelOut * mul(),
                shape(batch, monomials, coefficients, groups, members, components, x, xTangent, elements, weights,
                        outTangent));
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements,
            DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent,
            DeviceBuffer gradWeightsTangent, int batch) {
        if (gradXTangent != null) {
            launcher.launch(SYMMETRIC_CONTRACTION_TANGENT_GRAD_X, dtype(), (long) batch * channelIn * mul(),
                    shape(batch, monomials, coefficients, groups, members, components, x, xTangent, elements,
                            weights, gradOut, gradOutTangent, gradXTangent));
        }
        if (gradWeightsTangent != null) {
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, contraction().weightNumel(),
                    gradWeightsTangent, (items, slices, chunk, partial) -> launcher.launch(
                            SYMMETRIC_CONTRACTION_TANGENT_GRAD_W, dtype(), items, append(shape(batch, monomials,
                                    coefficients, groups, members, components, x, xTangent, elements, gradOut,
                                    gradOutTangent), slices, chunk, partial)));
        }
    }

    /** The sizes every kernel takes first, followed by {@code buffers}. */
    private Object[] shape(int batch, DeviceBuffer... buffers) {
        SymmetricContraction c = contraction();
        Object[] args = new Object[8 + buffers.length];
        args[0] = batch;
        args[1] = c.irrepsIn().dim();
        args[2] = c.irrepsOut().dim();
        args[3] = c.mul();
        args[4] = channelIn;
        args[5] = channelOut;
        args[6] = c.pathCount();
        args[7] = c.numElements();
        System.arraycopy(buffers, 0, args, 8, buffers.length);
        return args;
    }

    private static Object[] append(Object[] args, Object... more) {
        Object[] all = Arrays.copyOf(args, args.length + more.length);
        System.arraycopy(more, 0, all, args.length, more.length);
        return all;
    }

    private int mul() {
        return contraction().mul();
    }

    @Override
    protected void release() {
        tables.close();
    }
}
