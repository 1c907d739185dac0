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

    /**
     * Runs {@code spec} on the pure-Java executor.
     *
     * @param spec what to compute; compiled through the plan cache
     */
    public TensorProduct(TensorProductSpec spec) {
        this(new JavaTensorProductExecutor(Plan.of(spec)));
    }

    /**
     * Runs the executor's plan on that executor.
     *
     * @param executor the executor, whose plan this product runs
     */
    public TensorProduct(TensorProductExecutor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
        this.plan = executor.plan();
        this.spec = plan.spec();
    }

    /**
     * What this product computes.
     *
     * @return the spec
     */
    public TensorProductSpec spec() {
        return spec;
    }

    /**
     * The compiled plan.
     *
     * @return the plan
     */
    public Plan plan() {
        return plan;
    }

    /**
     * The executor the calls run on.
     *
     * @return the executor
     */
    public TensorProductExecutor executor() {
        return executor;
    }

    /**
     * Irreps of the first input.
     *
     * @return the irreps
     */
    public Irreps irrepsIn1() {
        return spec.irrepsIn1();
    }

    /**
     * Irreps of the second input.
     *
     * @return the irreps
     */
    public Irreps irrepsIn2() {
        return spec.irrepsIn2();
    }

    /**
     * Irreps of the output.
     *
     * @return the irreps
     */
    public Irreps irrepsOut() {
        return spec.irrepsOut();
    }

    /**
     * Weights per sample (or in total, when shared).
     *
     * @return the weight count, ≥ 0
     */
    public int weightNumel() {
        return spec.weightNumel();
    }

    /**
     * Whether one weight vector serves the whole batch.
     *
     * @return whether weights are shared
     */
    public boolean sharedWeights() {
        return spec.sharedWeights();
    }

    /**
     * Writes {@code TP(x1, x2, weights)} into {@code out} ({@code batch × dimOut}).
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param out receives {@code batch × dimOut} values, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    public void forward(double[] x1, double[] x2, double[] weights, double[] out, int batch) {
        executor.forward(x1, x2, weights, out, batch);
    }

    /**
     * Returns {@code TP(x1, x2, weights)} in a new array.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param batch the number of samples, ≥ 0
     * @return a new array of {@code batch × dimOut} values
     * @throws IllegalArgumentException for a negative batch or a wrongly sized array
     */
    public double[] forward(double[] x1, double[] x2, double[] weights, int batch) {
        TensorProductArguments.checkInputs(plan, x1, x2, weights, batch);
        double[] out = new double[outLength(batch)];
        executor.forward(x1, x2, weights, out, batch);
        return out;
    }

    /**
     * float32 {@link #forward(double[], double[], double[], double[], int)}.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param out receives {@code batch × dimOut} values, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    public void forward(float[] x1, float[] x2, float[] weights, float[] out, int batch) {
        executor.forward(x1, x2, weights, out, batch);
    }

    /**
     * float32 {@link #forward(double[], double[], double[], int)}.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param batch the number of samples, ≥ 0
     * @return a new array of {@code batch × dimOut} values
     * @throws IllegalArgumentException for a negative batch or a wrongly sized array
     */
    public float[] forward(float[] x1, float[] x2, float[] weights, int batch) {
        TensorProductArguments.checkInputs(plan, x1, x2, weights, batch);
        float[] out = new float[outLength(batch)];
        executor.forward(x1, x2, weights, out, batch);
        return out;
    }

    /**
     * Writes the gradients of {@code Σ out · gradOut} into the given arrays (null ones are not
     * computed); shared-weight gradients are summed over the batch.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param gradX1 receives ∂/∂x1, {@code batch × dim1} values, or null
     * @param gradX2 receives ∂/∂x2, {@code batch × dim2} values, or null
     * @param gradWeights receives ∂/∂weights, the shape of {@code weights}, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    public void backward(double[] x1, double[] x2, double[] weights, double[] gradOut,
                         double[] gradX1, double[] gradX2, double[] gradWeights, int batch) {
        executor.backward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    /**
     * Returns all three gradients in new arrays.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param batch the number of samples, ≥ 0
     * @return the gradients with respect to x1, x2 and the weights
     * @throws IllegalArgumentException for a negative batch or a wrongly sized array
     */
    public Gradients<double[]> backward(double[] x1, double[] x2, double[] weights, double[] gradOut, int batch) {
        TensorProductArguments.checkBackwardInputs(plan, x1, x2, weights, gradOut, batch);
        Gradients<double[]> g = new Gradients<>(new double[inLength(plan.dim1(), batch)],
                new double[inLength(plan.dim2(), batch)], new double[weightLength(batch)]);
        executor.backward(x1, x2, weights, gradOut, g.x1(), g.x2(), g.weights(), batch);
        return g;
    }

    /**
     * float32 {@link #backward(double[], double[], double[], double[], double[], double[], double[], int)}.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param gradX1 receives ∂/∂x1, {@code batch × dim1} values, or null
     * @param gradX2 receives ∂/∂x2, {@code batch × dim2} values, or null
     * @param gradWeights receives ∂/∂weights, the shape of {@code weights}, or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a wrongly sized array or an output aliasing an
     *     input
     */
    public void backward(float[] x1, float[] x2, float[] weights, float[] gradOut,
                         float[] gradX1, float[] gradX2, float[] gradWeights, int batch) {
        executor.backward(x1, x2, weights, gradOut, gradX1, gradX2, gradWeights, batch);
    }

    /**
     * float32 {@link #backward(double[], double[], double[], double[], int)}.
     *
     * @param x1 input 1, {@code batch × dim1} values, row-major
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param batch the number of samples, ≥ 0
     * @return the gradients with respect to x1, x2 and the weights
     * @throws IllegalArgumentException for a negative batch or a wrongly sized array
     */
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
