package org.equikern.model.lgn;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpLifecycle;
import org.equikern.ops.gatherscatter.GatherScatter;
import org.equikern.ops.lorentzproduct.ComplexLinearOp;
import org.equikern.ops.lorentzproduct.LorentzInvariantsOp;
import org.equikern.ops.lorentzproduct.LorentzProductOp;

/**
 * An {@link LgnLayer} running on a device, composed of device ops: the aggregation and self
 * products ({@link LorentzProductOp}), the mixing ({@link ComplexLinearOp}), the invariants
 * ({@link LorentzInvariantsOp}), the scalar MLP ({@code LinearOp} and {@code GateOp}) and the row
 * moves between padded particles, real particles and pairs ({@link GatherScatter}), all on
 * device buffers. It computes what the host layer computes, in the same order, so float64 results
 * agree with it to rounding; in float32 every intermediate is stored in float, as the host's
 * {@link Precision#FLOAT32} pass.
 *
 * <p>Layouts (complex buffers planar, [2][…]): features {@code [2][batch][particles][irrepsIn.dim]},
 * output features {@code [2][batch][particles][irrepsOut.dim]}, scalars
 * {@code [batch][particles][scalarCount]}. Padded particles are neither read nor written: their
 * outputs and gradients are 0. The jets ({@link #jets}) carry the momenta's edge features and
 * counts; {@link DeviceLgnWeights} the weights. Thread-safe; {@link #close()} frees the ops.
 */
public final class DeviceLgnLayer extends DeviceOp {
    private static final String FORWARD = "DeviceLgnLayer.forward";
    private static final String BACKWARD = "DeviceLgnLayer.backward";

    private final LgnLayer host;
    private final LorentzProductOp aggregation;
    private final LorentzProductOp self;
    private final ComplexLinearOp mixing;
    private final LorentzInvariantsOp invariants;
    private final DeviceZonalEdges edges;
    private final DeviceScalarMlp mlp;
    private final GatherScatter rowsOp;
    /** The segments {@code {0}} at offsets {@code {0, 1}}: one row summed into one, for {@link #addInto}. */
    private final MemoryScope tables;
    private final DeviceBuffer oneRow;
    private final DeviceBuffer oneRowOffsets;

    /**
     * The layer {@code host} on {@code device} in {@code dtype}.
     *
     * @param host the layer's definition
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64
     * @throws IllegalArgumentException when {@code host} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    public DeviceLgnLayer(LgnLayer host, Device device, DType dtype) {
        super(device, dtype);
        if (host == null) throw new IllegalArgumentException("DeviceLgnLayer: host must not be null");
        this.host = host;
        LorentzProductOp aggregationOp = null;
        LorentzProductOp selfOp = null;
        ComplexLinearOp mixingOp = null;
        LorentzInvariantsOp invariantsOp = null;
        DeviceZonalEdges edgesOp = null;
        DeviceScalarMlp mlpOps = null;
        GatherScatter rows = null;
        MemoryScope scope = null;
        try {
            aggregationOp = LorentzProductOp.on(device, host.aggregation(), dtype);
            selfOp = LorentzProductOp.on(device, host.self(), dtype);
            mixingOp = ComplexLinearOp.on(device, host.mixing(), dtype);
            invariantsOp = LorentzInvariantsOp.on(device, host.invariants(), dtype);
            edgesOp = DeviceZonalEdges.on(device, host.edges(), dtype);
            mlpOps = new DeviceScalarMlp(device, dtype, host.mlp());
            rows = GatherScatter.on(device);
            scope = device.openScope();
            oneRow = scope.upload(new int[] {0});
            oneRowOffsets = scope.upload(new int[] {0, 1});
        } catch (RuntimeException | Error e) {
            closeAll(scope, mlpOps, aggregationOp, selfOp, mixingOp, invariantsOp, edgesOp, rows);
            throw e;
        }
        rowsOp = rows;
        tables = scope;
        aggregation = aggregationOp;
        self = selfOp;
        mixing = mixingOp;
        invariants = invariantsOp;
        edges = edgesOp;
        mlp = mlpOps;
    }

    /**
     * The layer's definition, which the host runs.
     *
     * @return the host layer
     */
    public LgnLayer host() {
        return host;
    }

