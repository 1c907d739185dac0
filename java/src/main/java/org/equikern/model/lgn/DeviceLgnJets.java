package org.equikern.model.lgn;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.ops.jets.JetArrays;

/**
 * One batch of padded jets prepared for a {@link DeviceLgnLayer} on its device: the edge features
 * of every real pair (radial times zonal functions of p_i − p_j, {@link ZonalEdges}) and the index
 * tables that move rows between padded particles, real particles and pairs ({@link LgnRoutes}).
 * The momenta are uploaded and the edges computed from them on the device
 * ({@link DeviceZonalEdges}), once per batch: they hold no weights and the layer gives the momenta
 * no gradient (as the host {@link LgnLayer}), so every pass over the same jets reuses them. Owns
 * its buffers; {@link #close()} frees them.
 */
public final class DeviceLgnJets implements AutoCloseable {
    private final DeviceLgnLayer layer;
    private final MemoryScope scope;
    final int batch;
    final int particles;
    final int rows;
    final int pairs;
    /** Planar {@code [2][pairs][edgeIrreps.dim]}. */
    final DeviceBuffer edges;
    final DeviceBuffer realRows;
    final DeviceBuffer realScalarRows;
    final DeviceBuffer neighbours;
    final DeviceBuffer pairRows;
    final DeviceSegments messagesToRows;
    final DeviceSegments neighboursToRows;
    final DeviceSegments rowsToPadded;
    final DeviceSegments scalarRowsToPadded;
    final DeviceSegments featuresToMlp;
    final DeviceSegments invariantsToMlp;
    final DeviceSegments mlpToFeatures;
    final DeviceBuffer mlpToInvariants;

    DeviceLgnJets(DeviceLgnLayer layer, double[] momenta, int[] counts, int batch, int particles) {
        String op = "DeviceLgnLayer.jets";
        JetArrays.checkCounts(op, counts, batch, particles);
        JetArrays.requireLength(op, "momenta", JetArrays.len(momenta), JetArrays.size("momenta", batch, particles, 4));
        LgnLayer host = layer.host();
        LgnRoutes routes = new LgnRoutes(counts, particles, host.irrepsOut(), host.scalarSegment(),
                host.invariants().channels());
        this.layer = layer;
        this.batch = batch;
        this.particles = particles;
        rows = routes.rows;
        pairs = routes.pairs;
        scope = layer.device().openScope();
        try {
            edges = scope.allocate(layer.dtype(), JetArrays.size("edges", 2, pairs, host.edges().irreps().dim()));
            layer.edgesOp().compute(LgnBuffers.upload(scope, layer.dtype(), momenta),
                    Math.multiplyExact(batch, particles),
                    scope.upload(routes.pairFirst), scope.upload(routes.pairSecond), edges, pairs);
            realRows = scope.upload(routes.realRows);
            realScalarRows = scope.upload(routes.realScalarRows);
            neighbours = scope.upload(routes.neighbours);
            pairRows = scope.upload(routes.pairRows);
            messagesToRows = new DeviceSegments(scope, routes.messagesToRows);
            neighboursToRows = new DeviceSegments(scope, routes.neighboursToRows);
            rowsToPadded = new DeviceSegments(scope, routes.rowsToPadded);
            scalarRowsToPadded = new DeviceSegments(scope, routes.scalarRowsToPadded);
            featuresToMlp = new DeviceSegments(scope, routes.featuresToMlp);
            invariantsToMlp = new DeviceSegments(scope, routes.invariantsToMlp);
            mlpToFeatures = new DeviceSegments(scope, routes.mlpToFeatures);
            mlpToInvariants = scope.upload(routes.mlpToInvariants);
        } catch (RuntimeException | Error e) {
            scope.close();
            throw e;
        }
    }

    /**
     * The layer these jets were prepared for.
     *
     * @return the layer
     */
    public DeviceLgnLayer layer() {
        return layer;
    }

    /**
     * Jets in the batch.
     *
     * @return the batch size
     */
    public int batch() {
        return batch;
    }

    /**
     * Padded particles per jet.
     *
     * @return the particle count
     */
    public int particles() {
        return particles;
    }

    /** Frees the buffers; idempotent. */
    @Override
    public void close() {
        scope.close();
    }

    /** {@link LgnRoutes.Segments} on the device. */
    static final class DeviceSegments {
        final DeviceBuffer order;
        final DeviceBuffer offsets;

        DeviceSegments(MemoryScope scope, LgnRoutes.Segments segments) {
            order = scope.upload(segments.order);
            offsets = scope.upload(segments.offsets);
        }
    }
}
