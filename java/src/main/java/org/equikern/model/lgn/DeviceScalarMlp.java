package org.equikern.model.lgn;

import java.util.List;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.ops.gate.GateOp;
import org.equikern.ops.linear.LinearOp;

/**
 * A {@link FullyConnectedNet} (variances 1, no output activation: LGN's MLP on the scalars) on a
 * device, from the O(3) ops on scalar irreps: layer l is {@code LinearOp} {@code hs[l]x0e →
 * hs[l+1]x0e} (weights {@code [hs[l]][hs[l+1]]} divided by √hs[l], the net's own scale) followed, on
 * hidden layers, by a scalars-only {@code GateOp} with the net's normalized activation. Owns its ops.
 */
final class DeviceScalarMlp implements AutoCloseable {
    private final FullyConnectedNet net;
    private final DType dtype;
    private final LinearOp[] linears;
    private final GateOp[] gates;

    DeviceScalarMlp(Device device, DType dtype, FullyConnectedNet net) {
        if (net.varianceIn() != 1 || net.varianceOut() != 1 || net.outActivation()) {
            throw new IllegalArgumentException("DeviceScalarMlp: " + net + " must have variances 1 and no output"
                    + " activation");
        }
        this.net = net;
        this.dtype = dtype;
        int layers = net.layerCount();
        int[] hs = net.hs();
        linears = new LinearOp[layers];
        gates = new GateOp[layers - 1];
        try {
            for (int l = 0; l < layers; l++) {
                linears[l] = LinearOp.on(device, Linear.of(scalars(hs[l]), scalars(hs[l + 1])), dtype);
                if (l < layers - 1) {
                    gates[l] = GateOp.on(device, Gate.of(scalars(hs[l + 1]), List.of(net.activation()),
                            Irreps.parse(""), List.of(), Irreps.parse("")), dtype);
                }
            }
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private static Irreps scalars(int width) {
        return Irreps.parse(width + "x0e");
    }

    /** Layer l's weights: {@code hs[l]·hs[l+1]} values. */
    int weightLength(int layer) {
        return linears[layer].linear().weightNumel();
    }

    int layerCount() {
        return linears.length;
    }

    int outputWidth() {
        return net.outputDim();
    }

    /**
     * The activations of a forward pass, allocated in {@code scope}: {@code h[0]} is the input,
     * {@code z[l]} layer l's linear output, {@code h[l+1]} its activation (z itself on the last layer).
     */
    Pass forward(MemoryScope scope, DeviceBuffer in, DeviceBuffer[] weights, int rows) {
        int[] hs = net.hs();
        DeviceBuffer[] h = new DeviceBuffer[hs.length];
        DeviceBuffer[] z = new DeviceBuffer[linears.length];
        h[0] = in;
        for (int l = 0; l < linears.length; l++) {
            z[l] = scope.allocate(dtype, Math.multiplyExact((long) rows, hs[l + 1]));
            linears[l].forward(h[l], weights[l], null, z[l], rows);
            if (l < gates.length) {
                h[l + 1] = scope.allocate(dtype, z[l].length());
                gates[l].forward(z[l], h[l + 1], rows);
            } else {
                h[l + 1] = z[l];
            }
        }
        return new Pass(h, z, rows);
    }

    /** ∂L/∂in (allocated in {@code scope}) given ∂L/∂out; writes each layer's weight gradient. */
    DeviceBuffer backward(MemoryScope scope, Pass pass, DeviceBuffer[] weights, DeviceBuffer gradOut,
            DeviceBuffer[] gradWeights) {
        DeviceBuffer gradH = gradOut;
        for (int l = linears.length - 1; l >= 0; l--) {
            DeviceBuffer gradZ = gradH;
            if (l < gates.length) {
                gradZ = scope.allocate(dtype, pass.z[l].length());
                gates[l].backward(pass.z[l], gradH, gradZ, pass.rows);
            }
            gradH = scope.allocate(dtype, pass.h[l].length());
            linears[l].backward(pass.h[l], weights[l], gradZ, gradH, gradWeights[l], null, pass.rows);
        }
        return gradH;
    }

    @Override
    public void close() {
        for (LinearOp op : linears) {
            if (op != null) op.close();
        }
        for (GateOp op : gates) {
            if (op != null) op.close();
        }
    }

    /** What {@link #backward} needs of a forward pass. */
    static final class Pass {
        final DeviceBuffer[] h;
        final DeviceBuffer[] z;
        final int rows;

        Pass(DeviceBuffer[] h, DeviceBuffer[] z, int rows) {
            this.h = h;
            this.z = z;
            this.rows = rows;
        }

        /** The net's output. */
        DeviceBuffer output() {
            return h[h.length - 1];
        }
    }
}
