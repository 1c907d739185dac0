package org.equikern.ops.tensorproduct;

import java.util.function.Consumer;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.ops.axpy.AxpyOp;
import org.equikern.tp.TrilinearDoubleBackward;

/**
 * The double backward as {@link TrilinearDoubleBackward} composes it, on the device: up to eight forward and
 * backward calls of the op with one argument swapped for its tangent, each output the sum of its terms (the
 * first written in place, the others through a scratch buffer and {@link AxpyOp}). Nothing travels between
 * host and device, so a model trained on forces keeps its activations on the device. The Java device and the
 * table path run it; the generated path fuses it into its own kernels.
 */
final class ComposedDoubleBackward {
    /** The op's forward and backward of T on device buffers, validated by the caller. */
    private interface Calls {
        void forward(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer out);

        void backward(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer gradOut, DeviceBuffer ga,
                DeviceBuffer gb, DeviceBuffer gc);
    }

    private final Device device;
    private final Calls calls;

    private ComposedDoubleBackward(Device device, Calls calls) {
        this.device = device;
        this.calls = calls;
    }

    /** Of {@code op}'s product over {@code batch} samples. */
    static ComposedDoubleBackward product(TensorProductOp op, int batch) {
        return new ComposedDoubleBackward(op.device(), new Calls() {
            @Override
            public void forward(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer out) {
                op.runForward(a, b, c, out, batch);
            }

            @Override
            public void backward(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer gradOut,
                    DeviceBuffer ga, DeviceBuffer gb, DeviceBuffer gc) {
                op.runBackward(a, b, c, gradOut, ga, gb, gc, batch);
            }
        });
    }

    /** Of {@code op}'s convolution over {@code graph}, summed deterministically. */
    static ComposedDoubleBackward convolution(TensorProductOp op, DeviceGraph graph) {
        return new ComposedDoubleBackward(op.device(), new Calls() {
            @Override
            public void forward(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer out) {
                op.runConvolve(a, b, c, graph, out, Summation.DETERMINISTIC);
            }

            @Override
            public void backward(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer gradOut,
                    DeviceBuffer ga, DeviceBuffer gb, DeviceBuffer gc) {
                op.runConvolveBackward(a, b, c, graph, gradOut, ga, gb, gc);
            }
        });
    }

    /**
     * The four derivatives of Q into the outputs that are not null (overwritten); null tangents
     * count as zero, null weights stand for a plan without any.
     */
    void run(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer gradOut, DeviceBuffer va, DeviceBuffer vb,
            DeviceBuffer vc, DeviceBuffer ga, DeviceBuffer gb, DeviceBuffer gc, DeviceBuffer gradGradOut) {
        DType dtype = a.dtype();
        try (MemoryScope scope = device.openScope(); AxpyOp add = AxpyOp.on(device, dtype)) {
            if (gradGradOut != null) {
                Sum sum = new Sum(gradGradOut, scope, add);
                if (va != null) sum.add(term -> calls.forward(va, b, c, term));
                if (vb != null) sum.add(term -> calls.forward(a, vb, c, term));
                if (vc != null) sum.add(term -> calls.forward(a, b, vc, term));
                sum.finish();
            }
            if (ga != null) {
                Sum sum = new Sum(ga, scope, add);
                if (vb != null) sum.add(term -> calls.backward(a, vb, c, gradOut, term, null, null));
                if (vc != null) sum.add(term -> calls.backward(a, b, vc, gradOut, term, null, null));
                sum.finish();
            }
            if (gb != null) {
                Sum sum = new Sum(gb, scope, add);
                if (va != null) sum.add(term -> calls.backward(va, b, c, gradOut, null, term, null));
                if (vc != null) sum.add(term -> calls.backward(a, b, vc, gradOut, null, term, null));
                sum.finish();
            }
            if (gc != null) {
                Sum sum = new Sum(gc, scope, add);
                if (va != null) sum.add(term -> calls.backward(va, b, c, gradOut, null, null, term));
                if (vb != null) sum.add(term -> calls.backward(a, vb, c, gradOut, null, null, term));
                sum.finish();
            }
        }
    }

    /** One output as a sum of terms, each written by a call that overwrites its output. */
    private static final class Sum {
        private final DeviceBuffer target;
        private final MemoryScope scope;
        private final AxpyOp add;
        private DeviceBuffer scratch;
        private boolean written;

        Sum(DeviceBuffer target, MemoryScope scope, AxpyOp add) {
            this.target = target;
            this.scope = scope;
            this.add = add;
        }

        /** Adds the term {@code write} puts into the buffer it is given. */
        void add(Consumer<DeviceBuffer> write) {
            if (!written) {
                write.accept(target);
                written = true;
                return;
            }
            if (scratch == null) scratch = scope.allocate(target.dtype(), target.length());
            write.accept(scratch);
            add.apply(1, scratch, target, Math.toIntExact(target.length()));
        }

        /** Zeroes the output when no term was added. */
        void finish() {
            if (!written) target.zero();
        }
    }
}
