package org.equikern.ops.edgeembedding;

import org.equikern.device.Device;
import org.equikern.device.java.JavaDevice;

/** The Java device's edge embedding op, wired to the pure-Java layer. */
class JavaEdgeEmbeddingOpTest extends EdgeEmbeddingOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
