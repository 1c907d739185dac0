package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_WEIGHT_OFFSET;

import java.util.ArrayList;
import java.util.List;

/**
 * Java source of a class specialized to one channel-wise ({@code uvu}, one input-2 channel) plan:
 * every Clebsch–Gordan value is a literal and every loop over components is unrolled, so the
 * only loops left run over samples and channels, and features are read and written in e3nn's
 * {@code mul_ir} layout directly. The class has static methods only and depends on nothing but
 * the JDK, so it compiles on any class path; {@link CompiledProduct} calls them:
 * <pre>
 * forward(double[] x1, double[] x2, double[] w, double[] out, int from, int to, double[] scratch)
 * backward(double[] x1, double[] x2, double[] w, double[] gradOut, double[] gradX1, double[] gradX2,
 *          double[] gradW, double[] sharedGradW, int sharedBase, int from, int to, double[] scratch)
 * convolve(double[] x, double[] attrs, double[] w, double[] out, int[] src, int[] order, int[] offsets,
 *          int fromNode, int toNode, double[] scratch)
 * convolveBackward(double[] x, double[] attrs, double[] w, double[] gradOut, double[] gradX,
 *          double[] gradAttrs, double[] gradW, double[] sharedGradW, int sharedBase, int[] dst,
 *          int[] order, int[] offsets, int fromNode, int toNode, double[] scratch)
 * tangent(double[] x1, double[] x1t, double[] x2, double[] x2t, double[] w, double[] wt, double[] out,
 *          int from, int to, double[] scratch)                          (see {@link #hasTangents})
 * tangentBackward(double[] x1, double[] x1t, double[] x2, double[] x2t, double[] w, double[] wt,
 *          double[] gradOut, double[] gradOutT, double[] gradX1T, double[] gradWT, int from, int to,
 *          double[] scratch)
 * </pre>
 * computing with {@code Math.fma}; the float methods, computing in float on
 * channel-innermost rows, come from {@link FloatChannelWiseSource}. Each sample's couplings
 * {@code M_ik = Σ_j C_ijk x2_j} are formed once into the scratch; the forward pass then runs one
 * method per output block (its components accumulated in registers over the paths feeding it),
 * the backward pass one method per path. Methods are kept far below the size past which the
 * JIT refuses to compile them.
 */
final class ChannelWiseSource {
    /** The terms a tangent kernel computes per product: one per operand's tangent. */
    private static final int TANGENT_TERMS = 3;
    private final ChannelWisePaths p;
    private final FlatPlan k;
    private final List<Integer> paths;
    private final List<Integer> outBlocks;
    private final int couplings;
    private final FloatChannelWiseSource floats;
    private final StringBuilder out = new StringBuilder();

    private ChannelWiseSource(ChannelWisePaths p, boolean vectorApi) {
        this.p = p;
        this.floats = new FloatChannelWiseSource(p, vectorApi);
        this.k = p.k;
        this.paths = p.paths;
        this.outBlocks = p.outBlocks;
        this.couplings = p.couplings;
    }

    /** Whether every path with couplings is channel-wise with one input-2 channel (and there is one). */
    static boolean supports(FlatPlan k) {
        return ChannelWisePaths.supports(k);
    }

    /**
     * Doubles of scratch per thread: couplings, input-1 and input-2 gradients of one sample, and
     * one node's output row (convolutions).
     */
    static int scratchLength(FlatPlan k) {
        int couplings = k.couplingIk.length / 2;
        // The tangent kernels hold both operands' couplings and three input-1 gradient terms.
        return Math.max(couplings + k.dim1 + k.dim2 + k.dimOut, 2 * couplings + 3 * k.dim1);
    }

    /**
     * Whether the class has the tangent kernels ({@code tangent}, {@code tangentBackward}): per-sample
     * weights on every path (a convolution's product, trilinear in its three operands) and methods small
     * enough to hold three terms each.
     */
    static boolean hasTangents(FlatPlan k) {
        ChannelWisePaths paths = new ChannelWisePaths(k);
        return paths.perSampleWeightsOnEveryPath() && paths.fitsMethodLimit(TANGENT_TERMS);
    }

    /**
     * The source of class {@code className} (in package {@code packageName}) for {@code k}, its
     * float32 loops on the Vector API when {@code vectorApi} (then it compiles and runs only with
     * {@code jdk.incubator.vector}), or null when the plan is not {@link #supports supported} or a
     * method would grow too large.
     */
    static String generate(FlatPlan k, String packageName, String className, boolean vectorApi) {
        if (!supports(k)) return null;
        ChannelWisePaths paths = new ChannelWisePaths(k);
        return paths.fitsMethodLimit() ? new ChannelWiseSource(paths, vectorApi).emit(packageName, className) : null;
    }

