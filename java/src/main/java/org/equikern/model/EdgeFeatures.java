package org.equikern.model;

import org.equikern.data.AtomicBatch;
import org.equikern.data.EdgeIndex;
import org.equikern.data.NeighbourList;
import org.equikern.nn.EdgeEmbedding;

/**
 * The edges of a batch with their embedding: spherical harmonics and radial features of every edge
 * vector, the only place positions enter a message-passing potential. Turns the gradients on those
 * features into forces, and a direction of the positions into their tangents.
 */
final class EdgeFeatures {
    private final EdgeEmbedding embedding;
    private final double[] positions;
    private final double[] shifts;
    private final EdgeIndex edgeIndex;
    private final Graph graph;
    private final double[] sh;
    private final double[] radial;

    /** The embedded edges of {@code batch}'s neighbour list. */
    EdgeFeatures(EdgeEmbedding embedding, AtomicBatch batch) {
        this.embedding = embedding;
        NeighbourList neighbours = batch.graph();
        this.positions = batch.positions();
        this.shifts = neighbours.cartesianShifts();
        this.graph = new Graph(batch.atomCount(), neighbours.senders(), neighbours.receivers());
        this.edgeIndex = EdgeIndex.of(graph.atoms(), graph.senders(), graph.receivers());
        this.sh = newShArray();
        this.radial = newRadialArray();
        embedding.forward(positions, shifts, edgeIndex, null, null, sh, radial);
    }

    Graph graph() {
        return graph;
    }

    /** {@code edges × dim(sh)} harmonics. */
    double[] sh() {
        return sh;
    }

    /** {@code edges × radial size} radial features. */
    double[] radial() {
        return radial;
    }

    /** A zero array shaped like {@link #sh()}, e.g. to accumulate its gradient. */
    double[] newShArray() {
        return new double[Math.multiplyExact(graph.edges(), embedding.shDim())];
    }

    /** A zero array shaped like {@link #radial()}. */
    double[] newRadialArray() {
        return new double[Math.multiplyExact(graph.edges(), embedding.radialSize())];
    }

    /** The forces {@code −∂E/∂positions} from the gradients of E on the harmonics and radial features. */
    double[] forces(double[] gradSh, double[] gradRadial) {
        double[] gradPositions = new double[positions.length];
        embedding.backward(positions, shifts, edgeIndex, gradSh, gradRadial, gradPositions, null);
        double[] forces = new double[positions.length];
        for (int i = 0; i < forces.length; i++) {
            forces[i] = -gradPositions[i];
        }
        return forces;
    }

    /**
     * The tangents of the harmonics and radial features along the positions' direction {@code −gradForces}:
     * since {@code F = −∂E/∂x}, a force loss's term {@code gradForces·F} is the derivative of {@code −E}
     * along {@code gradForces}, so its parameter gradient is the reverse pass differentiated along this
     * direction.
     */
    Tangents forceLossTangents(double[] gradForces) {
        double[] positionTangent = new double[gradForces.length];
        for (int i = 0; i < positionTangent.length; i++) {
            positionTangent[i] = -gradForces[i];
        }
        Tangents t = new Tangents(newShArray(), newRadialArray());
        embedding.tangent(positions, shifts, edgeIndex, positionTangent, null, t.sh(), t.radial());
        return t;
    }

    /** Tangents of {@link #sh()} and {@link #radial()}. */
    record Tangents(double[] sh, double[] radial) {
    }
}
