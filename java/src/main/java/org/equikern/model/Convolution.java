package org.equikern.model;

import org.equikern.ops.tensorproduct.JavaTensorProductExecutor;
import org.equikern.tp.Plan;

/**
 * The convolution of NequIP and MACE: for each edge {@code i → j}, the channel-wise ({@code uvu}) tensor
 * product of the sender's features with the edge's harmonics, weighted per edge by the radial MLP's
 * output; the messages are summed at the receiver and multiplied by a normalization (NequIP:
 * {@code 1/sqrt(avg_num_neighbors)}, MACE: {@code 1/avg_num_neighbors}). No parameters
 * of its own. The product is trilinear in (features, harmonics, weights), so each tangent below is a
 * sum of the product's own forward or backward with one operand replaced by its tangent, which the
 * executor computes in one pass over the edges ({@link JavaTensorProductExecutor#tangent},
 * {@link JavaTensorProductExecutor#tangentBackward}).
 */
final class Convolution {
    private final JavaTensorProductExecutor executor;
    private final int dimIn;
    private final int dimOut;
    private final double normalization;
    /** Per-edge rows that live only within one pass: messages and gradients before they are summed per node. */
    private final RowBuffers edgeOutRows;
    private final RowBuffers edgeInRows;

    /**
     * @param executor      runs the channel-wise product, with per-edge weights on every path
     * @param normalization the factor on each receiver's sum of messages
     */
    Convolution(JavaTensorProductExecutor executor, double normalization) {
        this.executor = executor;
        this.dimIn = executor.plan().dim1();
        this.dimOut = executor.plan().dimOut();
        this.normalization = normalization;
        this.edgeOutRows = new RowBuffers(dimOut);
        this.edgeInRows = new RowBuffers(dimIn);
    }

    /** The channel-wise product's plan. */
    Plan plan() {
        return executor.plan();
    }

    /** The factor on each receiver's sum of messages. */
    double normalization() {
        return normalization;
    }

    /**
     * Runs the convolution.
     *
     * @param nodes   {@code atoms × dim(in)} features
     * @param sh      {@code edges × dim(sh)} harmonics
     * @param weights {@code edges × weightNumel} per-edge weights
     */
    Step forward(double[] nodes, double[] sh, double[] weights, Graph graph) {
        return new Step(nodes, sh, weights, graph);
    }

    /** The gradients the reverse pass needs: on the node features, the harmonics and the weights. */
    record Grads(double[] nodes, double[] sh, double[] weights) {
    }

    /** The tangents of the gradients on the node features and on the per-edge weights. */
    record TangentGrads(double[] nodes, double[] weights) {
    }

    /** One run, differentiated in the order backward, tangent, tangentBackward. */
    final class Step {
        private final Graph graph;
        private final double[] senderFeatures;
        private final double[] sh;
        private final double[] weights;
        private final double[] output;
        private double[] edgeGrad;
        private double[] senderTangent;
        private double[] shTangent;
        private double[] weightTangent;

        private Step(double[] nodes, double[] sh, double[] weights, Graph graph) {
            this.graph = graph;
            this.senderFeatures = Rows.gather(nodes, graph.senders(), dimIn);
            this.sh = sh;
            this.weights = weights;
            double[] messages = edgeOutRows.acquire(graph.edges());
            executor.forward(senderFeatures, sh, weights, messages, graph.edges());
            this.output = toReceivers(messages);
        }

        double[] output() {
            return output;
        }

        Grads backward(double[] gradOut) {
            edgeGrad = fromReceivers(gradOut, new double[Math.multiplyExact(graph.edges(), dimOut)]);
            double[] gradX1 = edgeInRows.acquire(graph.edges());
            double[] gradSh = new double[sh.length];
            double[] gradW = new double[weights.length];
            executor.backward(senderFeatures, sh, weights, edgeGrad, gradX1, gradSh, gradW, graph.edges());
            return new Grads(toSenders(gradX1), gradSh, gradW);
        }

        /** The output's tangent from the tangents of the node features, harmonics and weights. */
        double[] tangent(double[] nodesTangent, double[] shTangent, double[] weightTangent) {
            this.senderTangent = Rows.gather(nodesTangent, graph.senders(), dimIn);
            this.shTangent = shTangent;
            this.weightTangent = weightTangent;
            int edges = graph.edges();
            double[] messages = edgeOutRows.acquire(edges);
            executor.tangent(senderFeatures, senderTangent, sh, shTangent, weights, weightTangent, messages, edges);
            return toReceivers(messages);
        }

        TangentGrads tangentBackward(double[] gradOutTangent) {
            int edges = graph.edges();
            double[] edgeGradTangent = fromReceivers(gradOutTangent, edgeOutRows.acquire(edges));
            double[] gradX1 = edgeInRows.acquire(edges);
            double[] gradW = new double[weights.length];
            executor.tangentBackward(senderFeatures, senderTangent, sh, shTangent, weights, weightTangent, edgeGrad,
                    edgeGradTangent, gradX1, gradW, edges);
            edgeOutRows.release(edgeGradTangent);
            return new TangentGrads(toSenders(gradX1), gradW);
        }

        /** The messages summed per receiver and normalized; gives the messages' buffer back. */
        private double[] toReceivers(double[] messages) {
            double[] out = Rows.scatterAdd(messages, graph.receivers(), dimOut, graph.atoms(), normalization);
            edgeOutRows.release(messages);
            return out;
        }

        /** Each edge's row of {@code gradOut} at its receiver, normalized, into {@code g}. */
        private double[] fromReceivers(double[] gradOut, double[] g) {
            Rows.gather(gradOut, graph.receivers(), dimOut, g);
            for (int i = 0; i < g.length; i++) {
                g[i] *= normalization;
            }
            return g;
        }

        /** The per-edge input gradients summed per sender; gives their buffer back. */
        private double[] toSenders(double[] edgeRows) {
            double[] out = Rows.scatterAdd(edgeRows, graph.senders(), dimIn, graph.atoms(), 1);
            edgeInRows.release(edgeRows);
            return out;
        }
    }
}