    private String emit(String packageName, String className) {
        line("package " + packageName + ";");
        line("");
        out.append(floats.imports());
        line("/** Generated by Equikern for one channel-wise tensor-product plan. */");
        line("public final class " + className + " {");
        line("private " + className + "() {}");
        forward();
        backward();
        for (int path : paths) {
            couplings(path);
            backwardPath(path);
        }
        convolve();
        convolveBackward();
        for (int b : outBlocks) {
            forwardBlock(b, false);
            // A block no path feeds stays zero in a convolution's node row: no accumulating method.
            if (!p.pathsInto(k.outBlocks[b]).isEmpty()) forwardBlock(b, true);
        }
        if (hasTangents(k)) tangents();
        out.append(floats.emit());
        line("}");
        return out.toString();
    }

    private void forward() {
        line("public static void forward(double[] x1, double[] x2, double[] w, "
                + "double[] out, int from, int to, double[] s) {");
        line("for (int n = from; n < to; n++) {");
        sampleBases();
        for (int path : paths) line("c" + path + "(x2, b2, s);");
        for (int b : outBlocks) line("f" + k.outBlocks[b] + "(x1, w, out, s, b1, bw, bo);");
        line("}");
        line("}");
    }

    private void backward() {
        line("public static void backward(double[] x1, double[] x2, double[] w, double[] gOut, "
                + "double[] g1, double[] g2, double[] gw, double[] shared, int sb, int from, int to, double[] s) {");
        line("boolean inputs = g1 != null || g2 != null;");
        line("for (int n = from; n < to; n++) {");
        sampleBases();
        for (int path : paths) line("c" + path + "(x2, b2, s);");
        line("if (inputs) java.util.Arrays.fill(s, " + couplings + ", " + (couplings + k.dim1 + k.dim2) + ", 0.0);");
        for (int path : paths) line("p" + path + "(x1, w, gOut, gw, shared, sb, s, b1, bw, bo, inputs);");
        line("if (g1 != null) for (int i = 0; i < " + k.dim1 + "; i++) g1[b1 + i] = s[" + couplings
                + " + i];");
        line("if (g2 != null) for (int j = 0; j < " + k.dim2 + "; j++) g2[b2 + j] = s["
                + (couplings + k.dim1) + " + j];");
        line("}");
        line("}");
    }

