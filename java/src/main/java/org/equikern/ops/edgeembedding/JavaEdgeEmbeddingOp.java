package org.equikern.ops.edgeembedding;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaDevice;
import org.equikern.nn.EdgeEmbedding;

/** The edge embedding by the Java class itself, in double, rounded once for FLOAT32; needs no scratch. */
final class JavaEdgeEmbeddingOp extends EdgeEmbeddingOp {
    JavaEdgeEmbeddingOp(JavaDevice device, DType dtype, EdgeEmbedding embedding) {
        super(device, dtype, embedding);
    }

    @Override
    protected void runForward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph, DeviceBuffer vectors,
            DeviceBuffer lengths, DeviceBuffer sh, DeviceBuffer radial) {
        double[] v = DoubleViews.target(vectors);
        double[] r = DoubleViews.target(lengths);
        double[] y = DoubleViews.target(sh);
        double[] features = DoubleViews.target(radial);
        embedding().forward(DoubleViews.read(positions), DoubleViews.read(shifts), graph.edges(), v, r, y, features);
        DoubleViews.commit(v, vectors);
        DoubleViews.commit(r, lengths);
        DoubleViews.commit(y, sh);
        DoubleViews.commit(features, radial);
    }

    @Override
    protected void runBackward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph, DeviceBuffer gradSh,
            DeviceBuffer gradRadial, DeviceBuffer gradPositions, DeviceBuffer gradShifts, DeviceBuffer scratch) {
        double[] gp = DoubleViews.target(gradPositions);
        double[] gs = DoubleViews.target(gradShifts);
        embedding().backward(DoubleViews.read(positions), DoubleViews.read(shifts), graph.edges(),
                DoubleViews.read(gradSh), DoubleViews.read(gradRadial), gp, gs);
        DoubleViews.commit(gp, gradPositions);
        DoubleViews.commit(gs, gradShifts);
    }

    @Override
    protected void runTangent(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer shTangent, DeviceBuffer radialTangent, DeviceBuffer scratch) {
        double[] y = DoubleViews.target(shTangent);
        double[] features = DoubleViews.target(radialTangent);
        embedding().tangent(DoubleViews.read(positions), DoubleViews.read(shifts), graph.edges(),
                DoubleViews.read(positionTangent), null, y, features);
        DoubleViews.commit(y, shTangent);
        DoubleViews.commit(features, radialTangent);
    }

    @Override
    protected void runTangentBackward(DeviceBuffer positions, DeviceBuffer shifts, DeviceGraph graph,
            DeviceBuffer positionTangent, DeviceBuffer gradSh, DeviceBuffer gradShTangent, DeviceBuffer gradRadial,
            DeviceBuffer gradRadialTangent, DeviceBuffer gradPositionsTangent, DeviceBuffer scratch) {
        double[] gp = DoubleViews.target(gradPositionsTangent);
        embedding().tangentBackward(DoubleViews.read(positions), DoubleViews.read(shifts), graph.edges(),
                DoubleViews.read(positionTangent), DoubleViews.read(gradSh), DoubleViews.read(gradShTangent),
                DoubleViews.read(gradRadial), DoubleViews.read(gradRadialTangent), gp);
        DoubleViews.commit(gp, gradPositionsTangent);
    }
}
