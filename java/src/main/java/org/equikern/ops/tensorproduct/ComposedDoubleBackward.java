package org.equikern.ops.tensorproduct;

import java.lang.reflect.Array;
import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.tp.Trilinear;
import org.equikern.tp.TrilinearDoubleBackward;

/**
 * The double backward as {@link TrilinearDoubleBackward} composes it: up to eight forward and
 * backward calls of the op with one argument swapped for its tangent, summed on the host. The
 * Java device and the table path run it; the generated path fuses it into its own kernels. Every
 * call's arguments travel to the device in a {@link MemoryScope} and back.
 */
final class ComposedDoubleBackward {
    private final TensorProductOp op;
    private final Trilinear trilinear;

    private ComposedDoubleBackward(TensorProductOp op, Trilinear trilinear) {
        this.op = op;
        this.trilinear = trilinear;
    }

    /** Of {@code op}'s product over {@code batch} samples. */
    static ComposedDoubleBackward product(TensorProductOp op, int batch) {
        return new ComposedDoubleBackward(op, new Trilinear() {
            @Override
            public void forward(Object a, Object b, Object c, Object out) {
                try (Call call = new Call(op, out)) {
                    op.runForward(call.in(a), call.in(b), call.in(c), call.out(out), batch);
                    call.finish();
                }
            }

            @Override
            public void backward(Object a, Object b, Object c, Object gradOut, Object ga, Object gb, Object gc) {
                try (Call call = new Call(op, gradOut)) {
                    op.runBackward(call.in(a), call.in(b), call.in(c), call.in(gradOut), call.out(ga), call.out(gb),
                            call.out(gc), batch);
                    call.finish();
                }
            }
        });
    }

    /** Of {@code op}'s convolution over {@code graph}, summed deterministically. */
    static ComposedDoubleBackward convolution(TensorProductOp op, DeviceGraph graph) {
        return new ComposedDoubleBackward(op, new Trilinear() {
            @Override
            public void forward(Object a, Object b, Object c, Object out) {
                try (Call call = new Call(op, out)) {
                    op.runConvolve(call.in(a), call.in(b), call.in(c), graph, call.out(out), Summation.DETERMINISTIC);
                    call.finish();
                }
            }

            @Override
            public void backward(Object a, Object b, Object c, Object gradOut, Object ga, Object gb, Object gc) {
                try (Call call = new Call(op, gradOut)) {
                    op.runConvolveBackward(call.in(a), call.in(b), call.in(c), graph, call.in(gradOut), call.out(ga),
                            call.out(gb), call.out(gc));
                    call.finish();
                }
            }
        });
    }

    /**
     * The four derivatives of Q into the outputs that are not null (overwritten); null tangents
     * count as zero, null weights stand for a plan without any.
     */
    void run(DeviceBuffer a, DeviceBuffer b, DeviceBuffer c, DeviceBuffer gradOut, DeviceBuffer va, DeviceBuffer vb,
            DeviceBuffer vc, DeviceBuffer ga, DeviceBuffer gb, DeviceBuffer gc, DeviceBuffer gradGradOut) {
        Object[] outputs = {host(ga, false), host(gb, false), host(gc, false), host(gradGradOut, false)};
        new TrilinearDoubleBackward(trilinear).compute(host(a, true), host(b, true), host(c, true),
                host(gradOut, true), host(va, true), host(vb, true), host(vc, true), outputs[0], outputs[1],
                outputs[2], outputs[3]);
        DeviceBuffer[] targets = {ga, gb, gc, gradGradOut};
        for (int i = 0; i < targets.length; i++) {
            if (targets[i] != null) copy(outputs[i], targets[i]);
        }
    }

    /** A host array of the buffer's dtype and length, holding its values when {@code read}; null for null. */
    private static Object host(DeviceBuffer buffer, boolean read) {
        if (buffer == null) return null;
        if (buffer.dtype() == DType.FLOAT64) return read ? buffer.toDoubleArray() : new double[(int) buffer.length()];
        return read ? buffer.toFloatArray() : new float[(int) buffer.length()];
    }

    private static void copy(Object array, DeviceBuffer target) {
        if (array instanceof double[]) target.copyFrom((double[]) array); else target.copyFrom((float[]) array);
    }

    /** One call's device buffers: inputs uploaded, outputs copied back by {@link #finish}, all freed on close. */
    private static final class Call implements AutoCloseable {
        private final MemoryScope scope;
        private final DType dtype;
        private final List<DeviceBuffer> outputs = new ArrayList<>();
        private final List<Object> targets = new ArrayList<>();

        Call(TensorProductOp op, Object like) {
            this.scope = op.device().openScope();
            this.dtype = like instanceof double[] ? DType.FLOAT64 : DType.FLOAT32;
        }

        /** The array on the device; null for null (no weights). */
        DeviceBuffer in(Object array) {
            if (array == null) return null;
            return array instanceof double[] ? scope.upload((double[]) array) : scope.upload((float[]) array);
        }

        /** A device buffer for a result that {@link #finish} copies into {@code array}; null for null. */
        DeviceBuffer out(Object array) {
            if (array == null) return null;
            DeviceBuffer buffer = scope.allocate(dtype, Array.getLength(array));
            outputs.add(buffer);
            targets.add(array);
            return buffer;
        }

        void finish() {
            for (int i = 0; i < outputs.size(); i++) {
                if (targets.get(i) instanceof double[]) {
                    outputs.get(i).copyTo((double[]) targets.get(i));
                } else {
                    outputs.get(i).copyTo((float[]) targets.get(i));
                }
            }
        }

        @Override
        public void close() {
            scope.close();
        }
    }
}
