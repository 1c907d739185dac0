package org.equikern.tp;

import org.equikern.group.Representation;
import org.equikern.group.Rotation;
import org.equikern.runtime.TensorProduct;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** TP(D1·x1, D2·x2, w) = Dout·TP(x1, x2, w) for random rotations, with and without inversion, every mode. */
class TensorProductEquivarianceTest {
    private static final int BATCH = 4;

    static Stream<Arguments> specs() {
        return ModeSpecs.all().stream().flatMap(s -> Stream.of(true, false).map(inversion -> Arguments.of(
                s.instructions().get(0).mode() + (s.weightNumel() > 0 ? " weighted" : " unweighted")
                        + (inversion ? " with inversion" : ""), s, inversion)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void commutesWithO3(String name, TensorProductSpec spec, boolean inversion) {
        Random random = new Random(name.hashCode());
        TensorProduct tp = new TensorProduct(spec);
        for (int trial = 0; trial < 3; trial++) {
            Rotation r = Rotation.random(random);
            double[] x1 = ModeSpecs.random(random, BATCH * tp.plan().dim1());
            double[] x2 = ModeSpecs.random(random, BATCH * tp.plan().dim2());
            double[] w = ModeSpecs.weights(random, spec, BATCH);
            double[] rotatedFirst = tp.forward(Representation.apply(spec.irrepsIn1(), r, inversion, x1, BATCH),
                    Representation.apply(spec.irrepsIn2(), r, inversion, x2, BATCH), w, BATCH);
            double[] rotatedAfter = Representation.apply(spec.irrepsOut(), r, inversion,
                    tp.forward(x1, x2, w, BATCH), BATCH);
            double scale = 0;
            double diff = 0;
            for (int i = 0; i < rotatedAfter.length; i++) {
                scale = Math.max(scale, Math.abs(rotatedAfter[i]));
                diff = Math.max(diff, Math.abs(rotatedAfter[i] - rotatedFirst[i]));
            }
            assertTrue(scale > 0.1, name + ": output unexpectedly small");
            assertTrue(diff <= 1e-11 * Math.max(1, scale), name + ": max difference " + diff + " at scale " + scale);
        }
    }
}
