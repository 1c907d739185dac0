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
import org.equikern.device.kernel.GemmKernels;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.nn.ContractionMonomials;
import org.equikern.nn.SymmetricContraction;

/**
 * A symmetric contraction with the kernels of {@code kernels/common/symmetric_contraction.h}, on
 * OpenCL or CUDA: one work item per output element, per input-gradient element and per weight.
 * The monomial tables ({@link SymmetricContractionTables}) are uploaded once, when the op is made.
 * Where {@link GemmKernels#choose} takes the tiles (GPUs), the forward and backward run on
 * {@link ContractionTerms}: the weights mixed per element by a tiled GEMM, {@code C = U·W}, then
 * the same item kernels over the terms, and the weight gradient as {@code Uᵀ·D}; the tangents
 * keep the monomials.
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
    /** On CPU devices the monomial kernels: the terms gained nothing measurable on PoCL (bench/results/GEMM-POCL.md). */
    private static final GemmKernels CPU_GEMM_KERNELS = GemmKernels.ELEMENTS;
    private static final KernelSignature SC_MIX_TILED = KernelSignature.of(PROGRAM, "sc_mix_tiled", INT, INT, INT,
            REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);

    /**
     * One table set on the device: the records of monomials (or of terms), their coefficients, and
     * the number of paths the weights hold per element and channel.
     */
    private record Records(DeviceBuffer monomials, DeviceBuffer coefficients, DeviceBuffer groups,
            DeviceBuffer members, int pathCount) {
        static Records upload(DeviceTables tables, SymmetricContractionTables records, double[] coefficients,
                int pathCount) {
            return new Records(tables.ints(records.monomials()), tables.reals(coefficients),
                    tables.ints(records.groups()), tables.ints(records.members()), pathCount);
        }
    }

    private final KernelLauncher launcher;
    private final GemmKernels gemm;
    private final DeviceTables tables;
    private final Records monomials;
    /** The terms and their mixing matrices, or null unless the op runs tiled. */
    private final Records terms;
    private final DeviceBuffer mixing;
    private final DeviceBuffer mixingTransposed;
    private final DeviceBuffer components;
    private final int channelIn;
    private final int channelOut;

    KernelSymmetricContractionOp(Device device, KernelLauncher launcher, DType dtype,
            SymmetricContraction contraction) {
        super(device, dtype, contraction);
        this.launcher = launcher;
        this.gemm = GemmKernels.choose(launcher, CPU_GEMM_KERNELS);
        this.channelIn = contraction.irrepsIn().dim() / contraction.mul();
        this.channelOut = contraction.irrepsOut().dim() / contraction.mul();
        ContractionMonomials monomialTable = contraction.monomials();
        SymmetricContractionTables records = new SymmetricContractionTables(monomialTable, contraction.pathCount());
        this.tables = new DeviceTables(device, dtype);
        try {
            this.monomials = Records.upload(tables, records, monomialTable.coefficient(), contraction.pathCount());
            this.components = tables.ints(records.components());
            if (gemm == GemmKernels.TILED) {
                ContractionTerms t = new ContractionTerms(monomialTable, contraction.pathCount());
                double[] ones = new double[t.count()];
                Arrays.fill(ones, 1);
                this.terms = Records.upload(tables, SymmetricContractionTables.ofTerms(t, monomialTable), ones,
                        t.count());
                this.mixing = tables.reals(t.mixing());
                this.mixingTransposed = tables.reals(t.mixingTransposed());
            } else {
                this.terms = null;
                this.mixing = null;
                this.mixingTransposed = null;
            }
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    /** The kernels this op's forward and backward run. */
    GemmKernels gemmKernels() {
        return gemm;
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer out,
            int batch) {
        if (terms == null) {
            forward(monomials, x, elements, weights, out, batch);
            return;
        }
        try (DeviceBuffer mixed = mixedWeights(weights)) {
            forward(terms, x, elements, mixed, out, batch);
        }
    }

    private void forward(Records r, DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer out,
            int batch) {
        launcher.launch(SYMMETRIC_CONTRACTION_FORWARD, dtype(), (long) batch * channelOut * mul(),
                shape(batch, r, x, elements, weights, out));
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX, DeviceBuffer gradWeights, int batch) {
        if (terms == null) {
            backward(monomials, x, elements, weights, gradOut, gradX, gradWeights, batch);
            return;
        }
        // The buffers live until the launches reading them are enqueued: the queue runs those first.
        try (DeviceBuffer mixed = gradX == null ? null : mixedWeights(weights);
                DeviceBuffer termGradient = gradWeights == null ? null : device().allocate(dtype(),
                        Math.multiplyExact(elementRows(terms.pathCount()), mul()))) {
            backward(terms, x, elements, mixed, gradOut, gradX, termGradient, batch);
            if (gradWeights != null) {
                mix(mixingTransposed, contraction().pathCount(), terms.pathCount(), termGradient, gradWeights);
            }
        }
    }

    private void backward(Records r, DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights,
            DeviceBuffer gradOut, DeviceBuffer gradX, DeviceBuffer gradWeights, int batch) {
        if (gradX != null) {
            launcher.launch(SYMMETRIC_CONTRACTION_GRAD_X, dtype(), (long) batch * channelIn * mul(),
                    shape(batch, r, x, elements, weights, gradOut, gradX));
        }
        if (gradWeights != null) {
            int numel = Math.multiplyExact(elementRows(r.pathCount()), mul());
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, numel, gradWeights,
                    (items, slices, chunk, partial) -> launcher.launch(SYMMETRIC_CONTRACTION_GRAD_W, dtype(), items,
                            append(shape(batch, r, x, elements, gradOut), slices, chunk, partial)));
        }
    }

    /** {@code C[e] = U · W[e]} per element, terms × channels, in a new buffer the caller closes. */
    private DeviceBuffer mixedWeights(DeviceBuffer weights) {
        DeviceBuffer mixed = device().allocate(dtype(), Math.multiplyExact(elementRows(terms.pathCount()), mul()));
        mix(mixing, terms.pathCount(), contraction().pathCount(), weights, mixed);
        return mixed;
    }

    /** {@code out[e] = a · b[e]} per element: a is rows × k, b[e] k × mul (sc_mix_tiled). */
    private void mix(DeviceBuffer a, int rows, int k, DeviceBuffer b, DeviceBuffer out) {
        long items = Math.multiplyExact(GemmKernels.tiledWorkItems(rows, mul()), contraction().numElements());
        launcher.launch(SC_MIX_TILED, dtype(), items, rows, k, mul(), a, b, out);
    }

    /** Rows of one matrix per element: elements × {@code rows}. */
    private int elementRows(int rows) {
        return Math.multiplyExact(contraction().numElements(), rows);
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements, DeviceBuffer weights,
            DeviceBuffer outTangent, int batch) {
        launcher.launch(SYMMETRIC_CONTRACTION_TANGENT, dtype(), (long) batch * channelOut * mul(),
                shape(batch, monomials, x, xTangent, elements, weights, outTangent));
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements,
            DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent,
            DeviceBuffer gradWeightsTangent, int batch) {
        if (gradXTangent != null) {
            launcher.launch(SYMMETRIC_CONTRACTION_TANGENT_GRAD_X, dtype(), (long) batch * channelIn * mul(),
                    shape(batch, monomials, x, xTangent, elements, weights, gradOut, gradOutTangent,
                            gradXTangent));
        }
        if (gradWeightsTangent != null) {
            BatchReduction.run(device(), launcher, PROGRAM, dtype(), batch, contraction().weightNumel(),
                    gradWeightsTangent, (items, slices, chunk, partial) -> launcher.launch(
                            SYMMETRIC_CONTRACTION_TANGENT_GRAD_W, dtype(), items, append(shape(batch, monomials,
                                    x, xTangent, elements, gradOut, gradOutTangent), slices, chunk, partial)));
        }
    }

    /** The sizes every kernel takes first, then the tables of {@code r}, followed by {@code buffers}. */
    private Object[] shape(int batch, Records r, DeviceBuffer... buffers) {
        SymmetricContraction c = contraction();
        Object[] args = new Object[13 + buffers.length];
        args[0] = batch;
        args[1] = c.irrepsIn().dim();
        args[2] = c.irrepsOut().dim();
        args[3] = c.mul();
        args[4] = channelIn;
        args[5] = channelOut;
        args[6] = r.pathCount();
        args[7] = c.numElements();
        args[8] = r.monomials();
        args[9] = r.coefficients();
        args[10] = r.groups();
        args[11] = r.members();
        args[12] = components;
        System.arraycopy(buffers, 0, args, 13, buffers.length);
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
