package org.equikern.ops.linear;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link LinearOp} in another layout than {@code mul_ir}: runs a {@code mul_ir} op on inputs
 * converted on the device and converts its outputs back ({@link LayoutAdapter}). Weights and
 * biases pass through.
 */
final class LayoutConvertingLinearOp extends LinearOp {
    private final LinearOp inner;
    private final LayoutAdapter adapter;

    /** Takes ownership of {@code inner}, a {@code mul_ir} op. */
    LayoutConvertingLinearOp(LinearOp inner, IrrepsLayout layout) {
        super(inner.device(), inner.dtype(), inner.linear(), layout);
        this.inner = inner;
        this.adapter = new LayoutAdapter(inner.device(), layout);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer bias, DeviceBuffer out, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outMulIr = adapter.outputScratch(scope, out, irrepsOut());
            inner.runForward(adapter.input(scope, x, irrepsIn(), batch), weights, bias, outMulIr, batch);
            adapter.output(outMulIr, out, irrepsOut(), batch);
        }
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradWeights, DeviceBuffer gradBias, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXMulIr = adapter.outputScratch(scope, gradX, irrepsIn());
            inner.runBackward(adapter.input(scope, x, irrepsIn(), batch), weights,
                    adapter.input(scope, gradOut, irrepsOut(), batch), gradXMulIr, gradWeights, gradBias, batch);
            adapter.output(gradXMulIr, gradX, irrepsIn(), batch);
        }
    }

    private Irreps irrepsIn() {
        return linear().irrepsIn();
    }

    private Irreps irrepsOut() {
        return linear().irrepsOut();
    }

    @Override
    protected void release() {
        adapter.close();
        inner.close();
    }
}
