package org.equikern.model.lgn;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.ops.lorentzproduct.ComplexTensor;

/**
 * The weights of a {@link DeviceLgnLayer} on its device (or their gradients, same shapes): the
 * complex weights of the aggregation, the self product and the mixing as planar buffers
 * {@code [2][n]}, and the MLP's one buffer per layer. Owns its buffers; {@link #close()} frees them.
 */
public final class DeviceLgnWeights implements AutoCloseable {
    private final DeviceLgnLayer layer;
    private final MemoryScope scope;
    final DeviceBuffer aggregation;
    final DeviceBuffer self;
    final DeviceBuffer mixing;
    final DeviceBuffer[] mlp;

    private DeviceLgnWeights(DeviceLgnLayer layer, LgnWeights values) {
        this.layer = layer;
        scope = layer.device().openScope();
        try {
            aggregation = LgnBuffers.upload(scope, layer.dtype(), values.aggregation());
            self = LgnBuffers.upload(scope, layer.dtype(), values.self());
            mixing = LgnBuffers.upload(scope, layer.dtype(), values.mixing());
            FullyConnectedNet net = layer.host().mlp();
            mlp = new DeviceBuffer[net.layerCount()];
            for (int l = 0; l < mlp.length; l++) {
                double[] block = new double[net.hs()[l] * net.hs()[l + 1]];
                System.arraycopy(values.mlp(), net.weightOffset(l), block, 0, block.length);
                mlp[l] = LgnBuffers.upload(scope, layer.dtype(), block);
            }
        } catch (RuntimeException | Error e) {
            scope.close();
            throw e;
        }
    }

    /**
     * A copy of {@code weights} on the layer's device, in its dtype.
     *
     * @param layer the device layer
     * @param weights the host weights of {@code layer.host()}
     * @return the device weights, owned by the caller
     * @throws IllegalStateException when the device is closed
     */
    public static DeviceLgnWeights upload(DeviceLgnLayer layer, LgnWeights weights) {
        return new DeviceLgnWeights(layer, weights);
    }

    /**
     * Zero weights, e.g. to receive gradients.
     *
     * @param layer the device layer
     * @return the device weights, owned by the caller
     * @throws IllegalStateException when the device is closed
     */
    public static DeviceLgnWeights zeros(DeviceLgnLayer layer) {
        LgnLayer host = layer.host();
        return new DeviceLgnWeights(layer, new LgnWeights(host, ComplexTensor.zeros(host.aggregationWeightLength()),
                ComplexTensor.zeros(host.selfWeightLength()), ComplexTensor.zeros(host.mixingWeightLength()),
                new double[host.mlpWeightLength()]));
    }

    /**
     * The layer these weights belong to.
     *
     * @return the layer
     */
    public DeviceLgnLayer layer() {
        return layer;
    }

    /**
     * The values, downloaded and widened to double.
     *
     * @return host weights of {@code layer().host()}
     */
    public LgnWeights toHost() {
        FullyConnectedNet net = layer.host().mlp();
        double[] flat = new double[layer.host().mlpWeightLength()];
        for (int l = 0; l < mlp.length; l++) {
            double[] block = LgnBuffers.download(mlp[l]);
            System.arraycopy(block, 0, flat, net.weightOffset(l), block.length);
        }
        return new LgnWeights(layer.host(), LgnBuffers.downloadComplex(aggregation),
                LgnBuffers.downloadComplex(self), LgnBuffers.downloadComplex(mixing), flat);
    }

    /** Frees the buffers; idempotent. */
    @Override
    public void close() {
        scope.close();
    }
}
