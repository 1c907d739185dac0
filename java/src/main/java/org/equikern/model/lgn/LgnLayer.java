package org.equikern.model.lgn;

import org.equikern.group.lorentz.LorentzIrrep;
import org.equikern.nn.Activation;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.ops.jets.JetArrays;
import org.equikern.ops.lorentzproduct.ComplexLinear;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.LorentzInvariants;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.ops.lorentzproduct.LorentzProduct;

/**
 * One LGN-style layer (fizisist/LorentzGroupNetwork) on a batch of padded jets, composed from the
 * host ops: for each real particle i of a jet with real particles j &lt; n,
 * <pre>
 *   out_i = Σ_j H_agg(edge_ij, rep_j) + H_self(rep_i, rep_i) + Mix(rep_i)
 *   scalars_i = MLP([Re, Im of the (0,0) channels of out_i; Re, Im of every channel's invariant])
 * </pre>
 * with edge_ij from {@link ZonalEdges} (radial functions of ‖p_i − p_j‖² times zonal functions of
 * p_i − p_j), H fully connected complex CG products ({@link LorentzProduct}), Mix complex channel
 * mixing ({@link ComplexLinear}) and the invariants {@link LorentzInvariants}. The features are
 * equivariant (D(g) on reps and Λ(g) on momenta give D(g)·out) and the scalars invariant. Padded
 * particles are neither read nor written (their outputs are 0). {@link #backward} gives the float64
 * gradients with respect to the input features and every weight. Immutable and thread-safe.
 */
public final class LgnLayer {
    private final LorentzIrreps reps;
    private final LorentzIrreps out;
    private final ZonalEdges edges;
    private final LorentzProduct aggregation;
    private final LorentzProduct self;
    private final ComplexLinear mixing;
    private final LorentzInvariants invariants;
    private final FullyConnectedNet mlp;
    private final int scalarSegment;

    /**
     * @param reps the input features' irreps
     * @param out the output features' irreps; must contain (0,0)
     * @param zonalLevels the highest zonal level L (edges up to (L,L)), 0..4
     * @param radialFunctions radial functions per level, 1..16
     * @param mlpHidden widths of the MLP's hidden layers (tanh); may be empty
     * @param mlpOut scalars per particle
     * @throws IllegalArgumentException when out has no (0,0) or a product has no path
     */
    public LgnLayer(LorentzIrreps reps, LorentzIrreps out, int zonalLevels, int radialFunctions, int[] mlpHidden,
            int mlpOut) {
        this.reps = reps;
        this.out = out;
        edges = new ZonalEdges(zonalLevels, radialFunctions);
        aggregation = new LorentzProduct(edges.irreps(), reps, out, LorentzProduct.Mode.FULLY_CONNECTED);
        self = new LorentzProduct(reps, reps, out, LorentzProduct.Mode.FULLY_CONNECTED);
        mixing = new ComplexLinear(reps, out);
        invariants = new LorentzInvariants(out);
        scalarSegment = out.indexOf(LorentzIrrep.of(0, 0));
        if (scalarSegment < 0) throw new IllegalArgumentException("LGN output irreps " + out + " need a (0,0)");
        int[] hs = new int[mlpHidden.length + 2];
        hs[0] = 2 * out.mul(scalarSegment) + 2 * invariants.channels();
        System.arraycopy(mlpHidden, 0, hs, 1, mlpHidden.length);
        hs[hs.length - 1] = mlpOut;
        mlp = FullyConnectedNet.of(hs, Activation.TANH);
    }

    /**
     * Input irreps.
     *
     * @return the irreps
     */
    public LorentzIrreps irrepsIn() {
        return reps;
    }

    /**
     * Output irreps.
     *
     * @return the irreps
     */
    public LorentzIrreps irrepsOut() {
        return out;
    }

    /**
     * The edge irreps {@code Kx(0,0)+…+Kx(L,L)}.
     *
     * @return the irreps
     */
    public LorentzIrreps edgeIrreps() {
        return edges.irreps();
    }

    /**
     * Complex weights of the aggregation product.
     *
     * @return the number of complex weights
     */
    public int aggregationWeightLength() {
        return aggregation.weightLength();
    }

    /**
     * Complex weights of the self product.
     *
     * @return the number of complex weights
     */
    public int selfWeightLength() {
        return self.weightLength();
    }

    /**
     * Complex weights of the mixing.
     *
     * @return the number of complex weights
     */
    public int mixingWeightLength() {
        return mixing.weightLength();
    }

    /**
     * Real weights of the MLP.
     *
     * @return the number of real weights
     */
    public int mlpWeightLength() {
        return mlp.weightCount();
    }

    /**
     * Scalars per particle.
     *
     * @return the MLP's output width
     */
    public int scalarCount() {
        return mlp.outputDim();
    }

