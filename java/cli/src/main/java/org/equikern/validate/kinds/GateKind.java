package org.equikern.validate.kinds;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.nn.Activation;
import org.equikern.nn.Gate;
import org.equikern.nn.NormalizedActivation;
import org.equikern.ops.gate.GateOp;
import org.equikern.validate.Comparison;
import org.equikern.validate.JsonFieldException;
import org.equikern.validate.JsonFields;
import org.equikern.validate.ReferenceKind;
import org.equikern.validate.Tolerance;
import org.equikern.validate.ValidationContext;

/**
 * Checks {@code kind = gate} cases (SCHEMA.md): e3nn's {@code nn.Gate}, recomputed by {@link Gate}
 * and compared on {@code out}. Activations named in the file's top-level
 * {@code e3nn_second_moment_constants} use those (Monte-Carlo) constants, so results match e3nn to
 * the normal tolerance; other activations use the integrated constant. A null activation (e3nn's
 * {@code None}) is the unscaled identity. The computed {@code irreps_in} and {@code irreps_out} must
 * equal the file's.
 */
public final class GateKind implements ReferenceKind {
    private static final String CONSTANTS = "e3nn_second_moment_constants";

    @Override
    public String kind() {
        return "gate";
    }

    @Override
    public String caseName(JsonFields testCase, int index) {
        return testCase.string("irreps_in") + " -> " + testCase.string("irreps_out");
    }

    @Override
    public Comparison check(JsonFields file, JsonFields testCase, ValidationContext context) {
        JsonFields constants = file.has(CONSTANTS) ? file.object(CONSTANTS) : null;
        Irreps irrepsIn = CaseFields.irreps(testCase, "irreps_in");
        Irreps irrepsOut = CaseFields.irreps(testCase, "irreps_out");
        int batch = testCase.integer("batch");
        double[] x = CaseFields.values(testCase, "x", batch, irrepsIn.dim());
        double[] expected = CaseFields.values(testCase, "out", batch, irrepsOut.dim());
        Gate gate = Gate.of(
                CaseFields.irreps(testCase, "irreps_scalars"), activations(testCase, "act_scalars", constants),
                CaseFields.irreps(testCase, "irreps_gates"), activations(testCase, "act_gates", constants),
                CaseFields.irreps(testCase, "irreps_gated"));
        requireIrreps(testCase, "irreps_in", irrepsIn, gate.irrepsIn());
        requireIrreps(testCase, "irreps_out", irrepsOut, gate.irrepsOut());
        Tolerance tolerance = Tolerance.of(context.precision(), false);
        try (GateOp op = GateOp.on(context.device(), gate, context.dtype(), context.layout());
                MemoryScope scope = context.device().openScope()) {
            DeviceBuffer out = context.allocate(scope, expected.length);
            op.forward(context.uploadFeatures(scope, irrepsIn, x), out, batch);
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

    private static List<NormalizedActivation> activations(JsonFields testCase, String key, JsonFields constants) {
        List<String> names = testCase.stringsOrNulls(key);
        List<NormalizedActivation> out = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            if (name == null) {
                out.add(NormalizedActivation.withConstant(Activation.IDENTITY, 1.0));
                continue;
            }
            String field = testCase.where(key) + "[" + i + "]";
            Activation a = CaseFields.parsedValue(field, name, Activation::parse);
            out.add(constants != null && constants.has(a.label())
                    ? NormalizedActivation.withConstant(a, constants.number(a.label()))
                    : NormalizedActivation.of(a));
        }
        return out;
    }

    private static void requireIrreps(JsonFields testCase, String key, Irreps expected, Irreps computed) {
        if (!expected.equals(computed)) {
            throw new JsonFieldException(testCase.where(key), "is " + expected + " but e3nn's rules give "
                    + computed);
        }
    }
}
