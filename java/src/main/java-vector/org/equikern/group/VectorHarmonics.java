package org.equikern.group;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 harmonics on the Vector API, behind {@code VectorHarmonicsKernel}: the blocked recursion of
 * {@code FloatHarmonics} with explicit 512-bit vectors where the JIT's auto-vectorized loops leave it alignment
 * pre-loops and scalar remainders over a block of 128 lanes, and the transposition into output rows as gathers: a group of {@code LANES} vectors owns {@code LANES × dim}
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
        /**
         * The terms of component k (k &ge; 1) on axis a are [start[3k + a], start[3k + a + 1]): sorted by axis,
         * so that each axis row is loaded once per block and each term loads only its source row.
         */
        final int[] start;
        /** Per term: the scratch offset of its source component's row, and its coefficient. */
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
            this.start = new int[AXES * dim + 1];
            this.sourceAt = new int[source.length];
            this.coefficient = new float[coefficient.length];
            int next = 0;
            for (int k = 1; k < dim; k++) {
                for (int a = 0; a < AXES; a++) {
                    this.start[AXES * k + a] = next;
                    for (int t = start[k]; t < start[k + 1]; t++) {
                        if (axis[t] != a) continue;
                        sourceAt[next] = (AXES + source[t]) * BLOCK;
                        this.coefficient[next++] = coefficient[t];
                    }
                }
            }
            this.start[AXES * dim] = next;
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

    /**
     * The unscaled components 1..dim-1 over the block's four vector groups: component k is
     * x·Σ c·Y_src + y·Σ c·Y_src + z·Σ c·Y_src over its terms on each axis, the twelve axis vectors held in
     * registers, so that a term loads only its source rows (measured: about 12% less time in the recursion
     * than loading each term's axis row). The three axes are spelled out: a loop over them, or a helper
     * returning each axis sum, left C2 on JDK 17 boxing the vectors, 4–8× slower.
     */
    private static void recurse(Plan p, float[] scratch) {
        FloatVector x0 = FloatVector.fromArray(SPECIES, scratch, 0);
        FloatVector x1 = FloatVector.fromArray(SPECIES, scratch, LANES);
        FloatVector x2 = FloatVector.fromArray(SPECIES, scratch, 2 * LANES);
        FloatVector x3 = FloatVector.fromArray(SPECIES, scratch, 3 * LANES);
        FloatVector y0 = FloatVector.fromArray(SPECIES, scratch, BLOCK);
        FloatVector y1 = FloatVector.fromArray(SPECIES, scratch, BLOCK + LANES);
        FloatVector y2 = FloatVector.fromArray(SPECIES, scratch, BLOCK + 2 * LANES);
        FloatVector y3 = FloatVector.fromArray(SPECIES, scratch, BLOCK + 3 * LANES);
        FloatVector z0 = FloatVector.fromArray(SPECIES, scratch, 2 * BLOCK);
        FloatVector z1 = FloatVector.fromArray(SPECIES, scratch, 2 * BLOCK + LANES);
        FloatVector z2 = FloatVector.fromArray(SPECIES, scratch, 2 * BLOCK + 2 * LANES);
        FloatVector z3 = FloatVector.fromArray(SPECIES, scratch, 2 * BLOCK + 3 * LANES);
        int[] start = p.start;
        int[] sourceAt = p.sourceAt;
        float[] coefficient = p.coefficient;
        FloatVector zero = FloatVector.zero(SPECIES);
        for (int k = 1; k < p.dim; k++) {
            FloatVector a0 = zero;
            FloatVector a1 = zero;
            FloatVector a2 = zero;
            FloatVector a3 = zero;
            int t = start[AXES * k];
            { // x
                int end = start[AXES * k + 1];
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (; t < end; t++) {
                    FloatVector c = FloatVector.broadcast(SPECIES, coefficient[t]);
                    int y = sourceAt[t];
                    s0 = c.fma(FloatVector.fromArray(SPECIES, scratch, y), s0);
                    s1 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), s1);
                    s2 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), s2);
                    s3 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), s3);
                }
                a0 = x0.fma(s0, a0);
                a1 = x1.fma(s1, a1);
                a2 = x2.fma(s2, a2);
                a3 = x3.fma(s3, a3);
            }
            { // y
                int end = start[AXES * k + 2];
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (; t < end; t++) {
                    FloatVector c = FloatVector.broadcast(SPECIES, coefficient[t]);
                    int y = sourceAt[t];
                    s0 = c.fma(FloatVector.fromArray(SPECIES, scratch, y), s0);
                    s1 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), s1);
                    s2 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), s2);
                    s3 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), s3);
                }
                a0 = y0.fma(s0, a0);
                a1 = y1.fma(s1, a1);
                a2 = y2.fma(s2, a2);
                a3 = y3.fma(s3, a3);
            }
            { // z
                int end = start[AXES * k + 3];
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (; t < end; t++) {
                    FloatVector c = FloatVector.broadcast(SPECIES, coefficient[t]);
                    int y = sourceAt[t];
                    s0 = c.fma(FloatVector.fromArray(SPECIES, scratch, y), s0);
                    s1 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), s1);
                    s2 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), s2);
                    s3 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), s3);
                }
                a0 = z0.fma(s0, a0);
                a1 = z1.fma(s1, a1);
                a2 = z2.fma(s2, a2);
                a3 = z3.fma(s3, a3);
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
