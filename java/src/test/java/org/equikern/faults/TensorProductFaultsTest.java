package org.equikern.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.Instruction;
import org.equikern.tp.IrrepNormalization;
import org.equikern.tp.Mode;
import org.equikern.tp.PathNormalization;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * Generated tensor-product specs (every mode, zero-multiplicity blocks, invalid instructions, huge
 * multiplicities, odd path weights) and bad calls of the host {@link TensorProduct}: a valid spec
 * builds with the exact weight count and computes what the same spec without its zero blocks
 * computes, NaN propagates to exactly the rows it is in, and everything else is rejected by name.
 */
class TensorProductFaultsTest {
    private static final long MAX_ARRAY = Integer.MAX_VALUE - 8;
    private static final int[] HUGE_MULS = {65536, 70000, 1 << 20, 50_000};
    private static final double[] PATH_WEIGHTS = {1, 1, 0.5, 2, 0, -1, Double.NaN, Double.POSITIVE_INFINITY};

    private final Random random = new Random(Seeds.SEED + 1);
    private final FaultRecorder recorder = new FaultRecorder(Seeds.SEED + 1);

    @Test
    void generatedSpecsBuildExactlyOrAreRejectedByInstruction() {
        for (int i = 0; i < 400; i++) generatedSpec();
        recorder.assertNoFaults("tensor-product specs");
    }

    @Test
    void badCallsOfTheHostTensorProductAreRejectedByName() {
        TensorProductSpec spec = TensorProductSpec.fullyConnected(Irreps.parse("2x0e+0x1o+1x1o"), Irreps.parse("1x0e+1x1o"),
                Irreps.parse("0x0e+2x1o+1x0e"));
        TensorProduct tp = new TensorProduct(spec);
        int d1 = tp.irrepsIn1().dim(), d2 = tp.irrepsIn2().dim(), dOut = tp.irrepsOut().dim(), nw = tp.weightNumel();
        for (int i = 0; i < 300; i++) {
            int batch = random.nextInt(4) + 1;
            int weightRows = tp.sharedWeights() ? 1 : batch;
            double[][] args = {gaussian(batch * d1), gaussian(batch * d2), gaussian(weightRows * nw), gaussian(batch * dOut)};
            String[] names = {"x1", "x2", "weights", "out"};
            int fault = random.nextInt(4);
            int slot = random.nextInt(4);
            int badBatch = batch;
            String what;
            if (fault == 0) {
                args[slot] = null;
                what = names[slot] + " = null";
            } else if (fault == 1) {
                int delta = new int[] {-5, -1, 1, 2}[random.nextInt(4)];
                int length = args[slot].length + delta < 0 ? args[slot].length + 1 : args[slot].length + delta;
                args[slot] = new double[length];
                what = names[slot] + ".length = " + args[slot].length;
            } else if (fault == 2) {
                badBatch = new int[] {-1, -batch, Integer.MIN_VALUE, Integer.MAX_VALUE, 100_000_000, batch + 1}[random.nextInt(6)];
                slot = -1;
                what = "batch = " + badBatch;
            } else {
                int input = random.nextInt(3);
                slot = input;
                if (args[input].length == args[3].length || random.nextBoolean()) args[3] = args[input];
                else args[input] = args[3];
                what = "out aliases " + names[input];
            }
            
            String input = "fullyConnected " + spec.irrepsIn1() + " x " + spec.irrepsIn2() + ", batch " + batch + ", " + what;
            String[] expectedNames = slot < 0 ? new String[] {"batch", "x1"}
                    : fault == 3 ? new String[] {"alias", "out", names[slot]} : new String[] {names[slot]};
            double[] x1 = args[0], x2 = args[1], w = args[2], out = args[3];
            int b = badBatch;
            recorder.mustReject("tp.host.forward", input, () -> {
                tp.forward(x1, x2, w, out, b);
                return null;
            }, expectedNames);
            if (fault != 3 && slot != 3) {
                recorder.mustReject("tp.host.forwardAllocating", input, () -> tp.forward(x1, x2, w, b), expectedNames);
                float[] f1 = floats(x1), f2 = floats(x2), fw = floats(w);
                recorder.mustReject("tp.host.forwardFloat", input, () -> tp.forward(f1, f2, fw, b), expectedNames);
                double[] gradOut = slot < 0 ? gaussian(batch * dOut) : out;
                String[] backwardNames = slot == 3 ? new String[] {"gradOut"} : expectedNames;
                recorder.mustReject("tp.host.backwardAllocating", input, () -> tp.backward(x1, x2, w, gradOut, b),
                        backwardNames);
            }
        }
        recorder.mustReject("tp.host.index", "coefficient(99)", () -> spec.coefficient(99), "99");
        recorder.mustReject("tp.host.index", "pathShape(-1)", () -> spec.pathShape(-1), "-1");
        recorder.mustReject("tp.host.index", "pathSize(" + Integer.MIN_VALUE + ")", () -> spec.pathSize(Integer.MIN_VALUE),
                String.valueOf(Integer.MIN_VALUE));
        recorder.assertNoFaults("host tensor product calls");
    }

