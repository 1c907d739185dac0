package org.equikern.device;

import org.equikern.data.EdgeIndex;
import org.equikern.data.RowSegments;

/**
 * An {@link EdgeIndex} on a device: the edge endpoints and the edges grouped by target and by
 * source (CSR), as INT32 buffers, for the fused convolution. Upload once per graph and reuse;
 * closing it frees the buffers.
 */
public final class DeviceGraph implements AutoCloseable {
    private final EdgeIndex edges;
    private final MemoryScope scope;
    private final DeviceBuffer src;
    private final DeviceBuffer dst;
    private final DeviceBuffer targetOrder;
    private final DeviceBuffer targetOffsets;
    private final DeviceBuffer sourceOrder;
    private final DeviceBuffer sourceOffsets;

    private DeviceGraph(Device device, EdgeIndex edges) {
        this.edges = edges;
        this.scope = device.openScope();
        try {
            RowSegments byTarget = edges.byTarget();
            RowSegments bySource = edges.bySource();
            // Zero-length buffers are legal, but a kernel argument needs memory behind it.
            this.src = scope.upload(atLeastOne(edges.sources()));
            this.dst = scope.upload(atLeastOne(edges.targets()));
            this.targetOrder = scope.upload(atLeastOne(byTarget.order()));
            this.targetOffsets = scope.upload(byTarget.offsets());
            this.sourceOrder = scope.upload(atLeastOne(bySource.order()));
            this.sourceOffsets = scope.upload(bySource.offsets());
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /**
     * Uploads the graph to {@code device}.
     *
     * @param device the device the convolution runs on
     * @param edges the graph
     * @return the uploaded graph, owned by the caller
     * @throws IllegalStateException when the device is closed
     */
    public static DeviceGraph upload(Device device, EdgeIndex edges) {
        return new DeviceGraph(device, edges);
    }

    private static int[] atLeastOne(int[] values) {
        return values.length > 0 ? values : new int[1];
    }

    /**
     * The graph on the host.
     *
     * @return the edge index
     */
    public EdgeIndex edges() {
        return edges;
    }

    /**
     * The device holding the buffers.
     *
     * @return the device
     */
    public Device device() {
        return scope.device();
    }

    /**
     * The number of nodes (atoms).
     *
     * @return the node count
     */
    public int nodes() {
        return edges.atoms();
    }

    /**
     * The number of edges.
     *
     * @return the edge count
     */
    public int edgeCount() {
        return edges.edges();
    }

    /**
     * The source node of each edge.
     *
     * @return an INT32 buffer of {@code max(1, edges)} elements (padded so a kernel argument has memory)
     */
    public DeviceBuffer src() {
        return src;
    }

    /**
     * The target node of each edge.
     *
     * @return an INT32 buffer of {@code max(1, edges)} elements (padded so a kernel argument has memory)
     */
    public DeviceBuffer dst() {
        return dst;
    }

    /**
     * Edge numbers grouped by target node.
     *
     * @return an INT32 buffer of {@code max(1, edges)} elements
     */
    public DeviceBuffer targetOrder() {
        return targetOrder;
    }

    /**
     * {@code nodes + 1} bounds of the target groups in {@link #targetOrder()}.
     *
     * @return an INT32 buffer
     */
    public DeviceBuffer targetOffsets() {
        return targetOffsets;
    }

    /**
     * Edge numbers grouped by source node.
     *
     * @return an INT32 buffer of {@code max(1, edges)} elements
     */
    public DeviceBuffer sourceOrder() {
        return sourceOrder;
    }

    /**
     * {@code nodes + 1} bounds of the source groups in {@link #sourceOrder()}.
     *
     * @return an INT32 buffer
     */
    public DeviceBuffer sourceOffsets() {
        return sourceOffsets;
    }

    @Override
    public void close() {
        scope.close();
    }
}
