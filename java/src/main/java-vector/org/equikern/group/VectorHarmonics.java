package org.equikern.group;

import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 harmonics on the Vector API, behind {@code VectorHarmonicsKernel}: the blocked recursion of
 * {@code FloatHarmonics} with explicit 512-bit vectors where the JIT's auto-vectorized loops leave it alignment
 * pre-loops and scalar remainders over a block of 128 lanes. Where vectors have 16 lanes, the block's
 * component rows become output rows by transpositions of 16 × 16 tiles in registers (components [16c,
 * 16c + 16) per tile) into a row buffer that is then copied out contiguously (measured single-threaded: at
 * lmax 3 about 1.6× less CPU time per vector than gathering, whose gathers cost about 20 cycles each here;
 * at lmax 6 about 1.45× less with the output in cache, 1.15× writing it to memory, whose stores the gathers
 * used to hide); otherwise each vector of output floats is gathered from the component rows.
 *
 * <p>Scratch layout: rows of {@link #BLOCK} floats, the three axes and r² first, then component k in row 4 + k (as
 * many component rows as the tiles cover, those past dim zero), then the block's output rows and one tile of
 * the transposition where it is used.
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
    /** Coordinates per input vector: x, y, z. */
    private static final int AXES = 3;
    /** Terms' factors before the source row: the three axes and r² (x² + y² + z²). */
    private static final int FACTORS = 4;
    /** Scratch rows before the first component's: x, y, z, r². */
    private static final int HEAD = 4;
    /** Rows and columns of a transposed tile: written for vectors of 16 lanes. */
    private static final int TILE = 16;
    /**
     * The most components of a last tile that are copied one by one rather than transposed as a padded tile
     * (a tile costs the same whatever its padding; measured single-threaded: at lmax 6, one component left,
     * about 13% less CPU time in all; at lmax 5, four left, even; at lmax 4, nine left, the tile ahead).
     */
    private static final int SCALAR_REST = 4;
    private static final VectorSpecies<Integer> INTS = IntVector.SPECIES_PREFERRED;
    /*
     * One butterfly stage of the transposition per distance d: for rows a, b = a + d, lanes of a with bit d
     * set take b's lanes moved up by d, lanes of b with bit d clear take a's moved down by d. The selects are
     * and/or on the int view: on JDK 17 a mask blend costs a compare per use, and BITWISE_BLEND inlines
     * deeper, which left some compilations boxing the vectors.
     */
    private static final VectorShuffle<Integer> UP1 = shift(-1);
    private static final VectorShuffle<Integer> DOWN1 = shift(1);
    private static final VectorShuffle<Integer> UP2 = shift(-2);
    private static final VectorShuffle<Integer> DOWN2 = shift(2);
    private static final VectorShuffle<Integer> UP4 = shift(-4);
    private static final VectorShuffle<Integer> DOWN4 = shift(4);
    private static final VectorShuffle<Integer> UP8 = shift(-8);
    private static final VectorShuffle<Integer> DOWN8 = shift(8);
    private static final IntVector HIGH1 = lanesWithBit(1);
    private static final IntVector LOW1 = HIGH1.not();
    private static final IntVector HIGH2 = lanesWithBit(2);
    private static final IntVector LOW2 = HIGH2.not();
    private static final IntVector HIGH4 = lanesWithBit(4);
    private static final IntVector LOW4 = HIGH4.not();
    private static final IntVector HIGH8 = lanesWithBit(8);
    private static final IntVector LOW8 = HIGH8.not();
    /*
     * Deinterleaving a group's x y z: lane i of axis a is element 3i + a of the three vectors loaded from the
     * group's coordinates, lane (3i + a) mod LANES of the ((3i + a) / LANES)-th one (measured: about 2×
     * cheaper than three gathers).
     */
    private static final VectorShuffle<Integer> X = axis(0);
    private static final VectorShuffle<Integer> Y = axis(1);
    private static final VectorShuffle<Integer> Z = axis(2);
    private static final IntVector X_IN_FIRST = lanesIn(0, 0);
    private static final IntVector X_IN_SECOND = lanesIn(0, 1);
    private static final IntVector X_IN_THIRD = lanesIn(0, 2);
    private static final IntVector Y_IN_FIRST = lanesIn(1, 0);
    private static final IntVector Y_IN_SECOND = lanesIn(1, 1);
    private static final IntVector Y_IN_THIRD = lanesIn(1, 2);
    private static final IntVector Z_IN_FIRST = lanesIn(2, 0);
    private static final IntVector Z_IN_SECOND = lanesIn(2, 1);
    private static final IntVector Z_IN_THIRD = lanesIn(2, 2);

    private VectorHarmonics() {}

    /** Lane i takes lane i + by, wrapping (the wrapped lanes are never selected). */
    private static VectorShuffle<Integer> shift(int by) {
        return VectorShuffle.fromOp(INTS, i -> Math.floorMod(i + by, LANES));
    }

    /** Lane i takes lane (3i + a) mod LANES: axis a's lane, whichever of the three vectors holds it. */
    private static VectorShuffle<Integer> axis(int a) {
        return VectorShuffle.fromOp(INTS, i -> (AXES * i + a) % LANES);
    }

    /** All ones in the lanes whose axis-a coordinate is in the {@code which}-th of the three vectors. */
    private static IntVector lanesIn(int a, int which) {
        int[] bits = new int[LANES];
        for (int i = 0; i < LANES; i++) bits[i] = (AXES * i + a) / LANES == which ? -1 : 0;
        return IntVector.fromArray(INTS, bits, 0);
    }

    /** All ones in the lanes whose index has {@code bit} set, zero elsewhere. */
    private static IntVector lanesWithBit(int bit) {
        int[] bits = new int[LANES];
        for (int i = 0; i < LANES; i++) bits[i] = (i & bit) != 0 ? -1 : 0;
        return IntVector.fromArray(INTS, bits, 0);
    }

    /** The tables of one harmonics, laid out for this kernel's scratch. */
    private static final class Plan {
        final int dim;
        final boolean normalize;
        /**
         * The terms of component k (k &ge; 1) on factor a (x, y, z, r²) are [start[4k + a], start[4k + a + 1]):
         * sorted by factor, so that each axis row is loaded once per block and each term loads only its source row.
         */
        final int[] start;
        /** Per term: the scratch offset of its source component's row, and its coefficient. */
        final int[] sourceAt;
        final float[] coefficient;
        /**
         * Per element p of a group's {@code LANES × dim} output floats: its offset among the block's component
         * rows; null where rows are transposed.
         */
        final int[] gather;
        /** Per element p of a group's output floats: its component's scale; null where rows are transposed. */
        final float[] scale;
        /** Per component of the tiles: its scale (1 past dim, rows there are padding); null where rows are gathered. */
        final float[] componentScale;
        /** Whether rows are transposed in registers, 16 components per tile: wherever vectors have 16 lanes. */
        final boolean transposed;
        /** Tiles per row: the last one padded past dim where 16 does not divide it. */
        final int tiles;
        /** Scratch offsets of the block's output rows and of the tile between the two passes. */
        final int rowsAt;
        final int tileAt;

        Plan(int dim, boolean normalize, int[] start, int[] factor, int[] source, float[] coefficient, float[] scale) {
            this.dim = dim;
            this.normalize = normalize;
            this.start = new int[FACTORS * dim + 1];
            this.sourceAt = new int[source.length];
            this.coefficient = new float[coefficient.length];
            int next = 0;
            for (int k = 1; k < dim; k++) {
                for (int a = 0; a < FACTORS; a++) {
                    this.start[FACTORS * k + a] = next;
                    for (int t = start[k]; t < start[k + 1]; t++) {
                        if (factor[t] != a) continue;
                        sourceAt[next] = (HEAD + source[t]) * BLOCK;
                        this.coefficient[next++] = coefficient[t];
                    }
                }
            }
            this.start[FACTORS * dim] = next;
            this.transposed = LANES == TILE;
            this.tiles = (dim + TILE - 1) / TILE;
            // Each route builds only its own tables.
            if (transposed) {
                this.gather = null;
                this.scale = null;
                this.componentScale = new float[tiles * TILE];
                Arrays.fill(componentScale, 1f);
                System.arraycopy(scale, 0, componentScale, 0, dim);
            } else {
                this.gather = new int[LANES * dim];
                this.scale = new float[LANES * dim];
                this.componentScale = null;
                for (int p = 0; p < LANES * dim; p++) {
                    gather[p] = (p % dim) * BLOCK + p / dim;
                    this.scale[p] = scale[p % dim];
                }
            }
            this.rowsAt = (HEAD + tiles * TILE) * BLOCK;
            // The last row of a padded tile spills up to 16 floats past the block's rows.
            this.tileAt = rowsAt + BLOCK * dim + TILE;
        }
    }

    /**
     * The plan of one harmonics: its recursion grouped by destination component, each term's factor an axis
     * (0–2) or r² (3), as {@code TwoTermRecursion} writes it, and the scale per component.
     */
    static Object plan(int dim, boolean normalize, int[] start, int[] factor, int[] source, float[] coefficient,
            float[] scale) {
        return new Plan(dim, normalize, start, factor, source, coefficient, scale);
    }

    /** A scratch for {@link #compute} with {@code plan}: one per thread at a time. */
    static float[] scratch(Object plan) {
        Plan p = (Plan) plan;
        float[] scratch = new float[p.transposed ? p.tileAt + TILE * TILE : (HEAD + p.dim) * BLOCK];
        // Component 0 is the constant 1 that the recursion never overwrites.
        Arrays.fill(scratch, HEAD * BLOCK, (HEAD + 1) * BLOCK, 1f);
        return scratch;
    }

    /** Evaluates vectors {@code [from, to)} into their rows of {@code out}, block by block. */
    static void compute(Object plan, float[] scratch, float[] vectors, float[] out, int from, int to) {
        Plan p = (Plan) plan;
        for (int s = from; s < to; s += BLOCK) {
            int count = Math.min(BLOCK, to - s);
            load(p, scratch, vectors, s, count);
            if (p.normalize) normalize(scratch);
            squaredLength(scratch);
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
            IntVector first = FloatVector.fromArray(SPECIES, vectors, at).reinterpretAsInts();
            IntVector second = FloatVector.fromArray(SPECIES, vectors, at + LANES).reinterpretAsInts();
            IntVector third = FloatVector.fromArray(SPECIES, vectors, at + 2 * LANES).reinterpretAsInts();
            first.rearrange(X).and(X_IN_FIRST)
                    .or(second.rearrange(X).and(X_IN_SECOND))
                    .or(third.rearrange(X).and(X_IN_THIRD))
                    .reinterpretAsFloats().intoArray(scratch, g);
            first.rearrange(Y).and(Y_IN_FIRST)
                    .or(second.rearrange(Y).and(Y_IN_SECOND))
                    .or(third.rearrange(Y).and(Y_IN_THIRD))
                    .reinterpretAsFloats().intoArray(scratch, BLOCK + g);
            first.rearrange(Z).and(Z_IN_FIRST)
                    .or(second.rearrange(Z).and(Z_IN_SECOND))
                    .or(third.rearrange(Z).and(Z_IN_THIRD))
                    .reinterpretAsFloats().intoArray(scratch, 2 * BLOCK + g);
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
     * The row of r² = x² + y² + z², the factor of the recursion's r² terms: computed also where vectors are
     * normalized, where r² is 1 only up to rounding (taking it as 1 measured errors past the float bound at
     * lmax 6) and 0 for the zero vector.
     */
    private static void squaredLength(float[] scratch) {
        for (int g = 0; g < BLOCK; g += LANES) {
            FloatVector x = FloatVector.fromArray(SPECIES, scratch, g);
            FloatVector y = FloatVector.fromArray(SPECIES, scratch, BLOCK + g);
            FloatVector z = FloatVector.fromArray(SPECIES, scratch, 2 * BLOCK + g);
            x.mul(x).add(y.mul(y)).add(z.mul(z)).intoArray(scratch, AXES * BLOCK + g);
        }
    }

    /**
     * The unscaled rows of components 1..dim-1 over the block's four vector groups: component k is
     * x·Σ c·Y_src + y·Σ c·Y_src + z·Σ c·Y_src + r²·Σ c·Y_src over its terms on each factor, an empty sum
     * skipped and a lone term of coefficient 1 (the axis term of each component {@code TwoTermRecursion}
     * rewrote) multiplied by its factor alone. The axis vectors stay in registers, so that a term loads only
     * its source rows (measured: about 12% less time in the recursion than loading each term's axis row). The
     * factors are spelled out: a loop over them, or a helper returning each sum, left C2 on JDK 17 boxing the
     * vectors, 4–8× slower (measured again for a loop over the four factors loading each factor's row: 3.3×
     * the CPU time at lmax 3 and 6, the same results bit for bit; a helper adding each factor's sum into the
     * component's row in scratch, no vector leaving it, 1.4× at lmax 6).
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
            int t = start[FACTORS * k];
            int end1 = start[FACTORS * k + 1];
            int end2 = start[FACTORS * k + 2];
            int end3 = start[FACTORS * k + 3];
            int end4 = start[FACTORS * k + 4];
            if (t + 1 == end1 && coefficient[t] == 1f) { // x, one term of coefficient 1
                int y = sourceAt[t++];
                a0 = x0.fma(FloatVector.fromArray(SPECIES, scratch, y), a0);
                a1 = x1.fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), a1);
                a2 = x2.fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), a2);
                a3 = x3.fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), a3);
            } else if (t < end1) { // x
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (int end = end1; t < end; t++) {
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
            if (t + 1 == end2 && coefficient[t] == 1f) { // y, one term of coefficient 1
                int y = sourceAt[t++];
                a0 = y0.fma(FloatVector.fromArray(SPECIES, scratch, y), a0);
                a1 = y1.fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), a1);
                a2 = y2.fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), a2);
                a3 = y3.fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), a3);
            } else if (t < end2) { // y
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (int end = end2; t < end; t++) {
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
            if (t + 1 == end3 && coefficient[t] == 1f) { // z, one term of coefficient 1
                int y = sourceAt[t++];
                a0 = z0.fma(FloatVector.fromArray(SPECIES, scratch, y), a0);
                a1 = z1.fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), a1);
                a2 = z2.fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), a2);
                a3 = z3.fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), a3);
            } else if (t < end3) { // z
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (int end = end3; t < end; t++) {
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
            if (t < end4) { // r²
                FloatVector s0 = zero;
                FloatVector s1 = zero;
                FloatVector s2 = zero;
                FloatVector s3 = zero;
                for (; t < end4; t++) {
                    FloatVector c = FloatVector.broadcast(SPECIES, coefficient[t]);
                    int y = sourceAt[t];
                    s0 = c.fma(FloatVector.fromArray(SPECIES, scratch, y), s0);
                    s1 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + LANES), s1);
                    s2 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 2 * LANES), s2);
                    s3 = c.fma(FloatVector.fromArray(SPECIES, scratch, y + 3 * LANES), s3);
                }
                int r = AXES * BLOCK;
                a0 = FloatVector.fromArray(SPECIES, scratch, r).fma(s0, a0);
                a1 = FloatVector.fromArray(SPECIES, scratch, r + LANES).fma(s1, a1);
                a2 = FloatVector.fromArray(SPECIES, scratch, r + 2 * LANES).fma(s2, a2);
                a3 = FloatVector.fromArray(SPECIES, scratch, r + 3 * LANES).fma(s3, a3);
            }
            int at = (HEAD + k) * BLOCK;
            a0.intoArray(scratch, at);
            a1.intoArray(scratch, at + LANES);
            a2.intoArray(scratch, at + 2 * LANES);
            a3.intoArray(scratch, at + 3 * LANES);
        }
    }

    /**
     * Scales and transposes the block's first {@code count} vectors into the row buffer, group by group, then
     * copies their rows into {@code out} from vector {@code s} (measured at lmax 6: storing each tile's rows
     * straight into {@code out} lost more time than the copy costs, its scattered stores hiding less behind
     * the arithmetic than one contiguous copy).
     */
    private static void store(Plan p, float[] scratch, float[] out, int s, int count) {
        if (p.transposed) {
            for (int g = 0; g < count; g += LANES) transposeGroup(p, scratch, g, p.rowsAt + g * p.dim);
            copyRows(p, scratch, out, s, count);
        } else {
            gather(p, scratch, out, s, count);
        }
    }

    /**
     * The scaled rows of vectors [g, g + 16) into the row buffer from {@code at}, tile by tile from the last:
     * a padded tile's row spills into the next row's first floats, which that row's first tile overwrites
     * after. A last tile of at most {@link #SCALAR_REST} components is copied element by element instead.
     */
    private static void transposeGroup(Plan p, float[] scratch, int g, int at) {
        int c = p.tiles - 1;
        if (c > 0 && p.dim - c * TILE <= SCALAR_REST) {
            copyRest(p, scratch, g, c * TILE, at);
            c--;
        }
        for (; c >= 0; c--) transpose(p, scratch, g, c, at + c * TILE);
    }

    /** The scaled components [first, dim) of vectors [g, g + 16) into their rows from {@code at}, one by one. */
    private static void copyRest(Plan p, float[] scratch, int g, int first, int at) {
        int dim = p.dim;
        float[] scale = p.componentScale;
        for (int k = first; k < dim; k++) {
            int from = (HEAD + k) * BLOCK + g;
            float factor = scale[k];
            for (int v = 0; v < LANES; v++) scratch[at + v * dim + k] = scratch[from + v] * factor;
        }
    }

    /**
     * The scaled components [16c, 16c + 16) of vectors [g, g + 16) into the row buffer from {@code to}, one row
     * of 16 floats per vector, dim apart, in two passes of four rows each (four rows live, not sixteen, so
     * that nothing spills): the butterflies of distance 4 and 8 on rows r, r + 4, r + 8, r + 12 into the
     * tile, then those of distance 1 and 2 on rows 4q..4q + 3, stored in row order (where a padded row
     * overlaps the next, the next is stored after it).
     */
    private static void transpose(Plan p, float[] scratch, int g, int c, int to) {
        int first = c * TILE;
        int from = (HEAD + first) * BLOCK + g;
        int tile = p.tileAt;
        float[] scale = p.componentScale;
        for (int r = 0; r < 4; r++) {
            IntVector a = row(scratch, from + r * BLOCK, scale[first + r]);
            IntVector b = row(scratch, from + (r + 4) * BLOCK, scale[first + r + 4]);
            IntVector e = row(scratch, from + (r + 8) * BLOCK, scale[first + r + 8]);
            IntVector f = row(scratch, from + (r + 12) * BLOCK, scale[first + r + 12]);
            IntVector t = b.rearrange(UP4).and(HIGH4).or(a.and(LOW4));
            b = b.and(HIGH4).or(a.rearrange(DOWN4).and(LOW4));
            a = t;
            t = f.rearrange(UP4).and(HIGH4).or(e.and(LOW4));
            f = f.and(HIGH4).or(e.rearrange(DOWN4).and(LOW4));
            e = t;
            t = e.rearrange(UP8).and(HIGH8).or(a.and(LOW8));
            e = e.and(HIGH8).or(a.rearrange(DOWN8).and(LOW8));
            a = t;
            t = f.rearrange(UP8).and(HIGH8).or(b.and(LOW8));
            f = f.and(HIGH8).or(b.rearrange(DOWN8).and(LOW8));
            b = t;
            a.reinterpretAsFloats().intoArray(scratch, tile + r * TILE);
            b.reinterpretAsFloats().intoArray(scratch, tile + (r + 4) * TILE);
            e.reinterpretAsFloats().intoArray(scratch, tile + (r + 8) * TILE);
            f.reinterpretAsFloats().intoArray(scratch, tile + (r + 12) * TILE);
        }
        int dim = p.dim;
        for (int q = 0; q < TILE; q += 4) {
            IntVector a = FloatVector.fromArray(SPECIES, scratch, tile + q * TILE).reinterpretAsInts();
            IntVector b = FloatVector.fromArray(SPECIES, scratch, tile + (q + 1) * TILE).reinterpretAsInts();
            IntVector e = FloatVector.fromArray(SPECIES, scratch, tile + (q + 2) * TILE).reinterpretAsInts();
            IntVector f = FloatVector.fromArray(SPECIES, scratch, tile + (q + 3) * TILE).reinterpretAsInts();
            IntVector t = b.rearrange(UP1).and(HIGH1).or(a.and(LOW1));
            b = b.and(HIGH1).or(a.rearrange(DOWN1).and(LOW1));
            a = t;
            t = f.rearrange(UP1).and(HIGH1).or(e.and(LOW1));
            f = f.and(HIGH1).or(e.rearrange(DOWN1).and(LOW1));
            e = t;
            t = e.rearrange(UP2).and(HIGH2).or(a.and(LOW2));
            e = e.and(HIGH2).or(a.rearrange(DOWN2).and(LOW2));
            a = t;
            t = f.rearrange(UP2).and(HIGH2).or(b.and(LOW2));
            f = f.and(HIGH2).or(b.rearrange(DOWN2).and(LOW2));
            b = t;
            a.reinterpretAsFloats().intoArray(scratch, to + q * dim);
            b.reinterpretAsFloats().intoArray(scratch, to + (q + 1) * dim);
            e.reinterpretAsFloats().intoArray(scratch, to + (q + 2) * dim);
            f.reinterpretAsFloats().intoArray(scratch, to + (q + 3) * dim);
        }
    }

    /** One component row of a tile, scaled, as ints for the bitwise selects. */
    private static IntVector row(float[] scratch, int at, float scale) {
        return FloatVector.fromArray(SPECIES, scratch, at).mul(scale).reinterpretAsInts();
    }

    /** The rows of the block's first {@code count} vectors from the row buffer into {@code out} from vector s. */
    private static void copyRows(Plan p, float[] scratch, float[] out, int s, int count) {
        int length = count * p.dim;
        int whole = length - length % LANES;
        int from = p.rowsAt;
        int at = s * p.dim;
        for (int j = 0; j < whole; j += LANES) {
            FloatVector.fromArray(SPECIES, scratch, from + j).intoArray(out, at + j);
        }
        if (whole < length) {
            VectorMask<Float> tail = SPECIES.indexInRange(whole, length);
            FloatVector.fromArray(SPECIES, scratch, from + whole).intoArray(out, at + whole, tail);
        }
    }

    /** {@link #store} where rows are not transposed: each vector of output floats gathered from the component rows. */
    private static void gather(Plan p, float[] scratch, float[] out, int s, int count) {
        int dim = p.dim;
        int[] gather = p.gather;
        float[] scale = p.scale;
        for (int g = 0; g < count; g += LANES) {
            int rows = HEAD * BLOCK + g;
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
