package org.equikern.ops.tensorproduct;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;
import org.equikern.concurrent.ScratchPool;
import org.equikern.gemm.Float32Path;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductArguments;
import org.equikern.tp.TensorProductExecutor;

/**
 * The pure-Java tensor-product executor, the oracle other backends are tested against. Each
 * sample is computed by one thread in float64 (float32 arrays are widened per sample into that
 * work item's scratch and results narrowed back, so both precisions run the same math), except
 * the float32 passes of shared-weight uvw plans, which run in float32 through
 * {@link FloatSharedUvw} unless {@code -Dequikern.float32.widen=true}, and the float32 passes of
 * compiled channel-wise plans ({@link CompiledProduct}), which compute in float32 over channels. Large
 * batches are split into chunks that run on the fork-join pool; the split does not depend on the
 * thread count and shared-weight gradients are summed chunk by chunk in order, so results are
 * deterministic. Thread-safe; after warm-up a call allocates no arrays.
 */
public final class JavaTensorProductExecutor implements TensorProductExecutor {
    private final Plan plan;
    private final FlatPlan kernel;
    private final long workPerSample;
    private final ScratchPool<WorkVectors> scratch;
    /** The row layout when every path has one input-2 channel, else null (generic kernels). */
    private final RowPlan rows;
    private final ScratchPool<RowScratch> rowScratch;
    /** The plan compiled into its own class, when it qualifies (see {@link CompiledProduct}), else null. */
    private final CompiledProduct specialized;
    private final ScratchPool<double[]> specializedScratch;
    private final ScratchPool<float[]> specializedFloatScratch;
    /** The float32 forward route of shared-weight uvw plans, or null (see {@link FloatSharedUvw}). */
    private final FloatSharedUvw floatUvw;
    private final AtomicReference<CallBuffers> spare = new AtomicReference<>();
    /** Whether every path has per-sample weights, so that the product is trilinear in its operands. */
    private final boolean trilinear;

    /**
     * An executor for {@code plan}; scratch is allocated on first use and pooled. Channel-wise
     * plans with enough work per sample are compiled into a class of their own on first
     * construction (see {@link CompiledProduct}).
     *
     * @param plan the plan to run
     */
    public JavaTensorProductExecutor(Plan plan) {
        this(plan, true);
    }

    /**
     * An executor for {@code plan} that compiles it into a class of its own whenever it qualifies (see
     * {@link CompiledProduct}), however little work a sample carries: for a product called many times on
     * large batches, such as a model's per-edge convolution, where the one compilation (about a second, on
     * first construction) is repaid within the first steps.
     *
     * @param plan the plan to run
     * @return the executor
     */
    public static JavaTensorProductExecutor compiledWhateverTheSize(Plan plan) {
        return new JavaTensorProductExecutor(plan, true, k -> CompiledProduct.ofAnySize(plan, k));
    }

    /** With {@code specialize} false every path runs the generic kernels (the tests' reference). */
    JavaTensorProductExecutor(Plan plan, boolean specialize) {
        this(plan, specialize, k -> specialize ? CompiledProduct.of(plan, k) : null);
    }

    /** Runs {@code compiled} (compiled for this plan) where it applies, whatever the plan's size (tests). */
    JavaTensorProductExecutor(Plan plan, CompiledProduct compiled) {
        this(plan, true, k -> compiled);
    }

    private JavaTensorProductExecutor(Plan plan, boolean specialize,
                                      java.util.function.Function<FlatPlan, CompiledProduct> compiled) {
        this.plan = plan;
        this.kernel = new FlatPlan(plan, specialize);
        this.workPerSample = plan.flopsPerSample();
        this.scratch = new ScratchPool<>(() -> new WorkVectors(kernel));
        this.rows = RowPlan.of(kernel);
        this.rowScratch = new ScratchPool<>(() -> new RowScratch(rows));
        this.specialized = compiled.apply(kernel);
        this.specializedScratch = new ScratchPool<>(() -> new double[specialized.scratchLength]);
        this.specializedFloatScratch = new ScratchPool<>(() -> new float[specialized.floatScratchLength]);
        this.floatUvw = Float32Path.widened() ? null : FloatSharedUvw.of(kernel);
        this.trilinear = new ChannelWisePaths(kernel).perSampleWeightsOnEveryPath();
    }

