package org.equikern.backend.java;

import org.equikern.device.Device;
import org.equikern.device.EdgeEmbeddingOpContract;

/** The Java device's edge embedding op, wired to the pure-Java layer. */
class JavaEdgeEmbeddingOpTest extends EdgeEmbeddingOpContract {
    @Override
    protected Device openDevice() {
        return new JavaDevice();
    }
}
