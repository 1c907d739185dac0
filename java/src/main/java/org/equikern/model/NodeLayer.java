package org.equikern.model;

/** A map of rows with trainable weights that a model applies to its node features, e.g. a readout. */
interface NodeLayer {
    /** Applies the layer to {@code rows} rows of {@code x}. */
    NodeStep forward(double[] x, int rows);

    /** The layer on a device, its weights uploaded now. */
    DeviceLayer onDevice(DeviceResources resources);
}
