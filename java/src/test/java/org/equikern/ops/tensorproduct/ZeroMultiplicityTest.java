package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import org.equikern.device.Device;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductExecutor;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Blocks of multiplicity 0 are legal and contribute nothing: a spec with them gives the same
 * outputs and gradients as the spec with them removed. Blocks of multiplicity 0 have dimension 0
 * and the paths through them have no weights, so both specs take the same input, weight and
 * gradient arrays. Random seeded specs, fully connected and channel-wise, forward and backward,
 * on the Java backend (generic, row and generated kernels) and OpenCL, each compared with the
 * generic Java kernels running the spec without zero blocks.
 */
class ZeroMultiplicityTest {
    private static final int TRIALS = 24;
    private static final double TOLERANCE = 1e-11;
    private static Device opencl;

    @BeforeAll
    static void open() {
        opencl = Devices.open("opencl:0");
    }

    @AfterAll
    static void close() {
        opencl.close();
    }

    @Test
    void theIssuesSpecMatchesItsReduction() {
        TensorProductSpec spec = TensorProductSpec.builder("0x1o+2x0e", "0e", "2x0e+0x1o")
                .instruction(0, 0, 1, "uvu", true).instruction(1, 0, 0, "uvu", true).build();
        TensorProductSpec reduced = TensorProductSpec.builder("2x0e", "0e", "2x0e")
                .instruction(0, 0, 0, "uvu", true).build();
        compareEverywhere(spec, reduced, new Random(1));
    }

    @Test
    void fullyConnectedSpecsMatchTheirReduction() {
        Random random = new Random(11);
        int withZeros = 0;
        for (int trial = 0; trial < TRIALS; trial++) {
            Irreps in1 = randomIrreps(random, 1 + random.nextInt(4), 3);
            Irreps in2 = randomIrreps(random, 1 + random.nextInt(3), trial % 2 == 0 ? 1 : 3);
            Irreps out = randomIrreps(random, 1 + random.nextInt(4), 3);
            if (hasZeros(in1) || hasZeros(in2) || hasZeros(out)) withZeros++;
            compareEverywhere(TensorProductSpec.fullyConnected(in1, in2, out),
                    TensorProductSpec.fullyConnected(withoutZeros(in1), withoutZeros(in2), withoutZeros(out)), random);
        }
        assertTrue(withZeros >= TRIALS / 2, "most random specs have zero blocks: " + withZeros);
    }

    @Test
    void channelWiseSpecsMatchTheirReduction() {
        Random random = new Random(12);
        for (int trial = 0; trial < TRIALS; trial++) {
            Irreps in1 = randomIrreps(random, 1 + random.nextInt(4), 4);
            Irreps in2 = randomIrreps(random, 1 + random.nextInt(3), 1);
            Irreps out = channelWiseOutput(random, in1, in2);
            TensorProductSpec spec = TensorProductSpec.channelWise(in1, in2, out);
            TensorProductSpec reduced = TensorProductSpec.channelWise(withoutZeros(in1), withoutZeros(in2),
                    withoutZeros(out));
            if (trial % 4 == 3) {
                spec = spec.toBuilder().sharedWeights(true).build();
                reduced = reduced.toBuilder().sharedWeights(true).build();
            }
            compareEverywhere(spec, reduced, random);
        }
    }

    /** Every backend and kernel running {@code spec} against the generic Java kernels running {@code reduced}. */
    private static void compareEverywhere(TensorProductSpec spec, TensorProductSpec reduced, Random random) {
        Plan plan = Plan.of(spec);
        Plan reducedPlan = Plan.of(reduced);
        assertEquals(reducedPlan.dim1(), plan.dim1(), "x1 size of " + spec);
        assertEquals(reducedPlan.dimOut(), plan.dimOut(), "output size of " + spec);
        assertEquals(reducedPlan.weightNumel(), plan.weightNumel(), "weights of " + spec);
        int batch = 1 + random.nextInt(5);
        double[][] inputs = inputs(plan, batch, random);
        double[][] expected = run(new JavaTensorProductExecutor(reducedPlan, false), inputs, batch);
        List<Function<Plan, TensorProductExecutor>> executors = new ArrayList<>();
        executors.add(p -> new JavaTensorProductExecutor(p, false));
        executors.add(JavaTensorProductExecutor::new);
        // Compiling a generated class costs about 0.2 s: every few channel-wise plans.
        if (ChannelWiseSource.supports(new FlatPlan(plan, true)) && random.nextInt(3) == 0) {
            executors.add(p -> new JavaTensorProductExecutor(p, CompiledProduct.compile(new FlatPlan(p, true))));
        }
        for (int e = 0; e < executors.size(); e++) {
            assertClose(spec + " java executor " + e, expected, run(executors.get(e).apply(plan), inputs, batch));
        }
        try (DeviceTensorProductExecutor device = new DeviceTensorProductExecutor(opencl, plan)) {
            assertClose(spec + " opencl", expected, run(device, inputs, batch));
        }
    }

