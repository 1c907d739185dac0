package org.equikern.group;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 harmonics on the Vector API, behind {@code VectorHarmonicsKernel}: the blocked recursion of
 * {@code FloatHarmonics} with explicit vectors, so that no vectorized loop falls back to scalar pre- and
 * post-loops (a 128-lane block left C2's auto-vectorized float loops a large scalar share), and the
 * transposition into output rows as gathers: a group of {@code LANES} vectors owns {@code LANES × dim}
 * consecutive output floats, each vector of them gathered from the block's rows, scaled and stored whole.
 *
 * <p>Scratch layout: rows of {@link #BLOCK} floats, the three axes first, then component k in row 3 + k.
 * Compiled apart from the library (its own source folder, {@code --add-modules jdk.incubator.vector}, so
 * it names no library type) and found by name only where the JVM resolved the incubator module. Every
 * vector is created, used and stored inside one method (a vector passed between methods gets boxed).
 */
final class VectorHarmonics {
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_PREFERRED;
    private static final int LANES = SPECIES.length();
    /** Vector groups per block: four independent accumulators per term. */
    private static final int GROUPS = 4;
    /** Vectors per block: its scratch stays in L1 up to lmax 6 with 512-bit vectors. */
    private static final int BLOCK = GROUPS * LANES;
    /** Scratch rows before the first component's: x, y, z. */
    private static final int AXES = 3;

    private VectorHarmonics() {}

    /** The tables of one harmonics, laid out for this kernel's scratch. */
    private static final class Plan {
        final int dim;
        final boolean normalize;
        /** Component k (k &ge; 1) sums terms [start[k], start[k + 1]). */
        final int[] start;
        /** Per term: the scratch offsets of its axis row and of its source component's row. */
        final int[] axisAt;
        final int[] sourceAt;
        final float[] coefficient;
        /** Per element p of a group's {@code LANES × dim} output floats: its offset among the block's component rows. */
        final int[] gather;
        /** Per element p of a group's output floats: its component's scale. */
        final float[] scale;
        /** Per lane: the offset of its x among interleaved vectors. */
        final int[] deinterleave;

        Plan(int dim, boolean normalize, int[] start, int[] axis, int[] source, float[] coefficient, float[] scale) {
            this.dim = dim;
            this.normalize = normalize;
            this.start = start.clone();
            this.coefficient = coefficient.clone();
            this.axisAt = new int[axis.length];
            this.sourceAt = new int[source.length];
            for (int t = 0; t < axis.length; t++) {
                axisAt[t] = axis[t] * BLOCK;
                sourceAt[t] = (AXES + source[t]) * BLOCK;
            }
            this.gather = new int[LANES * dim];
            this.scale = new float[LANES * dim];
            for (int p = 0; p < LANES * dim; p++) {
                gather[p] = (p % dim) * BLOCK + p / dim;
                this.scale[p] = scale[p % dim];
            }
            this.deinterleave = new int[LANES];
            for (int i = 0; i < LANES; i++) deinterleave[i] = AXES * i;
        }
    }

    /**
     * The plan of one harmonics: its recursion grouped by destination component, as {@code FloatHarmonics}
     * holds it, and the scale per component.
     */
    static Object plan(int dim, boolean normalize, int[] start, int[] axis, int[] source, float[] coefficient,
            float[] scale) {
        return new Plan(dim, normalize, start, axis, source, coefficient, scale);
    }

    /** A scratch for {@link #compute} with {@code plan}: one per thread at a time. */
    static float[] scratch(Object plan) {
        float[] scratch = new float[(AXES + ((Plan) plan).dim) * BLOCK];
        // Component 0 is the constant 1 that the recursion never overwrites.
        Arrays.fill(scratch, AXES * BLOCK, (AXES + 1) * BLOCK, 1f);
        return scratch;
    }

    /** Evaluates vectors {@code [from, to)} into their rows of {@code out}, block by block. */
    static void compute(Object plan, float[] scratch, float[] vectors, float[] out, int from, int to) {
        Plan p = (Plan) plan;
        for (int s = from; s < to; s += BLOCK) {
            int count = Math.min(BLOCK, to - s);
            load(p, scratch, vectors, s, count);
            if (p.normalize) normalize(scratch);
            recurse(p, scratch);
            store(p, scratch, out, s, count);
        }
    }

    /** The axis rows of vectors [s, s + count), zero vectors past count. */
    private static void load(Plan p, float[] scratch, float[] vectors, int s, int count) {
        if (count < BLOCK) {
            for (int i = 0; i < BLOCK; i++) {
                for (int a = 0; a < AXES; a++) scratch[a * BLOCK + i] = i < count ? vectors[AXES * (s + i) + a] : 0;
            }
            return;
        }
        for (int g = 0; g < BLOCK; g += LANES) {
            int at = AXES * (s + g);
            for (int a = 0; a < AXES; a++) {
                FloatVector.fromArray(SPECIES, vectors, at + a, p.deinterleave, 0).intoArray(scratch, a * BLOCK + g);
            }
        }
    }

    /** Divides the axis rows by each vector's length; the zero vector stays zero. */
    private static void normalize(float[] scratch) {
        for (int g = 0; g < BLOCK; g += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, scratch, g);
            FloatVector y = FloatVector.fromArray(SPECIES, scratch, BLOCK + g);
            FloatVector z = FloatVector.fromArray(SPECIES, scratch, 2 * BLOCK + g);
            FloatVector r = x.mul(x).add(y.mul(y)).add(z.mul(z)).lanewise(VectorOperators.SQRT);
            FloatVector inverse = FloatVector.broadcast(SPECIES, 1f).div(r).blend(0f, r.compare(VectorOperators.EQ, 0f));
            x.mul(inverse).intoArray(scratch, g);
            y.mul(inverse).intoArray(scratch, BLOCK + g);
            z.mul(inverse).intoArray(scratch, 2 * BLOCK + g);
        }
    }

    /** The unscaled components 1..dim-1, each the sum of its terms over the block's four vector groups. */
    private static void recurse(Plan p, float[] scratch) {
        int[] start = p.start;
        int[] axisAt = p.axisAt;
        int[] sourceAt = p.sourceAt;
        float[] coefficient = p.coefficient;
        for (int k = 1; k < p.dim; k++) {
            FloatVector a0 = FloatVector.zero(SPECIES);
            FloatVector a1 = a0;
            FloatVector a2 = a0;
            FloatVector a3 = a0;
            for (int t = start[k], end = start[k + 1]; t < end; t++) {
                float c = coefficient[t];
                int u = axisAt[t];
                int y = sourceAt[t];
                a0 = FloatVector.fromArray(SPECIES, scratch, u).mul(c).fma(FloatVector.fromArray(SPECIES, scratch, y), a0);
                a1 = FloatVector.fromArray(SPECIES, scratch, u + LANES).mul(c)
                        .fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), a1);
                a2 = FloatVector.fromArray(SPECIES, scratch, u + 2 * LANES).mul(c)
                        .fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), a2);
                a3 = FloatVector.fromArray(SPECIES, scratch, u + 3 * LANES).mul(c)
                        .fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), a3);
            }
            int at = (AXES + k) * BLOCK;
            a0.intoArray(scratch, at);
            a1.intoArray(scratch, at + LANES);
            a2.intoArray(scratch, at + 2 * LANES);
            a3.intoArray(scratch, at + 3 * LANES);
        }
    }

    /** Scales and transposes the block's first {@code count} vectors into their rows from vector {@code s}. */
    private static void store(Plan p, float[] scratch, float[] out, int s, int count) {
        int dim = p.dim;
        int[] gather = p.gather;
        float[] scale = p.scale;
        for (int g = 0; g < count; g += LANES) {
            int rows = AXES * BLOCK + g;
            int at = (s + g) * dim;
            int valid = Math.min(LANES, count - g) * dim;
            int whole = valid - valid % LANES;
            for (int j = 0; j < whole; j += LANES) {
                FloatVector.fromArray(SPECIES, scratch, rows, gather, j)
                        .mul(FloatVector.fromArray(SPECIES, scale, j))
                        .intoArray(out, at + j);
            }
            if (whole < valid) {
                VectorMask<Float> tail = SPECIES.indexInRange(whole, valid);
                FloatVector.fromArray(SPECIES, scratch, rows, gather, whole)
                        .mul(FloatVector.fromArray(SPECIES, scale, whole))
                        .intoArray(out, at + whole, tail);
            }
        }
    }
}
