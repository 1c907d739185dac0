package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_WEIGHT_OFFSET;

import java.util.ArrayList;
import java.util.List;
import org.equikern.tp.Mode;

/**
 * Java source of a class specialized to one channel-wise ({@code uvu}, one input-2 channel) plan:
 * every Clebsch–Gordan value is a literal and every loop over components is unrolled, so the
 * only loops left run over samples and channels, and features are read and written in e3nn's
 * {@code mul_ir} layout directly. The class has static methods only and depends on nothing but
 * the JDK, so it compiles on any class path; {@link CompiledProduct} calls them:
 * <pre>
 * forward(T[] x1, T[] x2, T[] w, T[] out, int from, int to, double[] scratch)
 * backward(T[] x1, T[] x2, T[] w, T[] gradOut, T[] gradX1, T[] gradX2, T[] gradW,
 *          double[] sharedGradW, int sharedBase, int from, int to, double[] scratch)
 * convolve(T[] x, T[] attrs, T[] w, T[] out, int[] src, int[] order, int[] offsets,
 *          int fromNode, int toNode, double[] scratch)
 * convolveBackward(T[] x, T[] attrs, T[] w, T[] gradOut, T[] gradX, T[] gradAttrs, T[] gradW,
 *          double[] sharedGradW, int sharedBase, int[] dst, int[] order, int[] offsets,
 *          int fromNode, int toNode, double[] scratch)
 * </pre>
 * for T = double and float, computing in double with {@code Math.fma}. Each sample's couplings
 * {@code M_ik = Σ_j C_ijk x2_j} are formed once into the scratch; the forward pass then runs one
 * method per output block (its components accumulated in registers over the paths feeding it),
 * the backward pass one method per path. Methods are kept far below the size past which the
 * JIT refuses to compile them.
 */
final class ChannelWiseSource {
    /** Most multiply-adds one generated method may unroll (HotSpot does not compile methods over 8000 bytecodes). */
    private static final int MAX_TERMS_PER_METHOD = 300;
    private static final String[] TYPES = {"double", "float"};

    private final FlatPlan k;
    private final List<Integer> paths = new ArrayList<>();
    /**
     * Index into {@code k.outBlocks} of each output block with channels: a block of multiplicity 0
     * has nothing to write and shares its offset (the generated methods' name) with the next.
     */
    private final List<Integer> outBlocks = new ArrayList<>();
    private final int couplings;
    private final StringBuilder out = new StringBuilder();

    private ChannelWiseSource(FlatPlan k) {
        this.k = k;
        for (int path = 0; path < k.pathCount; path++) {
            if (k.paths[path * PATH_STRIDE + PATH_PAIR_COUNT] > 0) paths.add(path);
        }
        for (int b = 0; b < k.outBlocks.length; b += 3) {
            if (k.outBlocks[b + 1] > 0) outBlocks.add(b);
        }
        this.couplings = k.couplingIk.length / 2;
    }

    /** Whether every path with couplings is channel-wise with one input-2 channel (and there is one). */
    static boolean supports(FlatPlan k) {
        boolean any = false;
        for (int path = 0; path < k.pathCount; path++) {
            int row = path * PATH_STRIDE;
            if (k.paths[row + PATH_PAIR_COUNT] == 0) continue;
            if (k.couplingStart[path] < 0 || k.paths[row + PATH_TARGET] != Mode.Target.FIRST.ordinal()) return false;
            any = true;
        }
        return any;
    }

    /**
     * Doubles of scratch per thread: couplings, input-1 and input-2 gradients of one sample, and
     * one node's output row (convolutions).
     */
    static int scratchLength(FlatPlan k) {
        return k.couplingIk.length / 2 + k.dim1 + k.dim2 + k.dimOut;
    }

    /**
     * The source of class {@code className} (in package {@code packageName}) for {@code k}, or
     * null when the plan is not {@link #supports supported} or a method would grow too large.
     */
    static String generate(FlatPlan k, String packageName, String className) {
        if (!supports(k)) return null;
        ChannelWiseSource s = new ChannelWiseSource(k);
        return s.fitsMethodLimit() ? s.emit(packageName, className) : null;
    }

