package org.equikern.validate.kinds;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.nn.Activation;
import org.equikern.nn.NormActivation;
import org.equikern.ops.normactivation.NormActivationOp;
import org.equikern.validate.Comparison;
import org.equikern.validate.JsonFields;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Checks {@code kind = norm_activation} cases (SCHEMA.md): e3nn's {@code nn.NormActivation} with the
 * activation unscaled (as e3nn uses it), recomputed by {@link NormActivation} on the context's
 * device, forward ({@code out}) and backward ({@code grad_x}, and {@code grad_biases} with biases).
 */
public final class NormActivationKind implements ReferenceKind {
    @Override
    public String kind() {
        return "norm_activation";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return testCase.string("irreps") + " " + testCase.string("activation")
                + (testCase.bool("normalize") ? " normalize" : "") + (testCase.bool("bias") ? " bias" : "");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        Irreps irreps = CaseFields.irreps(testCase, "irreps");
        Activation activation = CaseFields.parsed(testCase, "activation", Activation::parse);
        boolean bias = testCase.bool("bias");
        int batch = testCase.integer("batch");
        double[] x = CaseFields.values(testCase, "x", batch, irreps.dim());
        double[] expected = CaseFields.values(testCase, "out", batch, irreps.dim());
        double[] gradOut = CaseFields.values(testCase, "grad_out", batch, irreps.dim());
        double[] expectedGradX = CaseFields.values(testCase, "grad_x", batch, irreps.dim());
        double[] biases = bias ? CaseFields.values(testCase, "biases", irreps.numIrreps()) : null;
        double[] expectedGradBiases = bias ? CaseFields.values(testCase, "grad_biases", irreps.numIrreps()) : null;
        NormActivation.Builder builder = NormActivation.builder(irreps, activation)
                .normalize(testCase.bool("normalize")).bias(bias);
        if (testCase.has("epsilon")) builder.epsilon(testCase.number("epsilon"));
        NormActivation layer = CaseFields.at(testCase.where("epsilon"), builder::build);
        Tolerance tolerance = Tolerance.of(context.precision(), false);
        try (NormActivationOp op = NormActivationOp.on(context.device(), layer, context.dtype(), context.layout());
                MemoryScope scope = context.device().openScope()) {
            DeviceBuffer xBuffer = context.uploadFeatures(scope, irreps, x);
            DeviceBuffer biasBuffer = bias ? context.upload(scope, biases) : null;
            DeviceBuffer out = context.allocate(scope, expected.length);
            op.forward(xBuffer, biasBuffer, out, batch);
            DeviceBuffer gradX = context.allocate(scope, x.length);
            DeviceBuffer gradBiases = bias ? context.allocate(scope, biases.length) : null;
            op.backward(xBuffer, biasBuffer, context.uploadFeatures(scope, irreps, gradOut), gradX, gradBiases, batch);
            Comparison result = Comparison.of("out", expected, context.readFeatures(out, irreps), tolerance)
                    .and(Comparison.of("grad_x", expectedGradX, context.readFeatures(gradX, irreps), tolerance));
            return bias
                    ? result.and(Comparison.of("grad_biases", expectedGradBiases, ValidationContext.read(gradBiases),
                            tolerance))
                    : result;
        }
    }

    @Override
    public boolean runsOnDevices() {
        return true;
    }

    @Override
    public boolean followsLayout() {
        return true;
    }
}
