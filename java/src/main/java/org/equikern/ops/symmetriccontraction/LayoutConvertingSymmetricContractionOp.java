package org.equikern.ops.symmetriccontraction;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link SymmetricContractionOp} in another layout than {@code mul_ir}: runs a {@code mul_ir}
 * op on features converted on the device and converts its outputs back ({@link LayoutAdapter}).
 * Element indices and weights pass through.
 */
final class LayoutConvertingSymmetricContractionOp extends SymmetricContractionOp {
    private final SymmetricContractionOp inner;
    private final LayoutAdapter adapter;

    /** Takes ownership of {@code inner}, a {@code mul_ir} op. */
    LayoutConvertingSymmetricContractionOp(SymmetricContractionOp inner, IrrepsLayout layout) {
        super(inner.device(), inner.dtype(), inner.contraction(), layout);
        this.inner = inner;
        this.adapter = new LayoutAdapter(inner.device(), layout);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer out,
            int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outMulIr = adapter.outputScratch(scope, out, irrepsOut());
            inner.runForward(adapter.input(scope, x, irrepsIn(), batch), elements, weights, outMulIr, batch);
            adapter.output(outMulIr, out, irrepsOut(), batch);
        }
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer elements, DeviceBuffer weights, DeviceBuffer gradOut,
            DeviceBuffer gradX, DeviceBuffer gradWeights, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXMulIr = adapter.outputScratch(scope, gradX, irrepsIn());
            inner.runBackward(adapter.input(scope, x, irrepsIn(), batch), elements, weights,
                    adapter.input(scope, gradOut, irrepsOut(), batch), gradXMulIr, gradWeights, batch);
            adapter.output(gradXMulIr, gradX, irrepsIn(), batch);
        }
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements, DeviceBuffer weights,
            DeviceBuffer outTangent, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outTangentMulIr = adapter.outputScratch(scope, outTangent, irrepsOut());
            inner.runTangent(adapter.input(scope, x, irrepsIn(), batch),
                    adapter.input(scope, xTangent, irrepsIn(), batch), elements, weights, outTangentMulIr, batch);
            adapter.output(outTangentMulIr, outTangent, irrepsOut(), batch);
        }
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer xTangent, DeviceBuffer elements,
            DeviceBuffer weights, DeviceBuffer gradOut, DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent,
            DeviceBuffer gradWeightsTangent, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXTangentMulIr = adapter.outputScratch(scope, gradXTangent, irrepsIn());
            inner.runTangentBackward(adapter.input(scope, x, irrepsIn(), batch),
                    adapter.input(scope, xTangent, irrepsIn(), batch), elements, weights,
                    adapter.input(scope, gradOut, irrepsOut(), batch),
                    adapter.input(scope, gradOutTangent, irrepsOut(), batch), gradXTangentMulIr, gradWeightsTangent,
                    batch);
            adapter.output(gradXTangentMulIr, gradXTangent, irrepsIn(), batch);
        }
    }

    private Irreps irrepsIn() {
        return contraction().irrepsIn();
    }

    private Irreps irrepsOut() {
        return contraction().irrepsOut();
    }

    @Override
    protected void release() {
        adapter.close();
        inner.close();
    }
}
