package org.equikern.ops.normactivation;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.ops.layout.LayoutAdapter;

/**
 * A {@link NormActivationOp} in another layout than {@code mul_ir}: runs a {@code mul_ir} op on
 * inputs converted on the device and converts its outputs back ({@link LayoutAdapter}). Biases
 * pass through.
 */
final class LayoutConvertingNormActivationOp extends NormActivationOp {
    private final NormActivationOp inner;
    private final LayoutAdapter adapter;

    /** Takes ownership of {@code inner}, a {@code mul_ir} op. */
    LayoutConvertingNormActivationOp(NormActivationOp inner, IrrepsLayout layout) {
        super(inner.device(), inner.dtype(), inner.activation(), layout);
        this.inner = inner;
        this.adapter = new LayoutAdapter(inner.device(), layout);
    }

    @Override
    protected void runForward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer out, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outMulIr = adapter.outputScratch(scope, out, irrepsOut());
            inner.runForward(adapter.input(scope, x, irrepsIn(), batch), bias, outMulIr, batch);
            adapter.output(outMulIr, out, irrepsOut(), batch);
        }
    }

    @Override
    protected void runBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer gradOut, DeviceBuffer gradX,
            DeviceBuffer gradBias, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXMulIr = adapter.outputScratch(scope, gradX, irrepsIn());
            inner.runBackward(adapter.input(scope, x, irrepsIn(), batch), bias,
                    adapter.input(scope, gradOut, irrepsOut(), batch), gradXMulIr, gradBias, batch);
            adapter.output(gradXMulIr, gradX, irrepsIn(), batch);
        }
    }

    @Override
    protected void runTangent(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer outTangent,
            int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer outTangentMulIr = adapter.outputScratch(scope, outTangent, irrepsOut());
            inner.runTangent(adapter.input(scope, x, irrepsIn(), batch), bias,
                    adapter.input(scope, xTangent, irrepsIn(), batch), outTangentMulIr, batch);
            adapter.output(outTangentMulIr, outTangent, irrepsOut(), batch);
        }
    }

    @Override
    protected void runTangentBackward(DeviceBuffer x, DeviceBuffer bias, DeviceBuffer xTangent, DeviceBuffer gradOut,
            DeviceBuffer gradOutTangent, DeviceBuffer gradXTangent, DeviceBuffer gradBiasTangent, int batch) {
        try (MemoryScope scope = device().openScope()) {
            DeviceBuffer gradXTangentMulIr = adapter.outputScratch(scope, gradXTangent, irrepsIn());
            inner.runTangentBackward(adapter.input(scope, x, irrepsIn(), batch), bias,
                    adapter.input(scope, xTangent, irrepsIn(), batch),
                    adapter.input(scope, gradOut, irrepsOut(), batch),
                    adapter.input(scope, gradOutTangent, irrepsOut(), batch), gradXTangentMulIr, gradBiasTangent,
                    batch);
            adapter.output(gradXTangentMulIr, gradXTangent, irrepsIn(), batch);
        }
    }

    private Irreps irrepsIn() {
        return activation().irrepsIn();
    }

    private Irreps irrepsOut() {
        return activation().irrepsOut();
    }

    @Override
    protected void release() {
        adapter.close();
        inner.close();
    }
}
