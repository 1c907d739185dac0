package org.equikern.ops.tensorproduct;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Generated methods moving a row's irreps blocks between e3nn's {@code mul_ir} layout
 * ({@code [channel][component]}) and {@code ir_mul} ({@code [component][channel]}), for the float
 * channel-wise class ({@link FloatChannelWiseSource}). Each row method (see {@link #row}) moves
 * its blocks one after another: a block of one component is a plain copy; one of {@code dim}
 * components (l = 1, see {@link #LANE_MOVED_DIM}), on the Vector API, moves {@code dim} vectors of
 * {@code S.length()} channels at a time by lane shuffles, the rest of its channels by scalar
 * moves (all blocks without the Vector API).
 *
 * <p>The lane shuffles: per step, {@code dim} input vectors hold {@code dim · S.length()}
 * consecutive floats of one layout and {@code dim} output vectors the same floats in the other.
 * Each output vector takes its lane p from lane {@code lane(p)} of input vector
 * {@code source(p)}: one shuffle, the same for every input vector, then blends by which input
 * holds the lane ({@code dim} shuffles and {@code dim - 1} blends per output vector). Shuffles
 * and masks are static finals of the generated class, built from {@code S.length()} when it
 * loads, so C2 holds them in registers.
 */
final class ChannelTransposeSource {
    /**
     * The number of components whose blocks move by lane shuffles: vectors (l = 1). With l = 2 and
     * 3 too, MACE's forward+backward ran slower (CPU time 54 against 48 ms a call): inlined into
     * the row methods, their 45 and 91 vector operations outgrew what the JIT inlines, and the
     * input-1 row's share of the profile rose from under 1% to 4.8%.
     */
    private static final int LANE_MOVED_DIM = 3;
    private final boolean vector;
    /** The numbers of components (over 1) of the blocks moved on the Vector API, each with both directions' methods. */
    private final TreeSet<Integer> dims = new TreeSet<>();
    private final StringBuilder out = new StringBuilder();

    ChannelTransposeSource(boolean vector) {
        this.vector = vector;
    }

    /** The import declarations the methods need beyond {@code FloatVector} and {@code VectorSpecies}. */
    String imports() {
        return vector ? "import jdk.incubator.vector.VectorMask;\nimport jdk.incubator.vector.VectorShuffle;\n" : "";
    }

    /**
     * Emits {@code private static void name(float[] src, int sb, float[] dst, int db)} moving the
     * row's blocks ({@code [offset, mul, dim]} triples) from {@code src} at {@code sb} to
     * {@code dst} at {@code db}: into {@code ir_mul} when {@code toIrMul}, else back.
     */
    void row(String name, int[] blocks, boolean toIrMul) {
        line("private static void " + name + "(float[] src, int sb, float[] dst, int db) {");
        for (int b = 0; b < blocks.length; b += 3) {
            int offset = blocks[b], mul = blocks[b + 1], dim = blocks[b + 2];
            if (mul == 0) continue;
            String at = "sb + " + offset + ", dst, db + " + offset;
            if (dim == 1) {
                line("System.arraycopy(src, " + at + ", " + mul + ");");
            } else if (vector && dim == LANE_MOVED_DIM) {
                dims.add(dim);
                line(blockMethod(dim, toIrMul) + "(src, " + at + ", " + mul + ");");
            } else {
                line("for (int u = 0; u < " + mul + "; u++) {");
                scalarMoves(dim, String.valueOf(mul), offset + " + ", toIrMul);
                line("}");
            }
        }
        line("}");
    }

    /** The row methods emitted so far, then the block methods and lane moves they call. */
    String emit() {
        if (!dims.isEmpty()) laneMoveBuilders();
        for (int dim : dims) {
            for (boolean toIrMul : new boolean[] {true, false}) {
                emitBlockMethod(dim, toIrMul);
                for (int o = 0; o < dim; o++) laneConstants(dim, toIrMul, o);
            }
        }
        return out.toString();
    }

    /**
     * Channel u's {@code dim} moves of a block of {@code mul} channels (an expression) at
     * {@code offset} (an expression's prefix) from {@code sb} and {@code db}.
     */
    private void scalarMoves(int dim, String mul, String offset, boolean toIrMul) {
        for (int c = 0; c < dim; c++) {
            String mulIr = offset + dim + " * u + " + c;
            String irMul = offset + c + " * " + mul + " + u";
            line(toIrMul ? "dst[db + " + irMul + "] = src[sb + " + mulIr + "];"
                    : "dst[db + " + mulIr + "] = src[sb + " + irMul + "];");
        }
    }

    private static String blockMethod(int dim, boolean toIrMul) {
        return (toIrMul ? "toIrMul" : "toMulIr") + dim;
    }

    /** A name for output vector o's shuffle ({@code mask} null) or its mask over input vector {@code mask}. */
    private static String move(int dim, boolean toIrMul, int o, Integer mask) {
        return (toIrMul ? "I" : "M") + dim + "_" + o + (mask == null ? "" : "_" + mask);
    }

    /**
     * One block of {@code mul} channels ({@code mul} a parameter: one method serves every block
     * of {@code dim} components): whole steps of {@code S.length()} channels by lane moves, then
     * the remaining channels one by one.
     */
    private void emitBlockMethod(int dim, boolean toIrMul) {
        line("private static void " + blockMethod(dim, toIrMul) + "(float[] src, int sb, float[] dst, int db, int mul) {");
        line("int u = 0;");
        line("for (; u < S.loopBound(mul); u += S.length()) {");
        for (int o = 0; o < dim; o++) {
            // Output vector o of the step: ir_mul's component o, or mul_ir's o-th S.length() floats.
            String from = toIrMul ? "sb + " + dim + " * u" : "sb + u";
            String to = toIrMul ? "db + " + o + " * mul + u" : "db + " + dim + " * u + " + o + " * S.length()";
            outputVector(dim, toIrMul, o, from, to);
        }
        line("}");
        line("for (; u < mul; u++) {");
        scalarMoves(dim, "mul", "", toIrMul);
        line("}");
        line("}");
    }

    /**
     * The statement storing output vector o of a step at {@code to}, from the {@code dim} input
     * vectors at {@code from} (consecutive vectors of {@code mul_ir}, or component rows
     * {@code mul} apart in {@code ir_mul}).
     */
    private void outputVector(int dim, boolean toIrMul, int o, String from, String to) {
        String shuffle = move(dim, toIrMul, o, null);
        List<String> inputs = new ArrayList<>();
        for (int v = 0; v < dim; v++) {
            String at = toIrMul ? from + " + " + v + " * S.length()" : from + " + " + v + " * mul";
            inputs.add("FloatVector.fromArray(S, src, " + at + ").rearrange(" + shuffle + ")");
        }
        StringBuilder value = new StringBuilder(inputs.get(0));
        for (int v = 1; v < dim; v++) value.append(".blend(").append(inputs.get(v)).append(", ")
                .append(move(dim, toIrMul, o, v)).append(")");
        line(value + ".intoArray(dst, " + to + ");");
    }

    /** Output vector o's shuffle and its masks over input vectors 1..dim-1, as constants. */
    private void laneConstants(int dim, boolean toIrMul, int o) {
        line("private static final VectorShuffle<Float> " + move(dim, toIrMul, o, null) + " = laneShuffle(" + dim + ", "
                + o + ", " + toIrMul + ");");
        for (int v = 1; v < dim; v++) {
            line("private static final VectorMask<Float> " + move(dim, toIrMul, o, v) + " = laneMask(" + dim + ", " + o
                    + ", " + v + ", " + toIrMul + ");");
        }
    }

    /**
     * The generated builders of the constants. Output vector o's lane p holds the step's float
     * {@code f} in {@code mul_ir} order (channel · dim + component), which input vector
     * {@code f / L} holds in lane {@code f mod L} when the input is {@code mul_ir}, and input
     * vector (component) {@code f mod dim} in lane (channel) {@code f / dim} when it is {@code ir_mul}.
     */
    private void laneMoveBuilders() {
        line("/** Of output vector o's lane p: the index of its float in the step's floats in mul_ir order. */");
        line("private static int laneSource(int dim, int o, int p, boolean toIrMul) {");
        line("return toIrMul ? dim * p + o : S.length() * o + p;");
        line("}");
        line("private static VectorShuffle<Float> laneShuffle(int dim, int o, boolean toIrMul) {");
        line("int[] lanes = new int[S.length()];");
        line("for (int p = 0; p < lanes.length; p++) {");
        line("int f = laneSource(dim, o, p, toIrMul);");
        line("lanes[p] = toIrMul ? f % S.length() : f / dim;");
        line("}");
        line("return VectorShuffle.fromArray(S, lanes, 0);");
        line("}");
        line("private static VectorMask<Float> laneMask(int dim, int o, int v, boolean toIrMul) {");
        line("boolean[] selected = new boolean[S.length()];");
        line("for (int p = 0; p < selected.length; p++) {");
        line("int f = laneSource(dim, o, p, toIrMul);");
        line("selected[p] = (toIrMul ? f / S.length() : f % dim) == v;");
        line("}");
        line("return VectorMask.fromArray(S, selected, 0);");
        line("}");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