    private boolean fitsMethodLimit() {
        for (int b : outBlocks) {
            int terms = 0;
            for (int path : pathsInto(k.outBlocks[b])) terms += k.couplingCount[path];
            if (terms > MAX_TERMS_PER_METHOD) return false;
        }
        for (int path : paths) {
            int first = k.couplingStart[path];
            int terms = 2 * k.couplingCount[path] + k.termStart[first + k.couplingCount[path]] - k.termStart[first];
            if (terms > MAX_TERMS_PER_METHOD) return false;
        }
        return true;
    }

    private String emit(String packageName, String className) {
        line("package " + packageName + ";");
        line("");
        line("/** Generated by Equikern for one channel-wise tensor-product plan. */");
        line("public final class " + className + " {");
        line("private " + className + "() {}");
        for (String t : TYPES) {
            forward(t);
            backward(t);
            for (int path : paths) {
                couplings(t, path);
                backwardPath(t, path);
            }
            convolve(t);
            convolveBackward(t);
            for (int b : outBlocks) {
                forwardBlock(t, b, false);
                // A block no path feeds stays zero in a convolution's node row: no accumulating method.
                if (!pathsInto(k.outBlocks[b]).isEmpty()) forwardBlock(t, b, true);
            }
        }
        line("}");
        return out.toString();
    }

    private void forward(String t) {
        line("public static void forward(" + t + "[] x1, " + t + "[] x2, " + t + "[] w, " + t
                + "[] out, int from, int to, double[] s) {");
        line("for (int n = from; n < to; n++) {");
        sampleBases();
        for (int path : paths) line("c" + path + "(x2, b2, s);");
        for (int b : outBlocks) line("f" + k.outBlocks[b] + "(x1, w, out, s, b1, bw, bo);");
        line("}");
        line("}");
    }

    private void backward(String t) {
        line("public static void backward(" + t + "[] x1, " + t + "[] x2, " + t + "[] w, " + t + "[] gOut, " + t
                + "[] g1, " + t + "[] g2, " + t + "[] gw, double[] shared, int sb, int from, int to, double[] s) {");
        line("boolean inputs = g1 != null || g2 != null;");
        line("for (int n = from; n < to; n++) {");
        sampleBases();
        for (int path : paths) line("c" + path + "(x2, b2, s);");
        line("if (inputs) java.util.Arrays.fill(s, " + couplings + ", " + (couplings + k.dim1 + k.dim2) + ", 0.0);");
        for (int path : paths) line("p" + path + "(x1, w, gOut, gw, shared, sb, s, b1, bw, bo, inputs);");
        line("if (g1 != null) for (int i = 0; i < " + k.dim1 + "; i++) g1[b1 + i] = " + cast(t) + "s[" + couplings
                + " + i];");
        line("if (g2 != null) for (int j = 0; j < " + k.dim2 + "; j++) g2[b2 + j] = " + cast(t) + "s["
                + (couplings + k.dim1) + " + j];");
        line("}");
        line("}");
    }

    /**
     * The fused convolution for target nodes {@code from..to}: each node's incoming edges
     * ({@code order[offsets[node]..offsets[node+1]]}, edge order) summed in a double row, then
     * stored. Edge e reads node {@code src[e]}'s features and its own attributes and weights.
     */
    private void convolve(String t) {
        line("public static void convolve(" + t + "[] x, " + t + "[] attrs, " + t + "[] w, " + t
                + "[] out, int[] src, int[] order, int[] offsets, int from, int to, double[] s) {");
        line("for (int node = from; node < to; node++) {");
        line("java.util.Arrays.fill(s, " + rowStart() + ", " + (rowStart() + k.dimOut) + ", 0.0);");
        line("for (int t = offsets[node]; t < offsets[node + 1]; t++) {");
        line("int e = order[t];");
        edgeBases("src[e]");
        for (int path : paths) line("c" + path + "(attrs, b2, s);");
        for (int b : outBlocks) {
            if (!pathsInto(k.outBlocks[b]).isEmpty()) line("fa" + k.outBlocks[b] + "(x, w, s, b1, bw);");
        }
        line("}");
        line("for (int f = 0; f < " + k.dimOut + "; f++) out[node * " + k.dimOut + " + f] = " + cast(t) + "s["
                + rowStart() + " + f];");
        line("}");
        line("}");
    }