    /** Whether the plan runs as a compiled class of its own (tests). */
    boolean isCompiled() {
        return specialized != null;
    }

    @Override
    public Plan plan() {
        return plan;
    }

    @Override
    public void forward(double[] x1, double[] x2, double[] weights, double[] out, int batch) {
        TensorProductArguments.checkForward(plan, x1, x2, weights, out, batch);
        forwardBatch(x1, x2, weights, out, batch);
    }

    @Override
    public void forward(float[] x1, float[] x2, float[] weights, float[] out, int batch) {
        TensorProductArguments.checkForward(plan, x1, x2, weights, out, batch);
        if (floatUvw != null) {
            floatUvw.forward(x1, x2, weights, out, batch);
            return;
        }
        forwardBatch(x1, x2, weights, out, batch);
    }

    @Override
    public void backward(double[] x1, double[] x2, double[] weights, double[] gradOut,
                         double[] gradX1, double[] gradX2, double[] gradWeights, int batch) {
        TensorProductArguments.checkBackward(plan, x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
        backwardBatch(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    @Override
    public void backward(float[] x1, float[] x2, float[] weights, float[] gradOut,
                         float[] gradX1, float[] gradX2, float[] gradWeights, int batch) {
        TensorProductArguments.checkBackward(plan, x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
        if (floatUvw != null) {
            backwardFloatUvw(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
            return;
        }
        backwardBatch(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    private void backwardFloatUvw(float[] x1, float[] x2, float[] weights, float[] gradOut, float[] gradX1,
                                  float[] gradX2, float[] gradWeights, int batch) {
        BatchChunks chunks = FloatSharedUvw.backwardChunks(batch);
        CallBuffers buffers = acquire();
        try {
            double[] partials = sharedPartials(gradWeights, chunks, buffers);
            floatUvw.backward(x1, x2, weights, gradOut, gradX1, gradX2, partials, chunks);
            if (partials != null) sumPartials(partials, chunks.count, gradWeights);
        } finally {
            spare.set(buffers);
        }
    }

    private void forwardBatch(Object x1, Object x2, Object weights, Object out, int batch) {
        BatchChunks chunks = new BatchChunks(batch, workPerSample);
        CallBuffers buffers = acquire();
        try {
            if (compiledFor(x1)) {
                forwardSpecialized(x1, x2, weights, out, chunks);
                return;
            }
            if (rows != null) {
                forwardRows(x1, x2, weights, out, chunks, buffers);
                return;
            }
            double[] shared = sharedWeights(weights, buffers);
            chunks.run(scratch, (c, s) -> {
                for (int n = chunks.start(c); n < chunks.end(c); n++) {
                    forwardSample(x1, x2, weights, shared, out, n, s);
                }
            });
        } finally {
            spare.set(buffers);
        }
    }

    /**
     * Whether the compiled kernels run calls on arrays like {@code x}: float64 ones whenever the
     * plan was compiled, float32 ones unless {@code equikern.float32.widen} asks for the widened
     * (generic) kernels.
     */
    private boolean compiledFor(Object x) {
        return specialized != null && (x instanceof double[] || !Float32Path.widened());
    }

    private void forwardSpecialized(Object x1, Object x2, Object weights, Object out, BatchChunks chunks) {
        if (x1 instanceof float[]) {
            chunks.run(specializedFloatScratch, (c, s) -> specialized.forward((float[]) x1, (float[]) x2,
                    (float[]) weights, (float[]) out, chunks.start(c), chunks.end(c), s));
        } else {
            chunks.run(specializedScratch, (c, s) -> specialized.forward((double[]) x1, (double[]) x2,
                    (double[]) weights, (double[]) out, chunks.start(c), chunks.end(c), s));
        }
    }

    private void forwardSample(Object x1, Object x2, Object weights, double[] shared, Object out, int n, WorkVectors s) {
        SampleLayout.load(x1, n * kernel.dim1, kernel.in1Blocks, s.x1);
        SampleLayout.load(x2, n * kernel.dim2, kernel.in2Blocks, s.x2);
        Arrays.fill(s.out, 0.0);
        double[] w = sampleWeights(weights, shared, n, s);
        PathLoops.forward(kernel, s.x1, s.x2, w, weightBase(weights, shared, n), s.out, s.pairs);
        SampleLayout.store(s.out, kernel.outBlocks, out, n * kernel.dimOut);
    }

    private void backwardBatch(Object x1, Object x2, Object weights, Object gradOut,
                               Object gradX1, Object gradX2, Object gradWeights, int batch) {
        BatchChunks chunks = new BatchChunks(batch, 2 * workPerSample);
        CallBuffers buffers = acquire();
        try {
            if (compiledFor(x1)) {
                backwardSpecialized(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, chunks, buffers);
                return;
            }
            if (rows != null) {
                backwardRows(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, chunks, buffers);
                return;
            }
            double[] shared = sharedWeights(weights, buffers);
            int numel = kernel.weightNumel;
            double[] partials = sharedPartials(gradWeights, chunks, buffers);
            chunks.run(scratch, (c, s) -> {
                for (int n = chunks.start(c); n < chunks.end(c); n++) {
                    backwardSample(x1, x2, weights, shared, gradOut, gradX1, gradX2, gradWeights, partials,
                            c * numel, n, s);
                }
            });
            if (partials != null) sumPartials(partials, chunks.count, gradWeights);
        } finally {
            spare.set(buffers);
        }
    }

    private void backwardSample(Object x1, Object x2, Object weights, double[] shared, Object gradOut,
                                Object gradX1, Object gradX2, Object gradWeights, double[] partials, int partialBase,
                                int n, WorkVectors s) {
        SampleLayout.load(x1, n * kernel.dim1, kernel.in1Blocks, s.x1);
        SampleLayout.load(x2, n * kernel.dim2, kernel.in2Blocks, s.x2);
        SampleLayout.load(gradOut, n * kernel.dimOut, kernel.outBlocks, s.gradOut);
        boolean inputs = gradX1 != null || gradX2 != null;
        if (inputs) {
            Arrays.fill(s.gradX1, 0.0);
            Arrays.fill(s.gradX2, 0.0);
        }
        int numel = kernel.weightNumel;
        double[] gw = null;
        int gwBase = 0;
        if (partials != null) {
            gw = partials;
            gwBase = partialBase;
        } else if (gradWeights instanceof double[]) {
            gw = (double[]) gradWeights;
            gwBase = n * numel;
            Arrays.fill(gw, gwBase, gwBase + numel, 0.0);
        } else if (gradWeights != null) {
            gw = s.gradWeights;
            Arrays.fill(gw, 0.0);
        }
        double[] w = sampleWeights(weights, shared, n, s);
        PathLoops.backward(kernel, s.x1, s.x2, w, weightBase(weights, shared, n), s.gradOut,
                inputs ? s.gradX1 : null, inputs ? s.gradX2 : null, gw, gwBase, s.pairs, s.pairGrads);
        if (gradX1 != null) SampleLayout.store(s.gradX1, kernel.in1Blocks, gradX1, n * kernel.dim1);
        if (gradX2 != null) SampleLayout.store(s.gradX2, kernel.in2Blocks, gradX2, n * kernel.dim2);
        if (gw == s.gradWeights) SampleLayout.narrow(s.gradWeights, numel, (float[]) gradWeights, n * numel);
    }

    private void backwardSpecialized(Object x1, Object x2, Object weights, Object gradOut, Object gradX1,
                                     Object gradX2, Object gradWeights, BatchChunks chunks, CallBuffers buffers) {
        int numel = kernel.weightNumel;
        double[] partials = sharedPartials(gradWeights, chunks, buffers);
        Object perSample = kernel.sharedWeights ? null : gradWeights;
        if (x1 instanceof float[]) {
            chunks.run(specializedFloatScratch, (c, s) -> specialized.backward((float[]) x1, (float[]) x2,
                    (float[]) weights, (float[]) gradOut, (float[]) gradX1, (float[]) gradX2, (float[]) perSample,
                    partials, c * numel, chunks.start(c), chunks.end(c), s));
        } else {
            chunks.run(specializedScratch, (c, s) -> specialized.backward((double[]) x1, (double[]) x2,
                    (double[]) weights, (double[]) gradOut, (double[]) gradX1, (double[]) gradX2,
                    (double[]) perSample, partials, c * numel, chunks.start(c), chunks.end(c), s));
        }
        if (partials != null) sumPartials(partials, chunks.count, gradWeights);
    }

    /**
     * The tangent of the forward pass along tangents of all three operands: since the product T is
     * trilinear, {@code out = T(ẋ1, x2, w) + T(x1, ẋ2, w) + T(x1, x2, ẇ)}, summed in that order. Where the
     * plan is compiled, one pass over the samples computes all three terms (the result equals the three
     * forwards summed, bit for bit); else it runs those forwards, through one temporary batch. For plans with
     * per-sample weights on every path (a convolution's product), in float64.
     *
     * @param x1 the first input, {@code batch × dim1}
     * @param x1Tangent its tangent
     * @param x2 the second input, {@code batch × dim2}
     * @param x2Tangent its tangent
     * @param weights the per-sample weights, {@code batch × weightNumel}
     * @param weightsTangent their tangent
     * @param out receives the output's tangent, {@code batch × dimOut}
     * @param batch the number of samples
     */
    public void tangent(double[] x1, double[] x1Tangent, double[] x2, double[] x2Tangent, double[] weights,
                        double[] weightsTangent, double[] out, int batch) {
        checkTrilinear();
        TensorProductArguments.checkForward(plan, x1, x2, weights, out, batch);
        TensorProductArguments.checkForward(plan, x1Tangent, x2Tangent, weightsTangent, out, batch);
        if (specialized != null && specialized.hasTangents()) {
            BatchChunks chunks = new BatchChunks(batch, 3 * workPerSample);
            chunks.run(specializedScratch, (c, s) -> specialized.tangent(x1, x1Tangent, x2, x2Tangent, weights,
                    weightsTangent, out, chunks.start(c), chunks.end(c), s));
            return;
        }
        forwardBatch(x1Tangent, x2, weights, out, batch);
        double[] term = new double[out.length];
        forwardBatch(x1, x2Tangent, weights, term, batch);
        addInto(out, term);
        forwardBatch(x1, x2, weightsTangent, term, batch);
        addInto(out, term);
    }

    /**
     * The tangents of the backward pass's input-1 and weight gradients along tangents of the three operands
     * and of {@code gradOut}: {@code ġ1 = B1(x2, w, ġOut) + B1(ẋ2, w, gOut) + B1(x2, ẇ, gOut)} and
     * {@code ġw = Bw(x1, x2, ġOut) + Bw(ẋ1, x2, gOut) + Bw(x1, ẋ2, gOut)} (B1, Bw the backward's gradients),
     * each summed in that order. Where the plan is compiled, in one pass over the samples (equal to the
     * separate backwards summed, bit for bit); else through those backwards and two temporaries. For plans
     * with per-sample weights on every path, in float64. The outputs are overwritten.
     *
     * @param x1 the first input, {@code batch × dim1}
     * @param x1Tangent its tangent
     * @param x2 the second input, {@code batch × dim2}
     * @param x2Tangent its tangent
     * @param weights the per-sample weights, {@code batch × weightNumel}
     * @param weightsTangent their tangent
     * @param gradOut the gradient the backward pass took, {@code batch × dimOut}
     * @param gradOutTangent its tangent
     * @param gradX1Tangent receives the tangent of the input-1 gradient
     * @param gradWeightsTangent receives the tangent of the weight gradient
     * @param batch the number of samples
     */
    public void tangentBackward(double[] x1, double[] x1Tangent, double[] x2, double[] x2Tangent, double[] weights,
                                double[] weightsTangent, double[] gradOut, double[] gradOutTangent,
                                double[] gradX1Tangent, double[] gradWeightsTangent, int batch) {
        checkTrilinear();
        TensorProductArguments.checkBackward(plan, x1, x2, weights, gradOut, gradX1Tangent, null,
                gradWeightsTangent, batch);
        TensorProductArguments.checkBackward(plan, x1Tangent, x2Tangent, weightsTangent, gradOutTangent, null, null,
                null, batch);
        if (specialized != null && specialized.hasTangents()) {
            BatchChunks chunks = new BatchChunks(batch, 4 * workPerSample);
            chunks.run(specializedScratch, (c, s) -> specialized.tangentBackward(x1, x1Tangent, x2, x2Tangent,
                    weights, weightsTangent, gradOut, gradOutTangent, gradX1Tangent, gradWeightsTangent,
                    chunks.start(c), chunks.end(c), s));
            return;
        }
        backwardBatch(x1, x2, weights, gradOutTangent, gradX1Tangent, null, gradWeightsTangent, batch);
        double[] x1Part = new double[gradX1Tangent.length];
        double[] weightPart = new double[gradWeightsTangent.length];
        backwardBatch(x1Tangent, x2, weights, gradOut, null, null, weightPart, batch);
        addInto(gradWeightsTangent, weightPart);
        backwardBatch(x1, x2Tangent, weights, gradOut, x1Part, null, weightPart, batch);
        addInto(gradX1Tangent, x1Part);
        addInto(gradWeightsTangent, weightPart);
        backwardBatch(x1, x2, weightsTangent, gradOut, x1Part, null, null, batch);
        addInto(gradX1Tangent, x1Part);
    }

    /** The tangents' decomposition into three terms holds for plans with per-sample weights on every path. */
    private void checkTrilinear() {
        if (!trilinear) {
            throw new IllegalStateException("tangents need per-sample weights on every path; plan " + plan.spec());
        }
    }

    private static void addInto(double[] target, double[] addend) {
        for (int i = 0; i < target.length; i++) target[i] += addend[i];
    }

    /**
     * The fused convolution through the compiled kernels, target node by target node (edges
     * {@code order[offsets[n]..offsets[n+1]]} into node n, edge e reading node {@code src[e]});
     * false, with nothing done, when the plan has no compiled kernels.
     */
    boolean convolve(Object x, Object attrs, Object weights, int[] src, int[] order, int[] offsets, Object out) {
        if (!compiledFor(x)) return false;
        BatchChunks chunks = nodeChunks(offsets);
        if (x instanceof double[]) {
            chunks.run(specializedScratch, (c, s) -> specialized.convolve((double[]) x, (double[]) attrs,
                    (double[]) weights, (double[]) out, src, order, offsets, chunks.start(c), chunks.end(c), s));
            return true;
        }
        CallBuffers buffers = acquire();
        try {
            float[] xT = nodeFeatures((float[]) x, offsets.length - 1, buffers);
            chunks.run(specializedFloatScratch, (c, s) -> specialized.convolve(xT, (float[]) attrs,
                    (float[]) weights, (float[]) out, src, order, offsets, chunks.start(c), chunks.end(c), s));
        } finally {
            spare.set(buffers);
        }
        return true;
    }

    /** The float32 kernels' node features: {@code x}'s rows with every block {@code ir_mul}. */
    private float[] nodeFeatures(float[] x, int nodes, CallBuffers buffers) {
        float[] xT = buffers.nodeFeatures(Math.multiplyExact(nodes, kernel.dim1));
        specialized.in1ToIrMul(x, xT, nodes);
        return xT;
    }

    /**
     * The convolution's gradients through the compiled kernels, source node by source node
     * (edges {@code order[offsets[n]..offsets[n+1]]} out of node n into {@code dst[e]}); false,
     * with nothing done, when the plan has no compiled kernels. Null gradients are skipped.
     */
    boolean convolveBackward(Object x, Object attrs, Object weights, Object gradOut, Object gradX, Object gradAttrs,
                             Object gradWeights, int[] dst, int[] order, int[] offsets) {
        if (!compiledFor(x)) return false;
        BatchChunks chunks = nodeChunks(offsets);
        int numel = kernel.weightNumel;
        CallBuffers buffers = acquire();
        try {
            double[] partials = sharedPartials(gradWeights, chunks, buffers);
            Object perEdge = kernel.sharedWeights ? null : gradWeights;
            if (x instanceof double[]) {
                chunks.run(specializedScratch, (c, s) -> specialized.convolveBackward((double[]) x, (double[]) attrs,
                        (double[]) weights, (double[]) gradOut, (double[]) gradX, (double[]) gradAttrs,
                        (double[]) perEdge, partials, c * numel, dst, order, offsets, chunks.start(c), chunks.end(c),
                        s));
            } else {
                int nodes = offsets.length - 1;
                float[] xT = nodeFeatures((float[]) x, nodes, buffers);
                float[] gradOutT = buffers.nodeGradients(Math.multiplyExact(nodes, kernel.dimOut));
                specialized.outToIrMul((float[]) gradOut, gradOutT, nodes);
                chunks.run(specializedFloatScratch, (c, s) -> specialized.convolveBackward(xT, (float[]) attrs,
                        (float[]) weights, gradOutT, (float[]) gradX, (float[]) gradAttrs, (float[]) perEdge,
                        partials, c * numel, dst, order, offsets, chunks.start(c), chunks.end(c), s));
            }
            if (partials != null) sumPartials(partials, chunks.count, gradWeights);
        } finally {
            spare.set(buffers);
        }
        return true;
    }

    /** Chunks of nodes, sized by the average number of edges per node (thread-count independent). */
    private BatchChunks nodeChunks(int[] offsets) {
        int nodes = offsets.length - 1;
        long edgesPerNode = Math.max(1, offsets[nodes] / Math.max(1, nodes));
        return new BatchChunks(nodes, workPerSample * edgesPerNode);
    }

    private void forwardRows(Object x1, Object x2, Object weights, Object out, BatchChunks chunks,
                             CallBuffers buffers) {
        boolean shared = kernel.sharedWeights && kernel.weightNumel > 0;
        if (shared) rows.loadWeights(weights, 0, buffers.weightRows, null);
        chunks.run(rowScratch, (c, s) -> {
            for (int n0 = chunks.start(c); n0 < chunks.end(c); n0 += RowScratch.SLOTS) {
                int count = Math.min(RowScratch.SLOTS, chunks.end(c) - n0);
                for (int b = 0; b < count; b++) {
                    int n = n0 + b;
                    RowPlan.load(x1, n * kernel.dim1, kernel.in1Blocks, rows.in1RowStart, s.x1[b]);
                    SampleLayout.load(x2, n * kernel.dim2, kernel.in2Blocks, s.x2[b]);
                    RowPlan.zero(s.out[b]);
                }
                RowLoops.forward(rows, weightRows(weights, shared, buffers, n0, count, s), count, s);
                for (int b = 0; b < count; b++) {
                    RowPlan.store(s.out[b], kernel.outBlocks, rows.outRowStart, out, (n0 + b) * kernel.dimOut);
                }
            }
        });
    }

    private void backwardRows(Object x1, Object x2, Object weights, Object gradOut, Object gradX1, Object gradX2,
                              Object gradWeights, BatchChunks chunks, CallBuffers buffers) {
        int numel = kernel.weightNumel;
        boolean shared = kernel.sharedWeights && numel > 0;
        if (shared) rows.loadWeights(weights, 0, buffers.weightRows, buffers.transposedRows);
        double[] partials = sharedPartials(gradWeights, chunks, buffers);
        boolean perSample = gradWeights != null && !kernel.sharedWeights;
        boolean inputs = gradX1 != null || gradX2 != null;
        chunks.run(rowScratch, (c, s) -> {
            // Shared weights: slot 0's rows sum the chunk's gradient, sample by sample, in order.
            if (partials != null) RowPlan.zero(s.sharedGradWeights[0]);
            for (int n0 = chunks.start(c); n0 < chunks.end(c); n0 += RowScratch.SLOTS) {
                int count = Math.min(RowScratch.SLOTS, chunks.end(c) - n0);
                for (int b = 0; b < count; b++) {
                    int n = n0 + b;
                    RowPlan.load(x1, n * kernel.dim1, kernel.in1Blocks, rows.in1RowStart, s.x1[b]);
                    SampleLayout.load(x2, n * kernel.dim2, kernel.in2Blocks, s.x2[b]);
                    RowPlan.load(gradOut, n * kernel.dimOut, kernel.outBlocks, rows.outRowStart, s.gradOut[b]);
                    if (inputs) {
                        RowPlan.zero(s.gradX1[b]);
                        Arrays.fill(s.gradX2[b], 0.0);
                    }
                    if (perSample) RowPlan.zero(s.gradWeights[b]);
                }
                RowLoops.backward(rows, weightRows(weights, shared, buffers, n0, count, s), buffers.transposedRows,
                        partials != null ? s.sharedGradWeights : perSample ? s.gradWeights : null, inputs,
                        gradX2 != null, count, s);
                for (int b = 0; b < count; b++) {
                    int n = n0 + b;
                    if (gradX1 != null) {
                        RowPlan.store(s.gradX1[b], kernel.in1Blocks, rows.in1RowStart, gradX1, n * kernel.dim1);
                    }
                    if (gradX2 != null) SampleLayout.store(s.gradX2[b], kernel.in2Blocks, gradX2, n * kernel.dim2);
                    if (perSample) rows.storeWeights(s.gradWeights[b], gradWeights, n * numel);
                }
            }
            if (partials != null) rows.storeWeights(s.sharedGradWeights[0], partials, c * numel);
        });
        if (partials != null) sumPartials(partials, chunks.count, gradWeights);
    }

    /**
     * Weight rows per slot for samples n0.. (null without weights): the call's shared rows, or each
     * sample's copied into its slot.
     */
    private double[][][] weightRows(Object weights, boolean shared, CallBuffers buffers, int n0, int count,
                                    RowScratch s) {
        if (kernel.weightNumel == 0) return null;
        if (shared) return buffers.sharedWeightSlots;
        for (int b = 0; b < count; b++) rows.loadWeights(weights, (n0 + b) * kernel.weightNumel, s.weights[b], null);
        return s.weights;
    }

    /** The batch's shared weights as float64 (widened once per call), or null when not shared. */
    private double[] sharedWeights(Object weights, CallBuffers buffers) {
        if (!kernel.sharedWeights || kernel.weightNumel == 0) return null;
        if (weights instanceof double[]) return (double[]) weights;
        SampleLayout.widen((float[]) weights, 0, kernel.weightNumel, buffers.weights);
        return buffers.weights;
    }

    /** The array holding sample n's weights: shared, the caller's float64 array, or widened scratch. */
    private double[] sampleWeights(Object weights, double[] shared, int n, WorkVectors s) {
        if (shared != null) return shared;
        if (weights instanceof double[]) return (double[]) weights;
        if (kernel.weightNumel > 0) {
            SampleLayout.widen((float[]) weights, n * kernel.weightNumel, kernel.weightNumel, s.weights);
        }
        return s.weights;
    }

    /** Where sample n's weights start in {@link #sampleWeights}'s array. */
    private int weightBase(Object weights, double[] shared, int n) {
        return shared == null && weights instanceof double[] ? n * kernel.weightNumel : 0;
    }

    /**
     * Zeroed per-chunk partial sums of a shared-weight gradient ({@code numel} per chunk, summed by
     * {@link #sumPartials}), or null when the weights are per sample, absent or not asked for.
     */
    private double[] sharedPartials(Object gradWeights, BatchChunks chunks, CallBuffers buffers) {
        if (gradWeights == null || !kernel.sharedWeights || kernel.weightNumel == 0) return null;
        return buffers.partials(Math.max(1, chunks.count) * kernel.weightNumel);
    }

    /**
     * Sums the per-chunk gradients in chunk order (deterministic) into the caller's array. Chunk 0's
     * partial (zero for an empty batch) is the running sum, so each pass reads memory in order.
     */
    private void sumPartials(double[] partials, int chunks, Object gradWeights) {
        int numel = kernel.weightNumel;
        for (int c = 1; c < chunks; c++) {
            int from = c * numel;
            for (int q = 0; q < numel; q++) partials[q] += partials[from + q];
        }
        if (gradWeights instanceof double[]) {
            System.arraycopy(partials, 0, (double[]) gradWeights, 0, numel);
        } else {
            SampleLayout.narrow(partials, numel, (float[]) gradWeights, 0);
        }
    }

    private CallBuffers acquire() {
        CallBuffers b = spare.getAndSet(null);
        return b != null ? b : new CallBuffers(kernel.weightNumel, rows);
    }
}