    /**
     * The fused convolution for target nodes {@code from..to}: each node's incoming edges
     * ({@code order[offsets[node]..offsets[node+1]]}, edge order) summed in a double row, then
     * stored. Edge e reads node {@code src[e]}'s features and its own attributes and weights.
     */
    private void convolve() {
        line("public static void convolve(double[] x, double[] attrs, double[] w, "
                + "double[] out, int[] src, int[] order, int[] offsets, int from, int to, double[] s) {");
        line("for (int node = from; node < to; node++) {");
        line("java.util.Arrays.fill(s, " + rowStart() + ", " + (rowStart() + k.dimOut) + ", 0.0);");
        line("for (int t = offsets[node]; t < offsets[node + 1]; t++) {");
        line("int e = order[t];");
        edgeBases("src[e]");
        for (int path : paths) line("c" + path + "(attrs, b2, s);");
        for (int b : outBlocks) {
            if (!p.pathsInto(k.outBlocks[b]).isEmpty()) line("fa" + k.outBlocks[b] + "(x, w, s, b1, bw);");
        }
        line("}");
        line("for (int f = 0; f < " + k.dimOut + "; f++) out[node * " + k.dimOut + " + f] = s["
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
    private void convolveBackward() {
        line("public static void convolveBackward(double[] x, double[] attrs, double[] w, double[] gOut, "
                + "double[] gX, double[] gAttrs, double[] gw, double[] shared, int sb, int[] dst, int[] order, "
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
        line("if (gAttrs != null) for (int j = 0; j < " + k.dim2 + "; j++) gAttrs[b2 + j] = s["
                + (couplings + k.dim1) + " + j];");
        line("}");
        line("if (gX != null) for (int i = 0; i < " + k.dim1 + "; i++) gX[node * " + k.dim1 + " + i] = "
                + "s[" + couplings + " + i];");
        line("}");
        line("}");
    }

    /**
     * The tangent kernels. With {@code T} the product and a dot a tangent,
     * <pre>
     * tangent(x1, ẋ1, x2, ẋ2, w, ẇ, out, from, to, s):  out = T(ẋ1, x2, w) + T(x1, ẋ2, w) + T(x1, x2, ẇ)
     * tangentBackward(x1, ẋ1, x2, ẋ2, w, ẇ, gOut, ġOut, ġ1, ġw, from, to, s):
     *     ġ1 = B1(x2, w, ġOut) + B1(ẋ2, w, gOut) + B1(x2, ẇ, gOut)
     *     ġw = Bw(x1, x2, ġOut) + Bw(ẋ1, x2, gOut) + Bw(x1, ẋ2, gOut)
     * </pre>
     * (B1, Bw: backward's input-1 and weight gradients), each term computed as the forward or backward
     * kernel computes it and the three summed in that order: the results are those of the separate calls
     * summed, bit for bit, from one pass over the samples. Scratch: x2's couplings, then ẋ2's, then the
     * three input-1 gradient terms.
     */
    private void tangents() {
        line("public static void tangent(double[] x1, double[] x1t, double[] x2, double[] x2t, double[] w, "
                + "double[] wt, double[] out, int from, int to, double[] s) {");
        line("for (int n = from; n < to; n++) {");
        sampleBases();
        bothCouplings();
        for (int b : outBlocks) line("tf" + k.outBlocks[b] + "(x1, x1t, w, wt, out, s, b1, bw, bo);");
        line("}");
        line("}");
        int terms = 2 * couplings;
        line("public static void tangentBackward(double[] x1, double[] x1t, double[] x2, double[] x2t, double[] w, "
                + "double[] wt, double[] gOut, double[] gOutT, double[] g1, double[] gw, int from, int to, "
                + "double[] s) {");
        line("for (int n = from; n < to; n++) {");
        sampleBases();
        bothCouplings();
        line("java.util.Arrays.fill(s, " + terms + ", " + (terms + TANGENT_TERMS * k.dim1) + ", 0.0);");
        for (int path : paths) line("tb" + path + "(x1, x1t, w, wt, gOut, gOutT, gw, s, b1, bw, bo);");
        line("for (int i = 0; i < " + k.dim1 + "; i++) g1[b1 + i] = s[" + terms + " + i] + s["
                + (terms + k.dim1) + " + i] + s[" + (terms + 2 * k.dim1) + " + i];");
        line("}");
        line("}");
        for (int path : paths) {
            line("private static void ct" + path + "(double[] x2, int b2, double[] m) {");
            p.couplingStatements(path, ChannelWiseSource::literal, couplings).forEach(this::line);
            line("}");
            tangentBackwardPath(path);
        }
        for (int b : outBlocks) tangentBlock(b);
    }

    /** x2's couplings into the scratch from 0, ẋ2's after them. */
    private void bothCouplings() {
        for (int path : paths) line("c" + path + "(x2, b2, s);");
        for (int path : paths) line("ct" + path + "(x2t, b2, s);");
    }

    /**
     * Loads channel u of each distinct input-1 block the paths read, once each, and with
     * {@code tangent} also its tangent's ({@code ta} from {@code x1t}).
     */
    private void loadInput1Channels(List<Integer> into, boolean tangent) {
        List<Integer> loaded = new ArrayList<>();
        for (int path : into) {
            int in1 = p.in1Offset(path);
            if (!loaded.contains(in1)) {
                loaded.add(in1);
                loadChannel("a", "x1", "b1", in1, p.dim1(path));
                if (tangent) loadChannel("ta", "x1t", "b1", in1, p.dim1(path));
            }
        }
    }

    /** One output block of the tangent: per channel the three terms in registers, summed and stored once. */
    private void tangentBlock(int b) {
        int offset = k.outBlocks[b], mul = k.outBlocks[b + 1], dim = k.outBlocks[b + 2];
        line("private static void tf" + offset + "(double[] x1, double[] x1t, double[] w, double[] wt, "
                + "double[] out, double[] m, int b1, int bw, int bo) {");
        List<Integer> into = p.pathsInto(offset);
        for (int path : into) {
            loadCouplings(path, "m");
            loadCouplings(path, "m", "tm", couplings);
        }
        line("for (int u = 0; u < " + mul + "; u++) {");
        loadInput1Channels(into, true);
        for (int c = 0; c < dim; c++) line("double s" + c + " = 0, r" + c + " = 0, v" + c + " = 0;");
        for (int path : into) {
            String weight = loadWeight(path);
            String weightTangent = loadWeight(path, "wt", "tw");
            for (int c = 0; c < dim; c++) {
                ProductSum sum = outputTerms(path, c, "m", "a");
                if (sum.isEmpty()) continue;
                line("s" + c + " += " + weighted(weight, outputTerms(path, c, "m", "ta")) + ";");
                line("r" + c + " += " + weighted(weight, outputTerms(path, c, "tm", "a")) + ";");
                line("v" + c + " += " + weighted(weightTangent, sum) + ";");
            }
        }
        for (int c = 0; c < dim; c++) {
            line("out[bo + " + offset + " + " + dim + " * u + " + c + "] = s" + c + " + r" + c + " + v" + c + ";");
        }
        line("}");
        line("}");
    }

    /** One path's part of the tangent backward: its weight gradient's three terms and input-1's. */
    private void tangentBackwardPath(int path) {
        int d1 = p.dim1(path), in1 = p.in1Offset(path), o = p.get(path, PATH_OUT_OFFSET);
        int dOut = p.get(path, PATH_OUT_DIM), terms = 2 * couplings;
        line("private static void tb" + path + "(double[] x1, double[] x1t, double[] w, double[] wt, double[] gOut, "
                + "double[] gOutT, double[] gw, double[] s, int b1, int bw, int bo) {");
        loadCouplings(path, "s");
        loadCouplings(path, "s", "tm", couplings);
        line("for (int u = 0; u < " + p.get(path, PATH_IN1_MUL) + "; u++) {");
        loadChannel("a", "x1", "b1", in1, d1);
        loadChannel("ta", "x1t", "b1", in1, d1);
        loadChannel("g", "gOut", "bo", o, dOut);
        loadChannel("tg", "gOutT", "bo", o, dOut);
        String weight = loadWeight(path);
        String weightTangent = loadWeight(path, "wt", "tw");
        line("gw[bw + " + p.weightOffset(path) + " + u] = (" + weightGradient(path, "m", "a", "tg") + ") + ("
                + weightGradient(path, "m", "ta", "g") + ") + (" + weightGradient(path, "tm", "a", "g") + ");");
        for (int i = 0; i < d1; i++) {
            ProductSum sum = inputOneTerms(path, i, "m", "g");
            if (sum.isEmpty()) continue;
            String at = in1 + " + " + d1 + " * u + " + i;
            line("s[" + terms + " + " + at + "] += " + weighted(weight, inputOneTerms(path, i, "m", "tg")) + ";");
            line("s[" + (terms + k.dim1) + " + " + at + "] += "
                    + weighted(weight, inputOneTerms(path, i, "tm", "g")) + ";");
            line("s[" + (terms + 2 * k.dim1) + " + " + at + "] += " + weighted(weightTangent, sum) + ";");
        }
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
    private void couplings(int path) {
        line("private static void c" + path + "(double[] x2, int b2, double[] m) {");
        p.couplingStatements(path, ChannelWiseSource::literal).forEach(this::line);
        line("}");
    }

    /** One output block: per channel, every path feeding it summed in registers, stored once. */
    private void forwardBlock(int b, boolean accumulate) {
        int offset = k.outBlocks[b], mul = k.outBlocks[b + 1], dim = k.outBlocks[b + 2];
        if (accumulate) {
            line("private static void fa" + offset + "(double[] x1, double[] w, double[] m, int b1, int bw) {");
        } else {
            line("private static void f" + offset + "(double[] x1, double[] w, double[] out, "
                    + "double[] m, int b1, int bw, int bo) {");
        }
        List<Integer> into = p.pathsInto(offset);
        for (int path : into) loadCouplings(path, "m");
        line("for (int u = 0; u < " + mul + "; u++) {");
        loadInput1Channels(into, false);
        for (int c = 0; c < dim; c++) line("double s" + c + " = 0;");
        for (int path : into) {
            String weight = loadWeight(path);
            for (int c = 0; c < dim; c++) {
                ProductSum sum = outputTerms(path, c, "m", "a");
                if (!sum.isEmpty()) line("s" + c + " += " + weighted(weight, sum) + ";");
            }
        }
        for (int c = 0; c < dim; c++) {
            String at = offset + " + " + dim + " * u + " + c;
            line(accumulate ? "m[" + rowStart() + " + " + at + "] += s" + c + ";"
                    : "out[bo + " + at + "] = s" + c + ";");
        }
        line("}");
        line("}");
    }

    /**
     * One path's gradients: the weight gradient {@code Σ_k gOut_k Σ_i M_ik x1_i} per channel,
     * and with {@code inputs} the input-1 gradient (added into the scratch) and the input-2
     * gradient (summed over channels in registers, then added into the scratch).
     */
    private void backwardPath(int path) {
        int row = path * PATH_STRIDE;
        int mul = k.paths[row + PATH_IN1_MUL], d1 = p.dim1(path), dOut = k.paths[row + PATH_OUT_DIM];
        int in1 = p.in1Offset(path), o = k.paths[row + PATH_OUT_OFFSET], o2 = k.paths[row + PATH_IN2_OFFSET];
        boolean weighted = k.paths[row + PATH_HAS_WEIGHT] == 1;
        line("private static void p" + path + "(double[] x1, double[] w, double[] gOut, "
                + "double[] gw, double[] shared, int sb, double[] s, int b1, int bw, int bo, boolean inputs) {");
        loadCouplings(path, "s");
        int[] js = p.inputTwoComponents(path);
        for (int j : js) line("double h" + j + " = 0;");
        line("for (int u = 0; u < " + mul + "; u++) {");
        loadChannel("a", "x1", "b1", in1, d1);
        loadChannel("g", "gOut", "bo", o, dOut);
        String weight = loadWeight(path);
        if (weighted) {
            int at = k.paths[row + PATH_WEIGHT_OFFSET];
            line("double z = " + weightGradient(path, "m", "a", "g") + ";");
            line("if (gw != null) gw[bw + " + at + " + u] = z;");
            line("if (shared != null) shared[sb + " + at + " + u] += z;");
        }
        line("if (inputs) {");
        for (int i = 0; i < d1; i++) {
            ProductSum sum = inputOneTerms(path, i, "m", "g");
            if (!sum.isEmpty()) line("s[" + couplings + " + " + in1 + " + " + d1 + " * u + " + i + "] += "
                    + weighted(weight, sum) + ";");
        }
        for (int j : js) {
            ProductSum sum = new ProductSum();
            for (int q = p.first(path); q < p.end(path); q++) {
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

    /** {@code double m<q> = scratch[q]} for the path's couplings. */
    private void loadCouplings(int path, String scratch) {
        loadCouplings(path, scratch, "m", 0);
    }

    /** {@code double <prefix><q> = scratch[at + q]} for the path's couplings. */
    private void loadCouplings(int path, String scratch, String prefix, int at) {
        for (int q = p.first(path); q < p.end(path); q++) {
            line("double " + prefix + q + " = " + scratch + "[" + (at + q) + "];");
        }
    }

    /**
     * Output component c of one channel of the path: {@code Σ_i M_ic x1_i} with couplings named {@code m<q>}
     * and the channel's input-1 components {@code a<offset>_<i>}, for prefixes m and a.
     */
    private ProductSum outputTerms(int path, int c, String m, String a) {
        ProductSum sum = new ProductSum();
        for (int q = p.first(path); q < p.end(path); q++) {
            if (k.couplingIk[2 * q + 1] == c) sum.add(m + q, a + p.in1Offset(path) + "_" + k.couplingIk[2 * q]);
        }
        return sum;
    }

    /** One channel's weight gradient {@code Σ_c g_c Σ_i M_ic x1_i} (prefixes as {@link #outputTerms}), or 0. */
    private String weightGradient(int path, String m, String a, String g) {
        int o = p.get(path, PATH_OUT_OFFSET);
        ProductSum z = new ProductSum();
        for (int c = 0; c < p.get(path, PATH_OUT_DIM); c++) {
            ProductSum sum = outputTerms(path, c, m, a);
            if (!sum.isEmpty()) z.add(g + o + "_" + c, "(" + sum + ")");
        }
        return z.isEmpty() ? "0" : z.toString();
    }

    /** Input-1 component i of one channel's gradient before the weight: {@code Σ_c M_ic g_c}. */
    private ProductSum inputOneTerms(int path, int i, String m, String g) {
        int o = p.get(path, PATH_OUT_OFFSET);
        ProductSum sum = new ProductSum();
        for (int q = p.first(path); q < p.end(path); q++) {
            if (k.couplingIk[2 * q] == i) sum.add(m + q, g + o + "_" + k.couplingIk[2 * q + 1]);
        }
        return sum;
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
        return loadWeight(path, "w", "w");
    }

    /** {@link #loadWeight(int)} from array {@code weights} into local {@code <prefix><path>}. */
    private String loadWeight(int path, String weights, String prefix) {
        int row = path * PATH_STRIDE;
        if (k.paths[row + PATH_HAS_WEIGHT] != 1) return null;
        line("double " + prefix + path + " = " + weights + "[bw + " + k.paths[row + PATH_WEIGHT_OFFSET] + " + u];");
        return prefix + path;
    }

    private static String weighted(String weight, Object sum) {
        return weight == null ? sum.toString() : weight + " * (" + sum + ")";
    }

    private static String literal(double v) {
        return Double.toString(v);
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
