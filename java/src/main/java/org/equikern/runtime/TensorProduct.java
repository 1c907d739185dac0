package org.equikern.runtime;

import java.util.Objects;
import org.equikern.check.HostArguments;
import org.equikern.group.Irreps;
import org.equikern.ops.tensorproduct.JavaTensorProductExecutor;
import org.equikern.tp.Gradients;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductArguments;
import org.equikern.tp.TensorProductExecutor;
import org.equikern.tp.TensorProductSpec;

/**
 * A tensor product ready to run: a {@link TensorProductSpec}, its cached {@link Plan} and an
 * executor (the pure-Java one unless another is given). Arrays are batches in e3nn's layout
 * ({@code batch × dim}, row-major); weights are laid out as e3nn's, path after path in
 * instruction order. Thread-safe.
 *
 * <pre>{@code
 * TensorProduct tp = new TensorProduct(TensorProductSpec.fullyConnected(
 *         Irreps.parse("8x0e+8x1o"), Irreps.parse("0e+1o"), Irreps.parse("8x0e+8x1o")));
 * double[] out = tp.forward(x1, x2, weights, batch);
 * }</pre>
 */
public final class TensorProduct {
    private final TensorProductSpec spec;
    private final Plan plan;
    private final TensorProductExecutor executor;

    /** Runs {@code spec} on the pure-Java executor. */
    public TensorProduct(TensorProductSpec spec) {
        this(new JavaTensorProductExecutor(Plan.of(spec)));
    }

    /** Runs the executor's plan on that executor. */
    public TensorProduct(TensorProductExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.plan = executor.plan();
        this.spec = plan.spec();
    }

    /** What this product computes. */
    public TensorProductSpec spec() {
        return spec;
    }

    /** The compiled plan. */
    public Plan plan() {
        return plan;
    }

    /** The executor the calls run on. */
    public TensorProductExecutor executor() {
        return executor;
    }

    /** Irreps of the first input. */
    public Irreps irrepsIn1() {
        return spec.irrepsIn1();
    }

    /** Irreps of the second input. */
    public Irreps irrepsIn2() {
        return spec.irrepsIn2();
    }

    /** Irreps of the output. */
    public Irreps irrepsOut() {
        return spec.irrepsOut();
    }

    /** Weights per sample (or in total, when shared). */
    public int weightNumel() {
        return spec.weightNumel();
    }

    /** Whether one weight vector serves the whole batch. */
    public boolean sharedWeights() {
        return spec.sharedWeights();
    }

    /** Writes {@code TP(x1, x2, weights)} into {@code out} ({@code batch × dimOut}). */
    public void forward(double[] x1, double[] x2, double[] weights, double[] out, int batch) {
        executor.forward(x1, x2, weights, out, batch);
    }

    /** Returns {@code TP(x1, x2, weights)} in a new array. */
    public double[] forward(double[] x1, double[] x2, double[] weights, int batch) {
        TensorProductArguments.checkInputs(plan, x1, x2, weights, batch);
        double[] out = new double[outLength(batch)];
        executor.forward(x1, x2, weights, out, batch);
        return out;
    }

    /** float32 {@link #forward(double[], double[], double[], double[], int)}. */
    public void forward(float[] x1, float[] x2, float[] weights, float[] out, int batch) {
        executor.forward(x1, x2, weights, out, batch);
    }

    /** float32 {@link #forward(double[], double[], double[], int)}. */
    public float[] forward(float[] x1, float[] x2, float[] weights, int batch) {
        TensorProductArguments.checkInputs(plan, x1, x2, weights, batch);
        float[] out = new float[outLength(batch)];
        executor.forward(x1, x2, weights, out, batch);
        return out;
    }

    /**
     * Writes the gradients of {@code Σ out · gradOut} into the given arrays (null ones are not
     * computed); shared-weight gradients are summed over the batch.
     */
    public void backward(double[] x1, double[] x2, double[] weights, double[] gradOut,
                         double[] gradX1, double[] gradX2, double[] gradWeights, int batch) {
        executor.backward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    /** Returns all three gradients in new arrays. */
    public Gradients<double[]> backward(double[] x1, double[] x2, double[] weights, double[] gradOut, int batch) {
        TensorProductArguments.checkBackwardInputs(plan, x1, x2, weights, gradOut, batch);
        Gradients<double[]> g = new Gradients<>(new double[inLength(plan.dim1(), batch)],
                new double[inLength(plan.dim2(), batch)], new double[weightLength(batch)]);
        executor.backward(x1, x2, weights, gradOut, g.x1(), g.x2(), g.weights(), batch);
        return g;
    }

    /** float32 {@link #backward(double[], double[], double[], double[], double[], double[], double[], int)}. */
    public void backward(float[] x1, float[] x2, float[] weights, float[] gradOut,
                         float[] gradX1, float[] gradX2, float[] gradWeights, int batch) {
        executor.backward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    /** float32 {@link #backward(double[], double[], double[], double[], int)}. */
    public Gradients<float[]> backward(float[] x1, float[] x2, float[] weights, float[] gradOut, int batch) {
        TensorProductArguments.checkBackwardInputs(plan, x1, x2, weights, gradOut, batch);
        Gradients<float[]> g = new Gradients<>(new float[inLength(plan.dim1(), batch)],
                new float[inLength(plan.dim2(), batch)], new float[weightLength(batch)]);
        executor.backward(x1, x2, weights, gradOut, g.x1(), g.x2(), g.weights(), batch);
        return g;
    }

    /** Called after the inputs were checked, so only the output can be too large for an array. */
    private int outLength(int batch) {
        return HostArguments.arrayLength("out (batch x dim_out)", batch, plan.dimOut());
    }

    /** Gradient lengths equal the checked inputs' lengths. */
    private static int inLength(int dim, int batch) {
        return batch * dim;
    }

    private int weightLength(int batch) {
        return plan.sharedWeights() ? plan.weightNumel() : inLength(plan.weightNumel(), batch);
    }

    @Override
    public String toString() {
        return "TensorProduct(" + spec + ")";
    }
}