    /** The edge features of a pair, for {@link DeviceLgnLayer}. */
    ZonalEdges edges() {
        return edges;
    }

    /** Σ_j H(edge_ij, rep_j), for {@link DeviceLgnLayer}. */
    LorentzProduct aggregation() {
        return aggregation;
    }

    /** H(rep_i, rep_i), for {@link DeviceLgnLayer}. */
    LorentzProduct self() {
        return self;
    }

    /** The mixing of rep_i, for {@link DeviceLgnLayer}. */
    ComplexLinear mixing() {
        return mixing;
    }

    /** The invariants of the output features, for {@link DeviceLgnLayer}. */
    LorentzInvariants invariants() {
        return invariants;
    }

    /** The MLP on the scalars, for {@link DeviceLgnLayer}. */
    FullyConnectedNet mlp() {
        return mlp;
    }

    /** The segment of {@link #irrepsOut()} holding (0,0), for {@link DeviceLgnLayer}. */
    int scalarSegment() {
        return scalarSegment;
    }

    /**
     * Runs the layer.
     *
     * @param momenta {@code [batch][particles][4]} 4-momenta (t, x, y, z)
     * @param features {@code [batch][particles][irrepsIn.dim]} complex input features
     * @param counts real particles per jet (the first ones)
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param weights the layer's weights
     * @param precision FLOAT32 rounds inputs and every intermediate tensor to float
     * @return the features {@code [batch][particles][irrepsOut.dim]} and scalars; padded particles hold 0
     * @throws IllegalArgumentException for bad counts or an array of the wrong length
     */
    public LgnOutput forward(double[] momenta, ComplexTensor features, int[] counts, int batch, int particles,
            LgnWeights weights, Precision precision) {
        Pass pass = new Pass("LgnLayer.forward", momenta, features, counts, batch, particles, weights, precision);
        double[] scalars = precision.store(pass.mlp.output());
        return new LgnOutput(scatterRows(pass.sum, counts, particles, out.dim()),
                scatterScalars(scalars, counts, particles));
    }

    /**
     * The gradients of a real loss L through the layer in float64, given ∂L/∂features out and ∂L/∂scalars
     * (padded as {@link #forward}'s outputs; padded entries are ignored). Complex gradients follow
     * {@link ComplexTensor}'s convention ∂L/∂Re + i·∂L/∂Im; the momenta get none (the edges are
     * fixed inputs).
     *
     * @param momenta {@code [batch][particles][4]} 4-momenta of the forward pass
     * @param features {@code [batch][particles][irrepsIn.dim]} complex input features of the forward pass
     * @param counts real particles per jet
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @param weights the layer's weights
     * @param gradFeatures {@code [batch][particles][irrepsOut.dim]}
     * @param gradScalars {@code [batch][particles][scalarCount]}
     * @return the gradients with respect to the input features and every weight
     * @throws IllegalArgumentException for bad counts or an array of the wrong length
     */
    public LgnGradients backward(double[] momenta, ComplexTensor features, int[] counts, int batch, int particles,
            LgnWeights weights, ComplexTensor gradFeatures, double[] gradScalars) {
        String op = "LgnLayer.backward";
        Pass pass = new Pass(op, momenta, features, counts, batch, particles, weights, Precision.FLOAT64);
        JetArrays.requireLength(op, "gradFeatures", gradFeatures.length(),
                JetArrays.size("gradFeatures", batch, particles, out.dim()));
        JetArrays.requireLength(op, "gradScalars", JetArrays.len(gradScalars),
                JetArrays.size("gradScalars", batch, particles, mlp.outputDim()));
        int rows = pass.rows;
        ComplexTensor gradSum = gatherRows(gradFeatures, counts, particles, out.dim());
        FullyConnectedNet.Gradients mlpGradients = mlp.backward(pass.mlp,
                gatherScalarRows(gradScalars, counts, particles));
        ComplexTensor gradInvariants = ComplexTensor.zeros(rows * invariants.channels());
        scalarInputsBackward(mlpGradients.gradX(), gradSum, gradInvariants, rows);
        ComplexTensor fromInvariants = ComplexTensor.zeros(gradSum.length());
        invariants.backward(pass.sum, gradInvariants, fromInvariants, rows);
        gradSum.add(fromInvariants);

        ComplexTensor gradReal = ComplexTensor.zeros(pass.real.length());
        ComplexTensor term = ComplexTensor.zeros(pass.real.length());
        ComplexTensor gradSelf = ComplexTensor.zeros(self.weightLength());
        self.backward(pass.real, pass.real, weights.self(), gradSum, gradReal, term, gradSelf, rows);
        gradReal.add(term);
        ComplexTensor gradMixing = ComplexTensor.zeros(mixing.weightLength());
        mixing.backward(pass.real, weights.mixing(), gradSum, term, gradMixing, rows);
        gradReal.add(term);
        ComplexTensor gradAggregation = ComplexTensor.zeros(aggregation.weightLength());
        aggregateBackward(pass, counts, weights, gradSum, gradReal, gradAggregation);
        return new LgnGradients(scatterRows(gradReal, counts, particles, reps.dim()), gradAggregation, gradSelf,
                gradMixing, mlpGradients.gradWeights());
    }

