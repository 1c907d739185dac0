package org.equikern.validate.kinds;

import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.nn.Linear;
import org.equikern.ops.linear.LinearOp;
import org.equikern.validate.Comparison;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Checks {@code kind = linear} cases (SCHEMA.md): e3nn's {@code o3.Linear} without biases and with
 * shared weights, recomputed by {@link Linear} from the case's irreps and compared on {@code out}.
 */
public final class LinearKind implements ReferenceKind {
    @Override
    public String kind() {
        return "linear";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return testCase.string("irreps_in") + " -> " + testCase.string("irreps_out");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        Irreps irrepsIn = CaseFields.irreps(testCase, "irreps_in");
        Irreps irrepsOut = CaseFields.irreps(testCase, "irreps_out");
        int batch = testCase.integer("batch");
        double[] x = CaseFields.values(testCase, "x", batch, irrepsIn.dim());
        double[] expected = CaseFields.values(testCase, "out", batch, irrepsOut.dim());
        int weightNumel = testCase.integer("weight_numel");
        double[] weight = CaseFields.values(testCase, "weight", weightNumel);
        Linear linear = Linear.of(irrepsIn, irrepsOut);
        if (weightNumel != linear.weightNumel()) {
            throw new JsonFieldException(testCase.where("weight_numel"), "is " + weightNumel + " but " + linear
                    + " has " + linear.weightNumel() + " weights");
        }
        Tolerance tolerance = Tolerance.of(context.precision(), false);
        try (LinearOp op = LinearOp.on(context.device(), linear, context.dtype(), context.layout());
                MemoryScope scope = context.device().openScope()) {
            DeviceBuffer out = context.allocate(scope, expected.length);
            op.forward(context.uploadFeatures(scope, irrepsIn, x), context.upload(scope, weight), null, out, batch);
            return Comparison.of("out", expected, context.readFeatures(out, irrepsOut), tolerance);
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