    private void generatedSpec() {
        boolean huge = random.nextInt(8) == 0;
        Irreps in1 = irreps(huge), in2 = irreps(huge), out = irreps(huge);
        List<Instruction> instructions = new ArrayList<>();
        boolean valid = true;
        boolean finiteWeights = true;
        long weights = 0;
        for (int n = random.nextInt(4) + 1; n > 0; n--) {
            int i1 = index(in1), i2 = index(in2), o = index(out);
            Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
            boolean hasWeight = random.nextBoolean();
            double pathWeight = PATH_WEIGHTS[random.nextInt(PATH_WEIGHTS.length)];
            instructions.add(Instruction.of(i1, i2, o, mode, hasWeight, pathWeight));
            finiteWeights &= Double.isFinite(pathWeight) && pathWeight >= 0;
            if (!inRange(in1, i1) || !inRange(in2, i2) || !inRange(out, o)) {
                valid = false;
                continue;
            }
            MulIrrep a = in1.get(i1), b = in2.get(i2), c = out.get(o);
            long size = pathSize(mode, a.mul(), b.mul(), c.mul());
            // e3nn skips empty paths (a zero multiplicity or path_shape) before asserting their rules
            boolean empty = a.mul() == 0 || b.mul() == 0 || c.mul() == 0 || size == 0;
            valid &= couples(a.irrep(), b.irrep(), c.irrep()) && (empty || multiplicitiesFit(mode, a.mul(), b.mul(), c.mul())
                    && (hasWeight || unweightedAllowed(mode, c.mul())));
            if (hasWeight) weights = saturatingAdd(weights, size);
        }
        TensorProductSpec.Builder builder = TensorProductSpec.builder(in1, in2, out).instructions(instructions)
                .pathNormalization(PathNormalization.values()[random.nextInt(3)])
                .irrepNormalization(IrrepNormalization.values()[random.nextInt(3)])
                .sharedWeights(random.nextBoolean());
        String input = in1 + " x " + in2 + " -> " + out + " " + instructions;
        if (!valid || weights > MAX_ARRAY) {
            recorder.mustReject("tp.spec", input, builder::build, "instruction", "limit");
            return;
        }
        long expectedWeights = weights;
        boolean small = Math.max(in1.dim(), Math.max(in2.dim(), out.dim())) <= 64 && weights <= 4096;
        if (!finiteWeights) {
            recorder.mustReject("tp.spec", input, builder::build, "path_weight");
            return;
        }
        recorder.mustPass("tp.spec", input, builder::build, spec -> {
            assertEquals(expectedWeights, spec.weightNumel(), "weightNumel");
            if (small) {
                computesAsWithoutZeroBlocks(spec);
                propagatesNaN(spec);
            }
        });
    }