    /** The op that computes a batch's edge features from its momenta, for {@link DeviceLgnJets}. */
    DeviceZonalEdges edgesOp() {
        return edges;
    }

    /**
     * Prepares a batch of padded jets: their pairs' edge features and row tables, on this device.
     *
     * @param momenta {@code [batch][particles][4]} 4-momenta (t, x, y, z)
     * @param counts real particles per jet (the first ones)
     * @param batch the number of jets, ≥ 0
     * @param particles the padded particles per jet, ≥ 1
     * @return the jets, owned by the caller
     * @throws IllegalArgumentException for bad counts or a momenta array of the wrong length
     * @throws IllegalStateException when the layer or its device is closed
     */
    public DeviceLgnJets jets(double[] momenta, int[] counts, int batch, int particles) {
        checkOpen("DeviceLgnLayer.jets");
        return new DeviceLgnJets(this, momenta, counts, batch, particles);
    }

    /**
     * Runs the layer.
     *
     * @param jets the jets, from this layer's {@link #jets}
     * @param features {@code [2][batch][particles][irrepsIn.dim]}
     * @param weights the weights, for this layer
     * @param outFeatures {@code [2][batch][particles][irrepsOut.dim]}, overwritten
     * @param outScalars {@code [batch][particles][scalarCount]}, overwritten
     * @throws IllegalArgumentException for jets or weights of another layer, a buffer of another device,
     *     dtype or length, or an output that is an input
     * @throws IllegalStateException when the layer, its device or a buffer is closed
     */
    public void forward(DeviceLgnJets jets, DeviceBuffer features, DeviceLgnWeights weights,
            DeviceBuffer outFeatures, DeviceBuffer outScalars) {
        checkInputs(FORWARD, jets, features, weights);
        checkBuffer(FORWARD, "outFeatures", outFeatures, padded(jets, 2L * host.irrepsOut().dim()),
                "2 · batch · particles · irrepsOut.dim");
        checkBuffer(FORWARD, "outScalars", outScalars, padded(jets, host.scalarCount()),
                "batch · particles · scalarCount");
        checkDistinct(FORWARD, "outFeatures", outFeatures, "outScalars", outScalars, "features", features);
        run(FORWARD, () -> {
            try (MemoryScope scope = device().openScope()) {
                Pass pass = new Pass(scope, jets, features, weights);
                scatterToPadded(pass.sum, jets.rowsToPadded, outFeatures, host.irrepsOut().dim());
                scatterToPadded(pass.mlp.output(), jets.scalarRowsToPadded, outScalars, host.scalarCount());
            }
        });
    }

    /**
     * Writes the gradients of a real loss L through the layer, given ∂L/∂outFeatures and ∂L/∂outScalars
     * (padded entries ignored); complex ones as ∂L/∂Re + i·∂L/∂Im. The momenta get none. Like the
     * host's backward, it reruns the forward pass for the intermediates the gradients need.
     *
     * @param jets the jets of the forward pass
     * @param features the input features of the forward pass
     * @param weights the weights of the forward pass
     * @param gradOutFeatures {@code [2][batch][particles][irrepsOut.dim]}
     * @param gradScalars {@code [batch][particles][scalarCount]}
     * @param gradFeatures {@code [2][batch][particles][irrepsIn.dim]}, overwritten (0 on padding)
     * @param gradWeights receives the weights' gradients, summed over the batch, overwritten
     * @throws IllegalArgumentException for jets or weights of another layer, a buffer of another device,
     *     dtype or length, or an output that is an input
     * @throws IllegalStateException when the layer, its device or a buffer is closed
     */
    public void backward(DeviceLgnJets jets, DeviceBuffer features, DeviceLgnWeights weights,
            DeviceBuffer gradOutFeatures, DeviceBuffer gradScalars, DeviceBuffer gradFeatures,
            DeviceLgnWeights gradWeights) {
        checkInputs(BACKWARD, jets, features, weights);
        checkBuffer(BACKWARD, "gradOutFeatures", gradOutFeatures, padded(jets, 2L * host.irrepsOut().dim()),
                "2 · batch · particles · irrepsOut.dim");
        checkBuffer(BACKWARD, "gradScalars", gradScalars, padded(jets, host.scalarCount()),
                "batch · particles · scalarCount");
        checkBuffer(BACKWARD, "gradFeatures", gradFeatures, padded(jets, 2L * host.irrepsIn().dim()),
                "2 · batch · particles · irrepsIn.dim");
        checkOwn(BACKWARD, "gradWeights", gradWeights);
        if (gradWeights == weights) {
            throw new IllegalArgumentException(BACKWARD + ": gradWeights and weights must be different");
        }
        checkDistinct(BACKWARD, "gradFeatures", gradFeatures, "features", features, "gradOutFeatures",
                gradOutFeatures, "gradScalars", gradScalars);
        run(BACKWARD, () -> {
            try (MemoryScope scope = device().openScope()) {
                backwardPass(scope, new Pass(scope, jets, features, weights), gradOutFeatures, gradScalars,
                        gradFeatures, gradWeights);
            }
        });
    }