    /**
     * The convolution's gradients for source nodes {@code from..to}: each node's outgoing edges
     * ({@code order[offsets[node]..]}, edge order) add into the node's feature gradient, held in
     * the scratch; each edge's attribute and weight gradients are written (shared weights: added
     * into {@code shared}).
     */
    private void convolveBackward(String t) {
        line("public static void convolveBackward(" + t + "[] x, " + t + "[] attrs, " + t + "[] w, " + t + "[] gOut, "
                + t + "[] gX, " + t + "[] gAttrs, " + t + "[] gw, double[] shared, int sb, int[] dst, int[] order, "
                + "int[] offsets, int from, int to, double[] s) {");
        line("boolean inputs = gX != null || gAttrs != null;");
        line("for (int node = from; node < to; node++) {");
        line("java.util.Arrays.fill(s, " + couplings + ", " + (couplings + k.dim1) + ", 0.0);");
        line("for (int t = offsets[node]; t < offsets[node + 1]; t++) {");
        line("int e = order[t];");
        edgeBases("node");
        line("int bo = dst[e] * " + k.dimOut + ";");
        for (int path : paths) line("c" + path + "(attrs, b2, s);");
        line("java.util.Arrays.fill(s, " + (couplings + k.dim1) + ", " + (couplings + k.dim1 + k.dim2) + ", 0.0);");
        for (int path : paths) line("p" + path + "(x, w, gOut, gw, shared, sb, s, b1, bw, bo, inputs);");
        line("if (gAttrs != null) for (int j = 0; j < " + k.dim2 + "; j++) gAttrs[b2 + j] = " + cast(t) + "s["
                + (couplings + k.dim1) + " + j];");
        line("}");
        line("if (gX != null) for (int i = 0; i < " + k.dim1 + "; i++) gX[node * " + k.dim1 + " + i] = " + cast(t)
                + "s[" + couplings + " + i];");
        line("}");
        line("}");
    }

    /** Bases of edge e's operands: the features of node {@code node}, the edge's attributes and weights. */
    private void edgeBases(String node) {
        String weights = k.sharedWeights ? "0" : "e * " + k.weightNumel;
        line("int b1 = " + node + " * " + k.dim1 + ", b2 = e * " + k.dim2 + ", bw = " + weights + ";");
    }

    /** Where a node's output row starts in the scratch. */
    private int rowStart() {
        return couplings + k.dim1 + k.dim2;
    }

    private void sampleBases() {
        String weights = k.sharedWeights ? "0" : "n * " + k.weightNumel;
        line("int b1 = n * " + k.dim1 + ", b2 = n * " + k.dim2 + ", bw = " + weights + ", bo = n * " + k.dimOut + ";");
    }

    /** {@code m[q] = Σ_j C x2_j} for the path's couplings q. */
    private void couplings(String t, int path) {
        line("private static void c" + path + "(" + t + "[] x2, int b2, double[] m) {");
        int o2 = k.paths[path * PATH_STRIDE + PATH_IN2_OFFSET];
        for (int q = first(path); q < end(path); q++) {
            ProductSum sum = new ProductSum();
            for (int z = k.termStart[q]; z < k.termStart[q + 1]; z++) {
                sum.add(literal(k.termValue[z]), "x2[b2 + " + (o2 + k.termJ[z]) + "]");
            }
            line("m[" + q + "] = " + sum + ";");
        }
        line("}");
    }