    /** Everything a forward pass computes on the real particles' rows. */
    private final class Pass {
        final ComplexTensor real;
        final int rows;
        final int pairs;
        final ComplexTensor edgeRows;
        final ComplexTensor neighbours;
        final ComplexTensor sum;
        final FullyConnectedNet.Forward mlp;

        Pass(String op, double[] momenta, ComplexTensor features, int[] counts, int batch, int particles,
                LgnWeights weights, Precision precision) {
            JetArrays.checkCounts(op, counts, batch, particles);
            JetArrays.requireLength(op, "momenta", JetArrays.len(momenta),
                    JetArrays.size("momenta", batch, particles, 4));
            JetArrays.requireLength(op, "features", features.length(),
                    JetArrays.size("features", batch, particles, reps.dim()));
            double[] p = precision.store(momenta.clone());
            ComplexTensor x = precision.store(features.copy());
            int pairCount = 0;
            for (int b = 0; b < batch; b++) {
                pairCount = Math.addExact(pairCount, Math.multiplyExact(counts[b], counts[b]));
            }
            pairs = pairCount;
            real = gatherRows(x, counts, particles, reps.dim());
            rows = real.length() / reps.dim();
            edgeRows = ComplexTensor.zeros(JetArrays.size("edges", pairs, edges.irreps().dim()));
            neighbours = ComplexTensor.zeros(JetArrays.size("neighbours", pairs, reps.dim()));
            pairUp(p, counts, particles);
            precision.store(edgeRows);
            sum = ComplexTensor.zeros(JetArrays.size("out", rows, out.dim()));
            self.forward(real, real, weights.self(), sum, rows);
            precision.store(sum);
            ComplexTensor term = ComplexTensor.zeros(sum.length());
            LgnLayer.this.mixing.forward(real, weights.mixing(), term, rows);
            sum.add(precision.store(term));
            ComplexTensor messages = ComplexTensor.zeros(JetArrays.size("messages", pairs, out.dim()));
            aggregation.forward(edgeRows, neighbours, weights.aggregation(), messages, pairs);
            precision.store(messages);
            sum.add(precision.store(sumOverNeighbours(messages, counts, rows)));
            precision.store(sum);
            ComplexTensor invariantValues = ComplexTensor.zeros(JetArrays.size("invariants", rows,
                    invariants.channels()));
            invariants.forward(sum, invariantValues, rows);
            precision.store(invariantValues);
            mlp = LgnLayer.this.mlp.forward(scalarInputs(sum, invariantValues, rows), weights.mlp(), rows);
        }

        /** The edge row of every real pair (i, j) and a copy of rep_j beside it. */
        private void pairUp(double[] p, int[] counts, int particles) {
            int pair = 0;
            int first = 0;
            for (int b = 0; b < counts.length; b++) {
                for (int i = 0; i < counts[b]; i++) {
                    for (int j = 0; j < counts[b]; j++, pair++) {
                        edges.compute(p, (b * particles + i) * 4, p, (b * particles + j) * 4, edgeRows, pair);
                        copyRow(real, first + j, neighbours, pair, reps.dim());
                    }
                }
                first += counts[b];
            }
        }
    }