    private void backwardPass(MemoryScope scope, Pass pass, DeviceBuffer gradOutFeatures, DeviceBuffer gradScalars,
            DeviceBuffer gradFeatures, DeviceLgnWeights grads) {
        DeviceLgnJets jets = pass.jets;
        int outDim = host.irrepsOut().dim();
        int repDim = host.irrepsIn().dim();
        DeviceBuffer gradSum = complexRows(scope, jets.rows, outDim);
        rowsOp.gatherRows(gradOutFeatures, jets.realRows, gradSum, outDim);
        DeviceBuffer gradScalarRows = scope.allocate(dtype(), (long) jets.rows * host.scalarCount());
        rowsOp.gatherRows(gradScalars, jets.realScalarRows, gradScalarRows, host.scalarCount());
        DeviceBuffer gradMlpIn = mlp.backward(scope, pass.mlp, pass.weights.mlp, gradScalarRows, grads.mlp);
        rowsOp.segmentSumRows(gradMlpIn, jets.mlpToFeatures.order, jets.mlpToFeatures.offsets, gradSum, 1);
        DeviceBuffer gradInvariants = complexRows(scope, jets.rows, host.invariants().channels());
        rowsOp.gatherRows(gradMlpIn, jets.mlpToInvariants, gradInvariants, 1);
        DeviceBuffer term = complexRows(scope, jets.rows, outDim);
        invariants.backward(pass.sum, gradInvariants, term, jets.rows);
        addInto(term, gradSum);

        DeviceBuffer gradReal = complexRows(scope, jets.rows, repDim);
        DeviceBuffer gradTerm = complexRows(scope, jets.rows, repDim);
        self.backward(pass.real, pass.real, pass.weights.self, gradSum, gradReal, gradTerm, grads.self, jets.rows);
        addInto(gradTerm, gradReal);
        mixing.backward(pass.real, pass.weights.mixing, gradSum, gradTerm, grads.mixing, jets.rows);
        addInto(gradTerm, gradReal);

        DeviceBuffer gradMessages = complexRows(scope, jets.pairs, outDim);
        rowsOp.gatherRows(gradSum, jets.pairRows, gradMessages, outDim);
        DeviceBuffer gradEdges = complexRows(scope, jets.pairs, host.edgeIrreps().dim());
        DeviceBuffer gradNeighbours = complexRows(scope, jets.pairs, repDim);
        aggregation.backward(jets.edges, pass.neighbours, pass.weights.aggregation, gradMessages, gradEdges,
                gradNeighbours, grads.aggregation, jets.pairs);
        rowsOp.segmentSumRows(gradNeighbours, jets.neighboursToRows.order, jets.neighboursToRows.offsets, gradReal,
                repDim);
        scatterToPadded(gradReal, jets.rowsToPadded, gradFeatures, repDim);
    }

    /** Everything a forward pass computes on the real particles' rows, in buffers of one scope. */
    private final class Pass {
        final DeviceLgnJets jets;
        final DeviceLgnWeights weights;
        final DeviceBuffer real;
        final DeviceBuffer neighbours;
        final DeviceBuffer sum;
        final DeviceScalarMlp.Pass mlp;