    /** One output block: per channel, every path feeding it summed in registers, stored once. */
    private void forwardBlock(String t, int b, boolean accumulate) {
        int offset = k.outBlocks[b], mul = k.outBlocks[b + 1], dim = k.outBlocks[b + 2];
        if (accumulate) {
            line("private static void fa" + offset + "(" + t + "[] x1, " + t + "[] w, double[] m, int b1, int bw) {");
        } else {
            line("private static void f" + offset + "(" + t + "[] x1, " + t + "[] w, " + t
                    + "[] out, double[] m, int b1, int bw, int bo) {");
        }
        List<Integer> into = pathsInto(offset);
        for (int path : into) loadCouplings(path, "m");
        line("for (int u = 0; u < " + mul + "; u++) {");
        List<Integer> loaded = new ArrayList<>();
        for (int path : into) {
            int in1 = in1Offset(path);
            if (!loaded.contains(in1)) {
                loaded.add(in1);
                loadChannel("a", "x1", "b1", in1, dim1(path));
            }
        }
        for (int c = 0; c < dim; c++) line("double s" + c + " = 0;");
        for (int path : into) {
            String weight = loadWeight(path);
            for (int c = 0; c < dim; c++) {
                ProductSum sum = new ProductSum();
                for (int q = first(path); q < end(path); q++) {
                    if (k.couplingIk[2 * q + 1] == c) sum.add("m" + q, "a" + in1Offset(path) + "_" + k.couplingIk[2 * q]);
                }
                if (!sum.isEmpty()) line("s" + c + " += " + weighted(weight, sum) + ";");
            }
        }
        for (int c = 0; c < dim; c++) {
            String at = offset + " + " + dim + " * u + " + c;
            line(accumulate ? "m[" + rowStart() + " + " + at + "] += s" + c + ";"
                    : "out[bo + " + at + "] = " + cast(t) + "s" + c + ";");
        }
        line("}");
        line("}");
    }

    /**
     * One path's gradients: the weight gradient {@code Σ_k gOut_k Σ_i M_ik x1_i} per channel,
     * and with {@code inputs} the input-1 gradient (added into the scratch) and the input-2
     * gradient (summed over channels in registers, then added into the scratch).
     */
    private void backwardPath(String t, int path) {
        int row = path * PATH_STRIDE;
        int mul = k.paths[row + PATH_IN1_MUL], d1 = dim1(path), dOut = k.paths[row + PATH_OUT_DIM];
        int in1 = in1Offset(path), o = k.paths[row + PATH_OUT_OFFSET], o2 = k.paths[row + PATH_IN2_OFFSET];
        boolean weighted = k.paths[row + PATH_HAS_WEIGHT] == 1;
        line("private static void p" + path + "(" + t + "[] x1, " + t + "[] w, " + t + "[] gOut, " + t
                + "[] gw, double[] shared, int sb, double[] s, int b1, int bw, int bo, boolean inputs) {");
        loadCouplings(path, "s");
        int[] js = inputTwoComponents(path);
        for (int j : js) line("double h" + j + " = 0;");
        line("for (int u = 0; u < " + mul + "; u++) {");
        loadChannel("a", "x1", "b1", in1, d1);
        loadChannel("g", "gOut", "bo", o, dOut);
        String weight = loadWeight(path);
        if (weighted) {
            ProductSum z = new ProductSum();
            for (int c = 0; c < dOut; c++) {
                ProductSum sum = new ProductSum();
                for (int q = first(path); q < end(path); q++) {
                    if (k.couplingIk[2 * q + 1] == c) sum.add("m" + q, "a" + in1 + "_" + k.couplingIk[2 * q]);
                }
                if (!sum.isEmpty()) z.add("g" + o + "_" + c, "(" + sum + ")");
            }
            int at = k.paths[row + PATH_WEIGHT_OFFSET];
            line("double z = " + (z.isEmpty() ? "0" : z) + ";");
            line("if (gw != null) gw[bw + " + at + " + u] = " + cast(t) + "z;");
            line("if (shared != null) shared[sb + " + at + " + u] += z;");
        }
        line("if (inputs) {");
        for (int i = 0; i < d1; i++) {
            ProductSum sum = new ProductSum();
            for (int q = first(path); q < end(path); q++) {
                if (k.couplingIk[2 * q] == i) sum.add("m" + q, "g" + o + "_" + k.couplingIk[2 * q + 1]);
            }
            if (!sum.isEmpty()) line("s[" + couplings + " + " + in1 + " + " + d1 + " * u + " + i + "] += "
                    + weighted(weight, sum) + ";");
        }
        for (int j : js) {
            ProductSum sum = new ProductSum();
            for (int q = first(path); q < end(path); q++) {
                for (int zz = k.termStart[q]; zz < k.termStart[q + 1]; zz++) {
                    if (k.termJ[zz] == j) sum.add(literal(k.termValue[zz]) + " * a" + in1 + "_" + k.couplingIk[2 * q],
                            "g" + o + "_" + k.couplingIk[2 * q + 1]);
                }
            }
            line("h" + j + " += " + weighted(weight, sum) + ";");
        }
        line("}");
        line("}");
        line("if (inputs) {");
        for (int j : js) line("s[" + (couplings + k.dim1 + o2 + j) + "] += h" + j + ";");
        line("}");
        line("}");
    }

