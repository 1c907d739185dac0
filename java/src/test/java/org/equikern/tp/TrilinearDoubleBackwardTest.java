package org.equikern.tp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.stream.Stream;
import org.equikern.device.Device;
import org.equikern.ops.tensorproduct.JavaTensorProductExecutor;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tensor-product double backward against finite differences of the backward, for every mode,
 * shared and per-sample weights, on the Java executor and on OpenCL: Q = <v1, gX1> + <v2, gX2> + <vw, gW>
 * is linear in each argument, so a central difference along a random direction is exact up to
 * rounding.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrilinearDoubleBackwardTest {
    private Device opencl;

    @BeforeAll
    void open() {
        opencl = Devices.open("opencl:0");
    }

    @AfterAll
    void close() {
        opencl.close();
    }

    Stream<Arguments> cases() {
        return ModeSpecs.all().stream().filter(s -> s.weightNumel() > 0).flatMap(spec -> Stream.of(true, false)
                .flatMap(shared -> Stream.of("java", "opencl").map(device -> Arguments.of(
                        spec.instructions().get(0).mode().text() + (shared ? " shared " : " per-sample ") + device,
                        spec.toBuilder().sharedWeights(shared).build(), device))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesFiniteDifferencesOfTheBackward(String name, TensorProductSpec spec, String device) {
        Plan plan = Plan.of(spec);
        int batch = 3;
        Random random = new Random(name.hashCode());
        double[][] args = {
            ModeSpecs.random(random, batch * plan.dim1()), ModeSpecs.random(random, batch * plan.dim2()),
            ModeSpecs.weights(random, spec, batch), ModeSpecs.random(random, batch * plan.dimOut())};
        double[] v1 = ModeSpecs.random(random, args[0].length);
        double[] v2 = ModeSpecs.random(random, args[1].length);
        double[] vw = ModeSpecs.random(random, args[2].length);
        TensorProductExecutor executor = device.equals("java") ? new JavaTensorProductExecutor(plan)
                : new DeviceTensorProductExecutor(opencl, plan);
        try {
            double[][] grads = new double[4][];
            for (int a = 0; a < 4; a++) grads[a] = new double[args[a].length];
            new TrilinearDoubleBackward(Trilinear.of(executor, batch)).compute(args[0], args[1], args[2], args[3],
                    v1, v2, vw, grads[0], grads[1], grads[2], grads[3]);
            for (int a = 0; a < 4; a++) {
                double[] direction = ModeSpecs.random(random, args[a].length);
                double analytic = dot(grads[a], direction);
                double h = 0.5;
                double[][] plus = shifted(args, a, direction, h);
                double[][] minus = shifted(args, a, direction, -h);
                double numeric = (q(executor, plus, v1, v2, vw, batch) - q(executor, minus, v1, v2, vw, batch)) / (2 * h);
                assertEquals(numeric, analytic, 1e-9 * Math.max(1, Math.abs(numeric)), name + " argument " + a);
            }
        } finally {
            if (executor instanceof DeviceTensorProductExecutor) ((DeviceTensorProductExecutor) executor).close();
        }
    }

    /** Q = <v1, gX1> + <v2, gX2> + <vw, gW> from one backward. */
    private static double q(TensorProductExecutor e, double[][] args, double[] v1, double[] v2, double[] vw,
            int batch) {
        double[] g1 = new double[v1.length];
        double[] g2 = new double[v2.length];
        double[] gw = new double[vw.length];
        e.backward(args[0], args[1], args[2], args[3], g1, g2, gw, batch);
        return dot(v1, g1) + dot(v2, g2) + dot(vw, gw);
    }

    private static double[][] shifted(double[][] args, int which, double[] direction, double h) {
        double[][] out = args.clone();
        out[which] = args[which].clone();
        for (int i = 0; i < direction.length; i++) out[which][i] += h * direction[i];
        return out;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