    /** With path normalization none (fan-ins then cannot see the dropped paths) zero blocks change nothing. */
    private void computesAsWithoutZeroBlocks(TensorProductSpec spec) {
        TensorProductSpec full = spec.toBuilder().pathNormalization(PathNormalization.NONE).build();
        TensorProductSpec reduced = withoutZeroBlocks(full);
        int batch = 3;
        double[] x1 = gaussian(batch * full.irrepsIn1().dim());
        double[] x2 = gaussian(batch * full.irrepsIn2().dim());
        double[] w = gaussian((full.sharedWeights() ? 1 : batch) * full.weightNumel());
        double[] expected = new TensorProduct(reduced).forward(x1, x2, keptWeights(full, w, full.sharedWeights() ? 1 : batch),
                batch);
        double[] actual = new TensorProduct(full).forward(x1, x2, w, batch);
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < actual.length; i++) {
            assertEquals(expected[i], actual[i], 1e-12 * (1 + Math.abs(expected[i])), "out[" + i + "] of " + full
                    + " against " + reduced);
        }
    }

    /** A NaN in row 1 of x1 reaches that row's output through every path reading it, and no other row. */
    private void propagatesNaN(TensorProductSpec spec) {
        if (spec.irrepsIn1().dim() == 0 || spec.sharedWeights()) return;
        int batch = 3, d1 = spec.irrepsIn1().dim(), dOut = spec.irrepsOut().dim();
        double[] x1 = gaussian(batch * d1);
        double[] x2 = gaussian(batch * spec.irrepsIn2().dim());
        double[] w = gaussian(batch * spec.weightNumel());
        TensorProduct tp = new TensorProduct(spec);
        double[] clean = tp.forward(x1, x2, w, batch);
        int k = random.nextInt(d1);
        x1[d1 + k] = Double.NaN;
        double[] dirty = tp.forward(x1, x2, w, batch);
        for (int i = 0; i < dirty.length; i++) {
            if (i / Math.max(1, dOut) != 1) {
                assertEquals(clean[i], dirty[i], 0.0, "out[" + i + "] outside the NaN row of " + spec);
            }
        }
        if (readsBlock(spec, blockOf(spec.irrepsIn1(), k))) {
            boolean nan = false;
            for (int i = dOut; i < 2 * dOut; i++) nan |= Double.isNaN(dirty[i]);
            assertTrue(nan, "NaN in x1[1][" + k + "] did not reach row 1 of " + spec);
        }
    }

    private static boolean readsBlock(TensorProductSpec spec, int block) {
        List<Instruction> ins = spec.instructions();
        for (int n = 0; n < ins.size(); n++) {
            Instruction i = ins.get(n);
            if (i.in1() == block && spec.coefficient(n) != 0 && spec.irrepsIn2().get(i.in2()).mul() > 0
                    && spec.irrepsOut().get(i.out()).mul() > 0 && (!i.hasWeight() || spec.pathSize(n) > 0)
                    && (i.mode() != Mode.UVU_LT_V && i.mode() != Mode.U_LT_VW || spec.irrepsIn1().get(block).mul() > 1)) {
                return true;
            }
        }
        return false;
    }

    private static int blockOf(Irreps irreps, int component) {
        for (int b = 0; b < irreps.size(); b++) {
            if (component < irreps.offset(b) + irreps.get(b).dim()) return b;
        }
        throw new AssertionError(component);
    }

    private static TensorProductSpec withoutZeroBlocks(TensorProductSpec spec) {
        int[] m1 = remap(spec.irrepsIn1()), m2 = remap(spec.irrepsIn2()), mo = remap(spec.irrepsOut());
        List<Instruction> kept = new ArrayList<>();
        for (Instruction i : spec.instructions()) {
            if (m1[i.in1()] < 0 || m2[i.in2()] < 0 || mo[i.out()] < 0) continue;
            kept.add(Instruction.of(m1[i.in1()], m2[i.in2()], mo[i.out()], i.mode(), i.hasWeight(), i.pathWeight()));
        }
        return TensorProductSpec.builder(nonZero(spec.irrepsIn1()), nonZero(spec.irrepsIn2()), nonZero(spec.irrepsOut()))
                .instructions(kept).pathNormalization(spec.pathNormalization())
                .irrepNormalization(spec.irrepNormalization()).sharedWeights(spec.sharedWeights()).build();
    }

    /** The weights of the instructions {@link #withoutZeroBlocks} keeps, row by row. */
    private static double[] keptWeights(TensorProductSpec spec, double[] w, int rows) {
        List<Instruction> ins = spec.instructions();
        double[] kept = new double[w.length];
        int n = 0;
        for (int r = 0; r < rows; r++) {
            int offset = r * spec.weightNumel();
            for (int k = 0; k < ins.size(); k++) {
                Instruction i = ins.get(k);
                if (!i.hasWeight()) continue;
                int size = spec.pathSize(k);
                boolean keep = spec.irrepsIn1().get(i.in1()).mul() > 0 && spec.irrepsIn2().get(i.in2()).mul() > 0
                        && spec.irrepsOut().get(i.out()).mul() > 0;
                if (keep) {
                    System.arraycopy(w, offset, kept, n, size);
                    n += size;
                }
                offset += size;
            }
        }
        return java.util.Arrays.copyOf(kept, n);
    }

    private static int[] remap(Irreps irreps) {
        int[] map = new int[irreps.size()];
        int next = 0;
        for (int b = 0; b < map.length; b++) map[b] = irreps.get(b).mul() == 0 ? -1 : next++;
        return map;
    }

    private static Irreps nonZero(Irreps irreps) {
        List<MulIrrep> blocks = new ArrayList<>();
        for (MulIrrep block : irreps) if (block.mul() > 0) blocks.add(block);
        return Irreps.of(blocks);
    }

    private Irreps irreps(boolean huge) {
        List<MulIrrep> blocks = new ArrayList<>();
        for (int n = random.nextInt(3) + 1; n > 0; n--) {
            int mul = huge && random.nextInt(3) == 0 ? HUGE_MULS[random.nextInt(HUGE_MULS.length)]
                    : random.nextInt(4) == 0 ? 0 : random.nextInt(3) + 1;
            blocks.add(new MulIrrep(mul, Irrep.of(random.nextInt(3), random.nextBoolean() ? 1 : -1)));
        }
        return Irreps.of(blocks);
    }

    private int index(Irreps irreps) {
        int r = random.nextInt(20);
        return r == 0 ? -1 : r == 1 ? irreps.size() : random.nextInt(irreps.size());
    }

    private static boolean inRange(Irreps irreps, int i) {
        return i >= 0 && i < irreps.size();
    }

    private static boolean couples(Irrep a, Irrep b, Irrep c) {
        return Math.abs(a.l() - b.l()) <= c.l() && c.l() <= a.l() + b.l()
                && a.parity().sign() * b.parity().sign() == c.parity().sign();
    }

    /** e3nn's multiplicity rules per mode. */
    private static boolean multiplicitiesFit(Mode mode, long m1, long m2, long mo) {
        switch (mode) {
            case UVW: return true;
            case UVU: return mo == m1;
            case UVV: return mo == m2;
            case UUW: return m1 == m2;
            case UUU: return m1 == m2 && m2 == mo;
            case UVUV: return mo == m1 * m2;
            case UVU_LT_V: return m1 == m2 && mo == m1 * (m1 - 1) / 2;
            default: return m1 == m2;
        }
    }

    /** e3nn asserts weights for uvw and u<vw, and a single output channel for uuw without them. */
    private static boolean unweightedAllowed(Mode mode, int mulOut) {
        return mode != Mode.UVW && mode != Mode.U_LT_VW && (mode != Mode.UUW || mulOut == 1);
    }

    /** e3nn's path_shape product, exact (saturating beyond a long). */
    private static long pathSize(Mode mode, long m1, long m2, long mo) {
        long pairs = m1 * Math.max(0, m1 - 1) / 2;
        switch (mode) {
            case UVW: return m1 * m2 > 0 && mo > Long.MAX_VALUE / (m1 * m2) ? Long.MAX_VALUE : m1 * m2 * mo;
            case UVU: case UVV: case UVUV: return m1 * m2;
            case UUW: return m1 * mo;
            case UUU: return m1;
            case UVU_LT_V: return pairs;
            default: return pairs * mo;
        }
    }

    private static long saturatingAdd(long a, long b) {
        long s = a + b;
        return s < 0 ? Long.MAX_VALUE : s;
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }

    private static float[] floats(double[] v) {
        if (v == null) return null;
        float[] f = new float[v.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) v[i];
        return f;
    }
}