    private static double[][] inputs(Plan plan, int batch, Random random) {
        int numel = plan.sharedWeights() ? plan.weightNumel() : batch * plan.weightNumel();
        return new double[][] {RowLoopsTest.gaussian(random, batch * plan.dim1()),
                RowLoopsTest.gaussian(random, batch * plan.dim2()),
                plan.weightNumel() == 0 ? null : RowLoopsTest.gaussian(random, numel),
                RowLoopsTest.gaussian(random, batch * plan.dimOut())};
    }

    /** Output, then the three gradients (the weight gradient empty without weights). */
    private static double[][] run(TensorProductExecutor executor, double[][] in, int batch) {
        double[] out = new double[batch * executor.plan().dimOut()];
        double[] g1 = new double[in[0].length];
        double[] g2 = new double[in[1].length];
        double[] gw = in[2] == null ? null : new double[in[2].length];
        executor.forward(in[0], in[1], in[2], out, batch);
        executor.backward(in[0], in[1], in[2], in[3], g1, g2, gw, batch);
        return new double[][] {out, g1, g2, gw == null ? new double[0] : gw};
    }

    private static void assertClose(String what, double[][] expected, double[][] actual) {
        String[] names = {"output", "gradient x1", "gradient x2", "gradient weights"};
        for (int a = 0; a < expected.length; a++) {
            assertEquals(expected[a].length, actual[a].length, what + " " + names[a]);
            for (int i = 0; i < expected[a].length; i++) {
                assertEquals(expected[a][i], actual[a][i], TOLERANCE * Math.max(1, Math.abs(expected[a][i])),
                        what + " " + names[a] + " entry " + i);
            }
        }
    }

    /** Blocks of l 0..2, random parity, multiplicity 0 with probability 1/3, else 1..maxMul; at least one non-zero. */
    private static Irreps randomIrreps(Random random, int blocks, int maxMul) {
        List<MulIrrep> list = new ArrayList<>();
        for (int b = 0; b < blocks; b++) {
            int mul = random.nextInt(3) == 0 ? 0 : 1 + random.nextInt(maxMul);
            list.add(new MulIrrep(mul, Irrep.of(random.nextInt(3), random.nextBoolean() ? 1 : -1)));
        }
        int keep = random.nextInt(blocks);
        MulIrrep kept = list.get(keep);
        if (kept.mul() == 0) list.set(keep, new MulIrrep(1, kept.irrep()));
        return Irreps.of(list);
    }

    /** One output block per (in1, in2) block pair with in1's multiplicity, at an allowed l, plus a stray zero block. */
    private static Irreps channelWiseOutput(Random random, Irreps in1, Irreps in2) {
        List<MulIrrep> out = new ArrayList<>();
        for (MulIrrep a : in1) {
            for (MulIrrep b : in2) {
                List<Irrep> allowed = a.irrep().times(b.irrep());
                out.add(new MulIrrep(a.mul(), allowed.get(random.nextInt(allowed.size()))));
            }
        }
        out.add(random.nextInt(out.size() + 1), new MulIrrep(0, Irrep.of(1, -1)));
        return Irreps.of(out);
    }

    private static boolean hasZeros(Irreps irreps) {
        return irreps.blocks().stream().anyMatch(b -> b.mul() == 0);
    }

    private static Irreps withoutZeros(Irreps irreps) {
        List<MulIrrep> kept = new ArrayList<>();
        for (MulIrrep b : irreps) {
            if (b.mul() > 0) kept.add(b);
        }
        return Irreps.of(kept);
    }
}