    /** Σ_j messages_ij per real i, rows of real particles. */
    private ComplexTensor sumOverNeighbours(ComplexTensor messages, int[] counts, int rows) {
        ComplexTensor sums = ComplexTensor.zeros(JetArrays.size("sums", rows, out.dim()));
        int pair = 0;
        int row = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++, row++) {
                for (int j = 0; j < counts[b]; j++, pair++) {
                    for (int k = 0; k < out.dim(); k++) {
                        sums.re()[row * out.dim() + k] += messages.re()[pair * out.dim() + k];
                        sums.im()[row * out.dim() + k] += messages.im()[pair * out.dim() + k];
                    }
                }
            }
        }
        return sums;
    }

    /** The aggregation's adjoint: each message gets gradSum of its row i; rep_j's share is added to gradReal. */
    private void aggregateBackward(Pass pass, int[] counts, LgnWeights weights, ComplexTensor gradSum,
            ComplexTensor gradReal, ComplexTensor gradAggregation) {
        ComplexTensor gradMessages = ComplexTensor.zeros(pass.pairs * out.dim());
        int pair = 0;
        int row = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++, row++) {
                for (int j = 0; j < counts[b]; j++, pair++) copyRow(gradSum, row, gradMessages, pair, out.dim());
            }
        }
        ComplexTensor gradNeighbours = ComplexTensor.zeros(pass.neighbours.length());
        aggregation.backward(pass.edgeRows, pass.neighbours, weights.aggregation(), gradMessages, null, gradNeighbours,
                gradAggregation, pass.pairs);
        pair = 0;
        int first = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) {
                for (int j = 0; j < counts[b]; j++, pair++) {
                    for (int k = 0; k < reps.dim(); k++) {
                        gradReal.re()[(first + j) * reps.dim() + k] += gradNeighbours.re()[pair * reps.dim() + k];
                        gradReal.im()[(first + j) * reps.dim() + k] += gradNeighbours.im()[pair * reps.dim() + k];
                    }
                }
            }
            first += counts[b];
        }
    }

    /** Re and Im of the (0,0) channels, then Re and Im of every invariant, per row. */
    private double[] scalarInputs(ComplexTensor features, ComplexTensor invariantValues, int rows) {
        int scalarMul = out.mul(scalarSegment);
        int width = mlp.hs()[0];
        double[] in = new double[JetArrays.size("MLP input", rows, width)];
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            for (int u = 0; u < scalarMul; u++) {
                int f = r * out.dim() + out.offset(scalarSegment) + u;
                in[at++] = features.re()[f];
                in[at++] = features.im()[f];
            }
            for (int c = 0; c < invariants.channels(); c++) {
                in[at++] = invariantValues.re()[r * invariants.channels() + c];
                in[at++] = invariantValues.im()[r * invariants.channels() + c];
            }
        }
        return in;
    }

    /**
     * The adjoint of {@link #scalarInputs}: the (0,0) channels' share of gradIn is added to gradFeatures,
     * the invariants' share written to gradInvariants (real part from the Re column, imaginary from Im).
     */
    private void scalarInputsBackward(double[] gradIn, ComplexTensor gradFeatures, ComplexTensor gradInvariants,
            int rows) {
        int scalarMul = out.mul(scalarSegment);
        int width = mlp.hs()[0];
        for (int r = 0; r < rows; r++) {
            int at = r * width;
            for (int u = 0; u < scalarMul; u++) {
                int f = r * out.dim() + out.offset(scalarSegment) + u;
                gradFeatures.re()[f] += gradIn[at++];
                gradFeatures.im()[f] += gradIn[at++];
            }
            for (int c = 0; c < invariants.channels(); c++) {
                gradInvariants.re()[r * invariants.channels() + c] = gradIn[at++];
                gradInvariants.im()[r * invariants.channels() + c] = gradIn[at++];
            }
        }
    }

    /** The rows of the real particles of a padded {@code [batch][particles][dim]} tensor. */
    private static ComplexTensor gatherRows(ComplexTensor x, int[] counts, int particles, int dim) {
        int rows = 0;
        for (int c : counts) rows += c;
        ComplexTensor real = ComplexTensor.zeros(JetArrays.size("rows", rows, dim));
        int row = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) copyRow(x, b * particles + i, real, row++, dim);
        }
        return real;
    }

    /** The rows of the real particles of padded scalars {@code [batch][particles][scalarCount]}. */
    private double[] gatherScalarRows(double[] padded, int[] counts, int particles) {
        int width = mlp.outputDim();
        int rows = 0;
        for (int c : counts) rows += c;
        double[] out = new double[JetArrays.size("scalar rows", rows, width)];
        int row = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++, row++) {
                System.arraycopy(padded, (b * particles + i) * width, out, row * width, width);
            }
        }
        return out;
    }

    private static ComplexTensor scatterRows(ComplexTensor rows, int[] counts, int particles, int dim) {
        ComplexTensor padded = ComplexTensor.zeros(JetArrays.size("features", counts.length, particles, dim));
        int row = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) copyRow(rows, row++, padded, b * particles + i, dim);
        }
        return padded;
    }

    private double[] scatterScalars(double[] rows, int[] counts, int particles) {
        int width = mlp.outputDim();
        double[] padded = new double[JetArrays.size("scalars", counts.length, particles, width)];
        int row = 0;
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++, row++) {
                System.arraycopy(rows, row * width, padded, (b * particles + i) * width, width);
            }
        }
        return padded;
    }

    private static void copyRow(ComplexTensor from, int fromRow, ComplexTensor to, int toRow, int dim) {
        System.arraycopy(from.re(), fromRow * dim, to.re(), toRow * dim, dim);
        System.arraycopy(from.im(), fromRow * dim, to.im(), toRow * dim, dim);
    }

    @Override
    public String toString() {
        return "LgnLayer(" + reps + " -> " + out + ", edges " + edges.irreps() + ")";
    }
}