        Pass(MemoryScope scope, DeviceLgnJets jets, DeviceBuffer features, DeviceLgnWeights weights) {
            this.jets = jets;
            this.weights = weights;
            int repDim = host.irrepsIn().dim();
            int outDim = host.irrepsOut().dim();
            int rows = jets.rows;
            real = complexRows(scope, rows, repDim);
            rowsOp.gatherRows(features, jets.realRows, real, repDim);
            neighbours = complexRows(scope, jets.pairs, repDim);
            rowsOp.gatherRows(real, jets.neighbours, neighbours, repDim);
            sum = complexRows(scope, rows, outDim);
            self.forward(real, real, weights.self, sum, rows);
            DeviceBuffer term = complexRows(scope, rows, outDim);
            mixing.forward(real, weights.mixing, term, rows);
            addInto(term, sum);
            DeviceBuffer messages = complexRows(scope, jets.pairs, outDim);
            aggregation.forward(jets.edges, neighbours, weights.aggregation, messages, jets.pairs);
            rowsOp.segmentSumRows(messages, jets.messagesToRows.order, jets.messagesToRows.offsets, sum, outDim);
            DeviceBuffer invariantValues = complexRows(scope, rows, host.invariants().channels());
            invariants.forward(sum, invariantValues, rows);
            DeviceBuffer mlpIn = scope.allocate(dtype(), (long) rows * host.mlp().inputDim());
            mlpIn.zero();
            rowsOp.segmentSumRows(sum, jets.featuresToMlp.order, jets.featuresToMlp.offsets, mlpIn, 1);
            rowsOp.segmentSumRows(invariantValues, jets.invariantsToMlp.order, jets.invariantsToMlp.offsets, mlpIn,
                    1);
            mlp = DeviceLgnLayer.this.mlp.forward(scope, mlpIn, weights.mlp, rows);
        }
    }

    /** target += x, both of one length: one row of that length summed into one. */
    private void addInto(DeviceBuffer x, DeviceBuffer target) {
        if (x.length() > 0) rowsOp.segmentSumRows(x, oneRow, oneRowOffsets, target, Math.toIntExact(x.length()));
    }

    /** Zeroes {@code padded} and writes the real rows into it. */
    private void scatterToPadded(DeviceBuffer rows, DeviceLgnJets.DeviceSegments segments, DeviceBuffer padded,
            int width) {
        padded.zero();
        rowsOp.segmentSumRows(rows, segments.order, segments.offsets, padded, width);
    }

    private DeviceBuffer complexRows(MemoryScope scope, int rows, int width) {
        return scope.allocate(dtype(), Math.multiplyExact(2L * rows, width));
    }

    private void checkInputs(String call, DeviceLgnJets jets, DeviceBuffer features, DeviceLgnWeights weights) {
        checkOpen(call);
        if (jets == null || jets.layer() != this) {
            throw new IllegalArgumentException(call + ": jets must come from this layer's jets(...)");
        }
        checkOwn(call, "weights", weights);
        checkBuffer(call, "features", features, padded(jets, 2L * host.irrepsIn().dim()),
                "2 · batch · particles · irrepsIn.dim");
    }

    private void checkOwn(String call, String role, DeviceLgnWeights weights) {
        if (weights == null || weights.layer() != this) {
            throw new IllegalArgumentException(call + ": " + role + " must be DeviceLgnWeights of this layer");
        }
    }

    private static long padded(DeviceLgnJets jets, long perParticle) {
        return Math.multiplyExact(Math.multiplyExact((long) jets.batch, jets.particles), perParticle);
    }

    private static void closeAll(MemoryScope scope, DeviceScalarMlp mlp, OpLifecycle... ops) {
        if (scope != null) scope.close();
        if (mlp != null) mlp.close();
        for (OpLifecycle op : ops) {
            if (op != null) op.close();
        }
    }

    @Override
    protected void release() {
        closeAll(tables, mlp, aggregation, self, mixing, invariants, edges, rowsOp);
    }
}
