package org.equikern.validate.kinds;

import java.util.List;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.Instruction;
import org.equikern.tp.IrrepNormalization;
import org.equikern.tp.Mode;
import org.equikern.tp.PathNormalization;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.equikern.validate.Comparison;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Reference kind {@code tensor_product}: builds the spec from the case's irreps, instructions,
 * normalizations and weight sharing (the file's {@code normalized_path_weight} is not used), runs
 * forward and backward in the context's precision and layout and compares out, grad_x1, grad_x2
 * and grad_weight.
 */
public final class TensorProductKind implements ReferenceKind {
    @Override
    public String kind() {
        return "tensor_product";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return testCase.string("name");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        TensorProductSpec spec = spec(testCase);
        Inputs in = inputs(testCase, spec);
        try (DeviceTensorProductExecutor executor = context.tensorProduct(Plan.of(spec))) {
            Results r = run(new TensorProduct(executor), in, spec, context);
            return compare(testCase, in, r, context.precision());
        }
    }

    /**
     * Forward and backward in the context's precision and layout: the irreps inputs go in
     * converted to the layout, the irreps results come back in {@code mul_ir}.
     */
    private static Results run(TensorProduct tp, Inputs in, TensorProductSpec spec, ValidationContext context) {
        double[] x1 = context.toLayout(spec.irrepsIn1(), in.x1);
        double[] x2 = context.toLayout(spec.irrepsIn2(), in.x2);
        double[] gradOut = context.toLayout(spec.irrepsOut(), in.gradOut);
        Results r = context.precision() == Precision.F64
                ? run64(tp, x1, x2, in.w, gradOut, in.batch)
                : run32(tp, x1, x2, in.w, gradOut, in.batch);
        r.out = context.fromLayout(spec.irrepsOut(), r.out);
        r.gradX1 = context.fromLayout(spec.irrepsIn1(), r.gradX1);
        r.gradX2 = context.fromLayout(spec.irrepsIn2(), r.gradX2);
        return r;
    }

    @Override
    public boolean runsOnDevices() {
        return true;
    }

    @Override
    public boolean followsLayout() {
        return true;
    }

    /**
     * The case's arrays, each checked against the length its batch and the spec imply, before any
     * plan is built (so a size the file does not hold is rejected before allocating).
     */
    private static Inputs inputs(JsonFields testCase, TensorProductSpec spec) {
        int batch = testCase.integer("batch");
        int numel = testCase.integer("weight_numel");
        if (numel != spec.weightNumel()) {
            throw new JsonFieldException(testCase.where("weight_numel"), "is " + numel
                    + " but its instructions give " + spec.weightNumel());
        }
        Inputs in = new Inputs();
        in.batch = batch;
        in.weightLength = spec.sharedWeights() ? numel : Math.multiplyExact((long) batch, numel);
        in.x1 = CaseFields.values(testCase, "x1", batch, spec.irrepsIn1().dim());
        in.x2 = CaseFields.values(testCase, "x2", batch, spec.irrepsIn2().dim());
        in.w = weights(testCase, "weight", in.weightLength);
        in.gradOut = CaseFields.values(testCase, "grad_out", batch, spec.irrepsOut().dim());
        return in;
    }

    private static Comparison compare(JsonFields testCase, Inputs in, Results r, Precision precision) {
        Tolerance tol = Tolerance.of(precision, false);
        return Comparison.of("out", testCase.doubles("out", r.out.length), r.out, tol)
                .and(Comparison.of("grad_x1", testCase.doubles("grad_x1", r.gradX1.length), r.gradX1, tol))
                .and(Comparison.of("grad_x2", testCase.doubles("grad_x2", r.gradX2.length), r.gradX2, tol))
                .and(Comparison.of("grad_weight", weights(testCase, "grad_weight", in.weightLength), r.gradW, tol));
    }

    /** A weight-shaped array; files may leave it out when there are no weights. */
    private static double[] weights(JsonFields testCase, String key, long length) {
        return length == 0 && !testCase.has(key) ? new double[0] : testCase.doubles(key, length);
    }

    /** The spec a case describes. */
    public static TensorProductSpec spec(JsonFields testCase) {
        TensorProductSpec.Builder b = TensorProductSpec.builder(CaseFields.irreps(testCase, "irreps_in1"),
                        CaseFields.irreps(testCase, "irreps_in2"), CaseFields.irreps(testCase, "irreps_out"))
                .irrepNormalization(CaseFields.parsed(testCase, "irrep_normalization", "component",
                        IrrepNormalization::parse))
                .pathNormalization(CaseFields.parsed(testCase, "path_normalization", "element",
                        PathNormalization::parse))
                .sharedWeights(testCase.bool("shared_weights", true));
        List<JsonFields> instructions = testCase.objects("instructions");
        for (JsonFields ins : instructions) {
            Instruction instruction = Instruction.of(ins.integer("i_in1"), ins.integer("i_in2"),
                    ins.integer("i_out"), CaseFields.parsed(ins, "mode", Mode::parse), ins.bool("has_weight"),
                    ins.has("path_weight") ? ins.number("path_weight") : 1.0);
            CaseFields.at(ins.path(), () -> b.instruction(instruction));
        }
        return CaseFields.at(testCase.where("instructions"), b::build);
    }

    private static Results run64(TensorProduct tp, double[] x1, double[] x2, double[] w, double[] gradOut, int batch) {
        Results r = new Results();
        r.out = tp.forward(x1, x2, w, batch);
        var g = tp.backward(x1, x2, w, gradOut, batch);
        r.gradX1 = g.x1();
        r.gradX2 = g.x2();
        r.gradW = g.weights();
        return r;
    }

    private static Results run32(TensorProduct tp, double[] x1, double[] x2, double[] w, double[] gradOut, int batch) {
        float[] f1 = toFloat(x1);
        float[] f2 = toFloat(x2);
        float[] fw = toFloat(w);
        Results r = new Results();
        r.out = toDouble(tp.forward(f1, f2, fw, batch));
        var g = tp.backward(f1, f2, fw, toFloat(gradOut), batch);
        r.gradX1 = toDouble(g.x1());
        r.gradX2 = toDouble(g.x2());
        r.gradW = toDouble(g.weights());
        return r;
    }

    private static float[] toFloat(double[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) out[i] = (float) values[i];
        return out;
    }

    private static double[] toDouble(float[] values) {
        double[] out = new double[values.length];
        for (int i = 0; i < values.length; i++) out[i] = values[i];
        return out;
    }

    /** One case's inputs, as read from the file. */
    private static final class Inputs {
        int batch;
        long weightLength;
        double[] x1;
        double[] x2;
        double[] w;
        double[] gradOut;
    }

    /** One precision's results, widened to double. */
    private static final class Results {
        double[] out;
        double[] gradX1;
        double[] gradX2;
        double[] gradW;
    }
}
