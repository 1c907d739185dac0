package org.equikern.ops.gate;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link GateOp} in another layout than {@code mul_ir}: runs a {@code mul_ir} op on inputs
 * converted on the device and converts its outputs back ({@link LayoutAdapter}).
 */
final class LayoutConvertingGateOp extends GateOp {
    private final GateOp inner;
    private final LayoutAdapter adapter;

    /** Takes ownership of {@code inner}, a {@code mul_ir} op. */
    LayoutConvertingGateOp(GateOp inner, IrrepsLayout layout) {
        super(inner.device(), inner.dtype(), inner.gate(), layout);
        this.inner = inner;
        this.adapter = new LayoutAdapter(inner.device(), layout);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer out, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outMulIr = adapter.outputScratch(scope, out, irrepsOut());
            inner.runForward(adapter.input(scope, x, irrepsIn(), batch), outMulIr, batch);
            adapter.output(outMulIr, out, irrepsOut(), batch);
        }
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer gradOut, DeviceBuffer gradX, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXMulIr = adapter.outputScratch(scope, gradX, irrepsIn());
            inner.runBackward(adapter.input(scope, x, irrepsIn(), batch),
                    adapter.input(scope, gradOut, irrepsOut(), batch), gradXMulIr, batch);
            adapter.output(gradXMulIr, gradX, irrepsIn(), batch);
        }
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer outTangent, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outTangentMulIr = adapter.outputScratch(scope, outTangent, irrepsOut());
            inner.runTangent(adapter.input(scope, x, irrepsIn(), batch),
                    adapter.input(scope, xTangent, irrepsIn(), batch), outTangentMulIr, batch);
            adapter.output(outTangentMulIr, outTangent, irrepsOut(), batch);
        }
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer gradOut,
            DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXTangentMulIr = adapter.outputScratch(scope, gradXTangent, irrepsIn());
            inner.runTangentBackward(adapter.input(scope, x, irrepsIn(), batch),
                    adapter.input(scope, xTangent, irrepsIn(), batch),
                    adapter.input(scope, gradOut, irrepsOut(), batch),
                    adapter.input(scope, gradOutTangent, irrepsOut(), batch), gradXTangentMulIr, batch);
            adapter.output(gradXTangentMulIr, gradXTangent, irrepsIn(), batch);
        }
    }

    private Irreps irrepsIn() {
        return gate().irrepsIn();
    }

    private Irreps irrepsOut() {
        return gate().irrepsOut();
    }

    @Override
    protected void release() {
        adapter.close();
        inner.close();
    }
}
