package org.equikern.tp;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.group.Irreps;

/** Small specs exercising every mode (l up to 4), weighted and, where e3nn allows, unweighted. */
public final class ModeSpecs {
    private ModeSpecs() {
    }

    /** Every allowed (i1, i2, out) with multiplicities that fit {@code mode}. */
    static TensorProductSpec allPaths(String in1, String in2, String out, Mode mode, boolean weighted) {
        Irreps a = Irreps.parse(in1);
        Irreps b = Irreps.parse(in2);
        Irreps c = Irreps.parse(out);
        TensorProductSpec.Builder builder = TensorProductSpec.builder(a, b, c);
        for (int i = 0; i < a.size(); i++) {
            for (int j = 0; j < b.size(); j++) {
                for (int o = 0; o < c.size(); o++) {
                    boolean couples = a.get(i).irrep().couplesTo(b.get(j).irrep(), c.get(o).irrep());
                    boolean fits = mode.multiplicityProblem(a.get(i).mul(), b.get(j).mul(), c.get(o).mul()) == null
                            && (weighted || mode.unweightedProblem(c.get(o).mul()) == null);
                    if (couples && fits) builder.instruction(Instruction.of(i, j, o, mode, weighted));
                }
            }
        }
        TensorProductSpec spec = builder.build();
        if (spec.instructions().size() < 2) throw new IllegalStateException("too few paths for " + mode);
        return spec;
    }

    /** One spec per mode and weighting that e3nn accepts. */
    public static List<TensorProductSpec> all() {
        List<TensorProductSpec> specs = new ArrayList<>();
        for (boolean weighted : new boolean[] {true, false}) {
            if (weighted) {
                specs.add(allPaths("2x0e+1x1o+2x2e", "1x1o+1x2e", "2x1o+1x2e+1x3o+2x4e", Mode.UVW, true));
                specs.add(allPaths("3x1o+2x2e", "3x1o+2x2e", "2x0e+3x2e+1x4e", Mode.U_LT_VW, true));
            }
            specs.add(allPaths("3x0e+2x1o+2x3e", "1x0e+1x1o+1x2e", "3x0e+2x1o+2x2e+2x3e+2x4o+3x2e", Mode.UVU, weighted));
            specs.add(allPaths("2x1o+1x2e", "3x1e+3x2o", "3x0o+3x2e+3x3e+3x4o+3x1o", Mode.UVV, weighted));
            specs.add(allPaths("3x1o+2x2e", "3x1e+2x2e", weighted ? "2x0o+1x1o+2x2e+3x4e" : "1x0o+1x1o+1x2e+1x4e",
                    Mode.UUW, weighted));
            specs.add(allPaths("3x1o+2x3e", "3x2e+2x1o", "3x1o+3x3o+2x2o+2x4o", Mode.UUU, weighted));
            specs.add(allPaths("2x1o+1x2e", "3x1e+1x2o", "6x0o+6x2o+2x1e+3x3e+1x4o", Mode.UVUV, weighted));
            specs.add(allPaths("3x1o+4x2e", "3x1o+4x2e", "3x0e+3x2e+6x1e+6x4e", Mode.UVU_LT_V, weighted));
        }
        return specs;
    }

    /**
     * Specs whose blocks span several channel chunks of the device kernels (16 channels each: one
     * full chunk and a partial one), uvu with more than one x2 channel, uvw with mixed widths, and
     * plans the device runs with its element kernels: uvu mixed with uvw, and irreps past l = 7.
     */
    public static List<TensorProductSpec> wide() {
        TensorProductSpec mixed = TensorProductSpec.builder("17x0e+2x1o", "1x0e+1x1o", "17x0e+2x1o+3x1e")
                .instruction(0, 0, 0, "uvu", true)
                .instruction(1, 0, 1, "uvu", true)
                .instruction(1, 1, 2, "uvw", true)
                .build();
        return List.of(
                allPaths("20x0e+17x1o+3x2e", "2x0e+1x1o", "20x0e+17x1o+3x2e+17x1e", Mode.UVU, true),
                allPaths("20x0e+17x1o+3x2e", "2x0e+1x1o", "20x0e+17x1o+3x2e+17x1e", Mode.UVU, false),
                allPaths("18x0e+3x1o", "2x0e+1x1o", "17x0e+33x1o+2x1e", Mode.UVW, true),
                mixed,
                allPaths("2x0e+1x8e", "1x0e+1x1o", "2x0e+2x1o+1x8e+1x9o", Mode.UVU, true),
                allPaths("2x0e+1x8e", "1x0e+1x1o", "2x1o+1x8e+1x9o", Mode.UVW, true));
    }

    public static double[] random(Random random, int n) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = random.nextGaussian();
        return values;
    }

    /** Weights of the right length for the spec's sharing ({@code null} when it has none). */
    public static double[] weights(Random random, TensorProductSpec spec, int batch) {
        if (spec.weightNumel() == 0) return null;
        return random(random, spec.sharedWeights() ? spec.weightNumel() : batch * spec.weightNumel());
    }
}
