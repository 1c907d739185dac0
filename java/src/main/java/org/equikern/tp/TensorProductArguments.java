package org.equikern.tp;

import java.lang.reflect.Array;
import org.equikern.check.HostArguments;

/**
 * Checks the arrays of a tensor-product call against a plan before any work, with messages that
 * name the array and the expected and actual lengths. Shared by every executor so all devices
 * reject the same calls in the same words. Arrays are {@code double[]} or {@code float[]}.
 */
public final class TensorProductArguments {
    private static final String FORWARD = "tensor product forward";
    private static final String BACKWARD = "tensor product backward";

    private TensorProductArguments() {
    }

    /**
     * Checks a forward call.
     *
     * @param plan the plan the call runs
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param out receives {@code batch × dimOut} values, overwritten
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a null or wrongly sized array, or {@code out}
     *     aliasing an input
     */
    public static void checkForward(Plan plan, Object x1, Object x2, Object weights, Object out, int batch) {
        checkInputs(plan, x1, x2, weights, batch);
        checkBatchArray("out", out, batch, "dim_out", plan.dimOut());
        checkNoAliasing(FORWARD, new Object[] {x1, x2, weights}, new String[] {"x1", "x2", "weights"},
                new Object[] {out}, new String[] {"out"});
    }

    /**
     * Checks a backward call; null gradient outputs are allowed (not computed).
     *
     * @param plan the plan the call runs
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param gradX1 receives ∂/∂x1, {@code batch × dim1} values, or null
     * @param gradX2 receives ∂/∂x2, {@code batch × dim2} values, or null
     * @param gradWeights receives ∂/∂weights, the shape of {@code weights} (summed over the batch when
     *     shared), or null
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch, a null input, a wrongly sized array, or an
     *     output aliasing an input or another output
     */
    public static void checkBackward(Plan plan, Object x1, Object x2, Object weights, Object gradOut,
                                     Object gradX1, Object gradX2, Object gradWeights, int batch) {
        checkBackwardInputs(plan, x1, x2, weights, gradOut, batch);
        if (gradX1 != null) checkBatchArray("gradX1", gradX1, batch, "dim1", plan.dim1());
        if (gradX2 != null) checkBatchArray("gradX2", gradX2, batch, "dim2", plan.dim2());
        if (gradWeights != null) checkWeights("gradWeights", gradWeights, plan, batch);
        checkNoAliasing(BACKWARD, new Object[] {x1, x2, weights, gradOut}, new String[] {"x1", "x2", "weights", "gradOut"},
                new Object[] {gradX1, gradX2, gradWeights}, new String[] {"gradX1", "gradX2", "gradWeights"});
    }

    /**
     * Checks the inputs of a forward call: what an allocating forward checks before it allocates.
     *
     * @param plan the plan the call runs
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch or a null or wrongly sized array
     */
    public static void checkInputs(Plan plan, Object x1, Object x2, Object weights, int batch) {
        if (batch < 0) {
            throw new IllegalArgumentException("batch must be >= 0, got " + batch);
        }
        checkBatchArray("x1", x1, batch, "dim1", plan.dim1());
        checkBatchArray("x2", x2, batch, "dim2", plan.dim2());
        if (weights != null || plan.weightNumel() > 0) checkWeights("weights", weights, plan, batch);
    }

    /**
     * Checks the inputs of a backward call: what an allocating backward checks before it allocates.
     *
     * @param plan the plan the call runs
     * @param x1 input 1, {@code batch × dim1} values, row-major, each row in the mul_ir layout
     * @param x2 input 2, {@code batch × dim2} values, row-major
     * @param weights {@code weightNumel} values when shared, else {@code batch × weightNumel}; null when the
     *     plan has none
     * @param gradOut the gradient with respect to the output, {@code batch × dimOut} values
     * @param batch the number of samples, ≥ 0
     * @throws IllegalArgumentException for a negative batch or a null or wrongly sized array
     */
    public static void checkBackwardInputs(Plan plan, Object x1, Object x2, Object weights, Object gradOut,
                                           int batch) {
        checkInputs(plan, x1, x2, weights, batch);
        checkBatchArray("gradOut", gradOut, batch, "dim_out", plan.dimOut());
    }

    private static void checkWeights(String name, Object array, Plan plan, int batch) {
        if (plan.sharedWeights()) {
            checkLength(name, array, plan.weightNumel(), "weight_numel " + plan.weightNumel() + " (shared weights)");
        } else {
            checkBatchArray(name, array, batch, "weight_numel", plan.weightNumel());
        }
    }

    private static void checkBatchArray(String name, Object array, int batch, String dimName, int dim) {
        long expected = (long) batch * dim;
        checkLength(name, array, expected, "batch " + batch + " × " + dimName + " " + dim + " = " + expected);
    }

    private static void checkLength(String name, Object array, long expected, String why) {
        if (array == null) {
            throw new IllegalArgumentException(name + " is null, expected " + why + " values");
        }
        int length = Array.getLength(array);
        if (length != expected) {
            throw new IllegalArgumentException(name + " has " + length + " values, expected " + why);
        }
    }

    private static void checkNoAliasing(String operation, Object[] inputs, String[] inputNames, Object[] outputs,
                                        String[] outputNames) {
        for (int o = 0; o < outputs.length; o++) {
            if (outputs[o] == null) continue;
            for (int i = 0; i < inputs.length; i++) {
                HostArguments.notAliased(operation, outputNames[o], outputs[o], inputNames[i], inputs[i]);
            }
            for (int p = 0; p < o; p++) {
                if (outputs[o] == outputs[p]) {
                    throw new IllegalArgumentException(outputNames[o] + " is the same array as " + outputNames[p]
                            + "; each output needs its own array");
                }
            }
        }
    }
}
