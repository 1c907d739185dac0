package org.equikern.validate.kinds;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equikern.validate.JsonFields;
import org.equikern.nn.Activation;
import org.equikern.nn.FullyConnectedNet;
import org.equikern.nn.NormalizedActivation;
import org.equikern.validate.Comparison;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Checks {@code kind = fully_connected_net} cases (SCHEMA.md): e3nn's {@code nn.FullyConnectedNet},
 * recomputed on the host by {@link FullyConnectedNet} with the case's weights and e3nn's activation
 * constant, and compared on the output, the backward and the double backward.
 */
public final class FullyConnectedNetKind implements ReferenceKind {
    @Override
    public String kind() {
        return "fully_connected_net";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return testCase.string("name");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        Tolerance tolerance = Tolerance.of(context.precision(), false);
        Comparison result = null;
        for (Map.Entry<String, double[]> e : compute(testCase).entrySet()) {
            double[] expected = testCase.doubles(e.getKey(), e.getValue().length);
            Comparison c = Comparison.of(e.getKey(), expected, Precisions.round(e.getValue(), context.precision()),
                    tolerance);
            result = result == null ? c : result.and(c);
        }
        return result;
    }

    /**
     * The case's arrays as Equikern computes them, by their field names: {@code out, grad_x,
     * grad_weights, double_backward_x, double_backward_weights, double_backward_grad_out}.
     */
    static Map<String, double[]> compute(JsonFields testCase) {
        FullyConnectedNet net = net(testCase);
        int batch = testCase.integer("batch");
        long inputs = (long) batch * net.inputDim();
        FullyConnectedNet.Forward forward = net.forward(testCase.doubles("x", inputs),
                testCase.doubles("weights", net.weightCount()), batch);
        double[] gradOut = testCase.doubles("grad_out", (long) batch * net.outputDim());
        FullyConnectedNet.Gradients gradients = net.backward(forward, gradOut);
        FullyConnectedNet.DoubleBackwardGradients second = net.doubleBackward(forward, gradOut,
                testCase.doubles("v_x", inputs), testCase.doubles("v_weights", net.weightCount()));
        Map<String, double[]> out = new LinkedHashMap<>();
        out.put("out", forward.output());
        out.put("grad_x", gradients.gradX());
        out.put("grad_weights", gradients.gradWeights());
        out.put("double_backward_x", second.gradX());
        out.put("double_backward_weights", second.gradWeights());
        out.put("double_backward_grad_out", second.gradGradOut());
        return out;
    }

    private static FullyConnectedNet net(JsonFields testCase) {
        NormalizedActivation activation = testCase.has("act")
                ? NormalizedActivation.withConstant(Activation.parse(testCase.string("act")),
                        testCase.number("act_constant"))
                : null;
        return FullyConnectedNet.of(testCase.ints("hs"), activation, testCase.number("variance_in"),
                testCase.number("variance_out"), testCase.bool("out_act"));
    }
}