    /** The input-2 components the path's terms read, ascending. */
    private int[] inputTwoComponents(int path) {
        boolean[] used = new boolean[k.dim2 + 1];
        for (int q = first(path); q < end(path); q++) {
            for (int z = k.termStart[q]; z < k.termStart[q + 1]; z++) used[k.termJ[z]] = true;
        }
        List<Integer> js = new ArrayList<>();
        for (int j = 0; j < used.length; j++) {
            if (used[j]) js.add(j);
        }
        return js.stream().mapToInt(Integer::intValue).toArray();
    }

    private List<Integer> pathsInto(int outOffset) {
        List<Integer> into = new ArrayList<>();
        for (int path : paths) {
            if (k.paths[path * PATH_STRIDE + PATH_OUT_OFFSET] == outOffset) into.add(path);
        }
        return into;
    }

    /** {@code double m<q> = scratch[q]} for the path's couplings. */
    private void loadCouplings(int path, String scratch) {
        for (int q = first(path); q < end(path); q++) line("double m" + q + " = " + scratch + "[" + q + "];");
    }

    /** {@code double <prefix><offset>_<c> = array[base + offset + dim·u + c]} for the block's components. */
    private void loadChannel(String prefix, String array, String base, int offset, int dim) {
        for (int c = 0; c < dim; c++) {
            line("double " + prefix + offset + "_" + c + " = " + array + "[" + base + " + " + offset + " + " + dim
                    + " * u + " + c + "];");
        }
    }

    /** Loads the path's weight for channel u into a local and returns its name, or null when unweighted. */
    private String loadWeight(int path) {
        int row = path * PATH_STRIDE;
        if (k.paths[row + PATH_HAS_WEIGHT] != 1) return null;
        line("double w" + path + " = w[bw + " + k.paths[row + PATH_WEIGHT_OFFSET] + " + u];");
        return "w" + path;
    }

    private static String weighted(String weight, Object sum) {
        return weight == null ? sum.toString() : weight + " * (" + sum + ")";
    }

    private int first(int path) {
        return k.couplingStart[path];
    }

    private int end(int path) {
        return k.couplingStart[path] + k.couplingCount[path];
    }

    private int in1Offset(int path) {
        return k.paths[path * PATH_STRIDE + PATH_IN1_OFFSET];
    }

    private int dim1(int path) {
        return k.paths[path * PATH_STRIDE + PATH_IN1_DIM];
    }

    private static String cast(String type) {
        return type.equals("float") ? "(float) " : "";
    }

    private static String literal(double v) {
        return Double.toString(v);
    }

    /**
     * A sum of two-factor products, written as a chain of {@code Math.fma} (one fused multiply-add
     * instruction each, which Java's {@code a * b + c} may not use).
     */
    private static final class ProductSum {
        private final List<String[]> terms = new ArrayList<>();

        void add(String left, String right) {
            terms.add(new String[] {left, right});
        }

        boolean isEmpty() {
            return terms.isEmpty();
        }

        @Override
        public String toString() {
            String sum = terms.get(0)[0] + " * " + terms.get(0)[1];
            for (int t = 1; t < terms.size(); t++) {
                sum = "Math.fma(" + terms.get(t)[0] + ", " + terms.get(t)[1] + ", " + sum + ")";
            }
            return sum;
        }
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
