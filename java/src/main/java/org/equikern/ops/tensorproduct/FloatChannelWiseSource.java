package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;

import java.util.ArrayList;
import java.util.List;

/**
 * The float32 methods of a channel-wise plan's generated class ({@link ChannelWiseSource} emits
 * the rest), computing in float on channel-innermost rows: each block of a row is held
 * {@code [component][channel]} ({@code ir_mul}), so every loop over channels reads and writes
 * contiguous floats with loop-invariant couplings, which HotSpot's C2 compiles to SIMD
 * multiply-adds (16 channels per AVX-512 instruction) where {@code mul_ir}'s stride-dim accesses
 * kept it scalar. The methods, called by {@link CompiledProduct}:
 * <pre>
 * forward(float[] x1, float[] x2, float[] w, float[] out, int from, int to, float[] scratch)
 * backward(float[] x1, float[] x2, float[] w, float[] gradOut, float[] gradX1, float[] gradX2,
 *          float[] gradW, double[] sharedGradW, int sharedBase, int from, int to, float[] scratch)
 * convolve(float[] xT, float[] attrs, float[] w, float[] out, int[] src, int[] order, int[] offsets,
 *          int fromNode, int toNode, float[] scratch)
 * convolveBackward(float[] xT, float[] attrs, float[] w, float[] gradOutT, float[] gradX,
 *          float[] gradAttrs, float[] gradW, double[] sharedGradW, int sharedBase, int[] dst,
 *          int[] order, int[] offsets, int fromNode, int toNode, float[] scratch)
 * in1ToIrMul(float[] x, float[] xT, int rows), outToIrMul(float[] g, float[] gT, int rows)
 * </pre>
 * The plain product transposes each sample's rows into the scratch and its results back; the
 * convolution takes node features ({@code xT}) and output gradients ({@code gradOutT})
 * transposed once per call by the last two methods, so its edges transpose nothing, and
 * transposes a node's summed row back once. Per-sample arithmetic is float32 (fused
 * multiply-adds); shared-weight gradients are summed in double.
 */
final class FloatChannelWiseSource {
    private final ChannelWisePaths p;
    private final FlatPlan k;
    /** Scratch regions (floats): couplings at 0, then these rows. */
    private final int in1Row;
    private final int gradOutRow;
    private final int outRow;
    private final int gradIn1Row;
    private final int gradWeights;
    /** Per input-2 component, {@link #lanes} per-channel partial sums of its gradient. */
    private final int gradIn2Lanes;
    private final int lanes;
    private final StringBuilder out = new StringBuilder();

    FloatChannelWiseSource(ChannelWisePaths p) {
        this.p = p;
        this.k = p.k;
        this.in1Row = p.couplings;
        this.gradOutRow = in1Row + k.dim1;
        this.outRow = gradOutRow + k.dimOut;
        this.gradIn1Row = outRow + k.dimOut;
        this.gradWeights = gradIn1Row + k.dim1;
        this.gradIn2Lanes = gradWeights + k.weightNumel;
        this.lanes = p.maxChannels();
    }

    /** Floats of scratch each calling thread passes. */
    int scratchLength() {
        return Math.addExact(gradIn2Lanes, Math.multiplyExact(k.dim2, lanes));
    }

    /** The methods' source, to go inside the generated class. */
    String emit() {
        forward();
        backward();
        convolve();
        convolveBackward();
        transposes("in1ToIrMul", "t1", k.dim1);
        transposes("outToIrMul", "tO", k.dimOut);
        transpose("t1", k.in1Blocks, true);
        transpose("u1", k.in1Blocks, false);
        transpose("tO", k.outBlocks, true);
        transpose("uO", k.outBlocks, false);
        for (int path : p.paths) {
            couplings(path);
            backwardPath(path);
        }
        for (int b : p.outBlocks) {
            if (!p.pathsInto(k.outBlocks[b]).isEmpty()) block(b);
        }
        laneSum();
        return out.toString();
    }

    private void forward() {
        line("public static void forward(float[] x1, float[] x2, float[] w, float[] out, int from, int to, "
                + "float[] s) {");
        line("for (int n = from; n < to; n++) {");
        bases("n * " + k.dim1, "n");
        line("t1(x1, b1, s, " + in1Row + ");");
        productRow("s", "" + in1Row);
        line("uO(s, " + outRow + ", out, n * " + k.dimOut + ");");
        line("}");
        line("}");
    }

    /** Edge e's (or sample n's) bases: input-1 row {@code in1}, attributes and weights of item {@code item}. */
    private void bases(String in1, String item) {
        String weights = k.sharedWeights ? "0" : item + " * " + k.weightNumel;
        line("int b1 = " + in1 + ", b2 = " + item + " * " + k.dim2 + ", bw = " + weights + ";");
    }

    /** Zeroes the output row and sums every path into it, reading input 1 from {@code a} at {@code base}. */
    private void productRow(String a, String base) {
        line("java.util.Arrays.fill(s, " + outRow + ", " + (outRow + k.dimOut) + ", 0f);");
        couplingCalls("x2");
        blockCalls(a, base);
    }

    private void couplingCalls(String x2) {
        for (int path : p.paths) line("fc" + path + "(" + x2 + ", b2, s);");
    }

    private void blockCalls(String a, String base) {
        for (int b : p.outBlocks) {
            if (!p.pathsInto(k.outBlocks[b]).isEmpty()) line("fb" + k.outBlocks[b] + "(" + a + ", " + base + ", w, bw, s);");
        }
    }

    private void convolve() {
        line("public static void convolve(float[] xT, float[] attrs, float[] w, float[] out, int[] src, "
                + "int[] order, int[] offsets, int from, int to, float[] s) {");
        line("for (int node = from; node < to; node++) {");
        line("java.util.Arrays.fill(s, " + outRow + ", " + (outRow + k.dimOut) + ", 0f);");
        line("for (int t = offsets[node]; t < offsets[node + 1]; t++) {");
        line("int e = order[t];");
        bases("src[e] * " + k.dim1, "e");
        couplingCalls("attrs");
        blockCalls("xT", "b1");
        line("}");
        line("uO(s, " + outRow + ", out, node * " + k.dimOut + ");");
        line("}");
        line("}");
    }

    private void backward() {
        line("public static void backward(float[] x1, float[] x2, float[] w, float[] gOut, float[] g1, float[] g2, "
                + "float[] gw, double[] shared, int sb, int from, int to, float[] s) {");
        line("boolean inputs = g1 != null || g2 != null, weights = gw != null || shared != null;");
        line("for (int n = from; n < to; n++) {");
        bases("n * " + k.dim1, "n");
        line("t1(x1, b1, s, " + in1Row + ");");
        line("tO(gOut, n * " + k.dimOut + ", s, " + gradOutRow + ");");
        couplingCalls("x2");
        line("if (inputs) java.util.Arrays.fill(s, " + gradIn1Row + ", " + gradWeights + ", 0f);");
        pathGradients("s", "" + in1Row, "s", "" + gradOutRow, "g2");
        line("if (g1 != null) u1(s, " + gradIn1Row + ", g1, b1);");
        line("}");
        line("}");
    }

    private void convolveBackward() {
        line("public static void convolveBackward(float[] xT, float[] attrs, float[] w, float[] gOutT, float[] gX, "
                + "float[] gAttrs, float[] gw, double[] shared, int sb, int[] dst, int[] order, int[] offsets, "
                + "int from, int to, float[] s) {");
        line("boolean inputs = gX != null || gAttrs != null, weights = gw != null || shared != null;");
        line("for (int node = from; node < to; node++) {");
        line("if (inputs) java.util.Arrays.fill(s, " + gradIn1Row + ", " + gradWeights + ", 0f);");
        line("for (int t = offsets[node]; t < offsets[node + 1]; t++) {");
        line("int e = order[t];");
        bases("node * " + k.dim1, "e");
        couplingCalls("attrs");
        pathGradients("xT", "b1", "gOutT", "dst[e] * " + k.dimOut, "gAttrs");
        line("}");
        line("if (gX != null) u1(s, " + gradIn1Row + ", gX, node * " + k.dim1 + ");");
        line("}");
        line("}");
    }

    /**
     * One item's path gradients, reading input 1 from {@code a} and the output gradient from
     * {@code g} ({@code ir_mul} rows at the given bases): input-1 gradients added into the
     * scratch row, the weight gradient written (per item) or added (shared), the input-2
     * gradient written into the array named {@code gradX2}.
     */
    private void pathGradients(String a, String aBase, String g, String gBase, String gradX2) {
        line("if (inputs) java.util.Arrays.fill(s, " + gradIn2Lanes + ", " + scratchLength() + ", 0f);");
        for (int path : p.paths) {
            line("fp" + path + "(" + a + ", " + aBase + ", " + g + ", " + gBase + ", w, bw, s, weights, inputs);");
        }
        if (k.weightNumel > 0) {
            line("if (gw != null) System.arraycopy(s, " + gradWeights + ", gw, bw, " + k.weightNumel + ");");
            line("if (shared != null) for (int q = 0; q < " + k.weightNumel + "; q++) shared[sb + q] += s["
                    + gradWeights + " + q];");
        }
        line("if (" + gradX2 + " != null) for (int j = 0; j < " + k.dim2 + "; j++) " + gradX2
                + "[b2 + j] = laneSum(s, " + gradIn2Lanes + " + j * " + lanes + ");");
    }

    /** Per-call transposes of whole arrays of rows into {@code ir_mul}, one row method per row. */
    private void transposes(String name, String rowMethod, int dim) {
        line("public static void " + name + "(float[] x, float[] xT, int rows) {");
        line("for (int r = 0; r < rows; r++) " + rowMethod + "(x, r * " + dim + ", xT, r * " + dim + ");");
        line("}");
    }

    /**
     * A row's blocks between {@code mul_ir} ({@code [channel][component]}) and {@code ir_mul}
     * ({@code [component][channel]}): {@code toIrMul} reads {@code mul_ir} at {@code sb} and writes
     * {@code ir_mul} at {@code db}, else the reverse.
     */
    private void transpose(String name, int[] blocks, boolean toIrMul) {
        line("private static void " + name + "(float[] src, int sb, float[] dst, int db) {");
        for (int b = 0; b < blocks.length; b += 3) {
            int offset = blocks[b], mul = blocks[b + 1], dim = blocks[b + 2];
            if (mul == 0) continue;
            line("for (int u = 0; u < " + mul + "; u++) {");
            for (int c = 0; c < dim; c++) {
                String mulIr = offset + " + " + dim + " * u + " + c;
                String irMul = (offset + c * mul) + " + u";
                line(toIrMul ? "dst[db + " + irMul + "] = src[sb + " + mulIr + "];"
                        : "dst[db + " + mulIr + "] = src[sb + " + irMul + "];");
            }
            line("}");
        }
        line("}");
    }

    /** {@code m[q] = Σ_j C x2_j} for the path's couplings q. */
    private void couplings(int path) {
        line("private static void fc" + path + "(float[] x2, int b2, float[] m) {");
        int o2 = p.get(path, PATH_IN2_OFFSET);
        for (int q = p.first(path); q < p.end(path); q++) {
            ProductSum sum = new ProductSum();
            for (int z = k.termStart[q]; z < k.termStart[q + 1]; z++) {
                sum.add(literal(k.termValue[z]), "x2[b2 + " + (o2 + k.termJ[z]) + "]");
            }
            line("m[" + q + "] = " + sum + ";");
        }
        line("}");
    }

    /**
     * One output block: for each channel, every path feeding it summed and added into the scratch's
     * output row; input 1 is read as {@code ir_mul} from {@code a} at {@code ab}.
     */
    private void block(int b) {
        int offset = k.outBlocks[b], mul = k.outBlocks[b + 1], dim = k.outBlocks[b + 2];
        line("private static void fb" + offset + "(float[] a, int ab, float[] w, int bw, float[] s) {");
        List<Integer> into = p.pathsInto(offset);
        for (int path : into) loadCouplings(path);
        line("for (int u = 0; u < " + mul + "; u++) {");
        List<Integer> loaded = new ArrayList<>();
        for (int path : into) {
            int in1 = p.in1Offset(path);
            if (!loaded.contains(in1)) {
                loaded.add(in1);
                loadChannel("a", "a", "ab", in1, p.get(path, PATH_IN1_MUL), p.dim1(path));
            }
        }
        for (int c = 0; c < dim; c++) line("float s" + c + " = 0f;");
        for (int path : into) {
            String weight = loadWeight(path);
            for (int c = 0; c < dim; c++) {
                ProductSum sum = new ProductSum();
                for (int q = p.first(path); q < p.end(path); q++) {
                    if (k.couplingIk[2 * q + 1] == c) sum.add("m" + q, "a" + p.in1Offset(path) + "_" + k.couplingIk[2 * q]);
                }
                if (!sum.isEmpty()) line("s" + c + " += " + weighted(weight, sum) + ";");
            }
        }
        for (int c = 0; c < dim; c++) line("s[" + (outRow + offset + c * mul) + " + u] += s" + c + ";");
        line("}");
        line("}");
    }

    /**
     * One path's gradients, as two loops over channels: with {@code weights} the weight gradient
     * {@code Σ_k gOut_k Σ_i M_ik x1_i} into the scratch's weight row, and with {@code inputs} the
     * input-1 gradient and the per-channel terms of the input-2 gradient added into the scratch.
     */
    private void backwardPath(int path) {
        int mul = p.get(path, PATH_IN1_MUL), d1 = p.dim1(path), dOut = p.get(path, PATH_OUT_DIM);
        int in1 = p.in1Offset(path), o = p.get(path, PATH_OUT_OFFSET), o2 = p.get(path, PATH_IN2_OFFSET);
        line("private static void fp" + path + "(float[] a, int ab, float[] g, int gb, float[] w, int bw, float[] s, "
                + "boolean weights, boolean inputs) {");
        loadCouplings(path);
        if (p.weighted(path)) {
            line("if (weights) for (int u = 0; u < " + mul + "; u++) {");
            loadChannel("a", "a", "ab", in1, mul, d1);
            loadChannel("g", "g", "gb", o, mul, dOut);
            ProductSum z = new ProductSum();
            for (int c = 0; c < dOut; c++) {
                ProductSum sum = new ProductSum();
                for (int q = p.first(path); q < p.end(path); q++) {
                    if (k.couplingIk[2 * q + 1] == c) sum.add("m" + q, "a" + in1 + "_" + k.couplingIk[2 * q]);
                }
                if (!sum.isEmpty()) z.add("g" + o + "_" + c, "(" + sum + ")");
            }
            line("s[" + (gradWeights + p.weightOffset(path)) + " + u] = " + (z.isEmpty() ? "0f" : z) + ";");
            line("}");
        }
        line("if (!inputs) return;");
        line("for (int u = 0; u < " + mul + "; u++) {");
        loadChannel("a", "a", "ab", in1, mul, d1);
        loadChannel("g", "g", "gb", o, mul, dOut);
        String weight = loadWeight(path);
        for (int i = 0; i < d1; i++) {
            ProductSum sum = new ProductSum();
            for (int q = p.first(path); q < p.end(path); q++) {
                if (k.couplingIk[2 * q] == i) sum.add("m" + q, "g" + o + "_" + k.couplingIk[2 * q + 1]);
            }
            if (!sum.isEmpty()) line("s[" + (gradIn1Row + in1 + i * mul) + " + u] += " + weighted(weight, sum) + ";");
        }
        for (int j : p.inputTwoComponents(path)) {
            ProductSum sum = new ProductSum();
            for (int q = p.first(path); q < p.end(path); q++) {
                for (int zz = k.termStart[q]; zz < k.termStart[q + 1]; zz++) {
                    if (k.termJ[zz] == j) sum.add(literal(k.termValue[zz]) + " * a" + in1 + "_" + k.couplingIk[2 * q],
                            "g" + o + "_" + k.couplingIk[2 * q + 1]);
                }
            }
            line("s[" + (gradIn2Lanes + (o2 + j) * lanes) + " + u] += " + weighted(weight, sum) + ";");
        }
        line("}");
        line("}");
    }

    /** The sum of {@link #lanes} floats from {@code from}, in four interleaved partial sums (latency, not order, bound). */
    private void laneSum() {
        line("private static float laneSum(float[] s, int from) {");
        line("float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;");
        line("int u = 0;");
        line("for (; u + 4 <= " + lanes + "; u += 4) {");
        line("a0 += s[from + u]; a1 += s[from + u + 1]; a2 += s[from + u + 2]; a3 += s[from + u + 3];");
        line("}");
        line("for (; u < " + lanes + "; u++) a0 += s[from + u];");
        line("return (a0 + a1) + (a2 + a3);");
        line("}");
    }

    private void loadCouplings(int path) {
        for (int q = p.first(path); q < p.end(path); q++) line("float m" + q + " = s[" + q + "];");
    }

    /** {@code float <prefix><offset>_<c> = array[base + offset + mul·c + u]} for an {@code ir_mul} block. */
    private void loadChannel(String prefix, String array, String base, int offset, int mul, int dim) {
        for (int c = 0; c < dim; c++) {
            line("float " + prefix + offset + "_" + c + " = " + array + "[" + base + " + " + (offset + c * mul)
                    + " + u];");
        }
    }

    /** Loads the path's weight for channel u into a local and returns its name, or null when unweighted. */
    private String loadWeight(int path) {
        if (!p.weighted(path)) return null;
        line("float w" + path + " = w[bw + " + p.weightOffset(path) + " + u];");
        return "w" + path;
    }

    private static String weighted(String weight, ProductSum sum) {
        return weight == null ? sum.toString() : weight + " * (" + sum + ")";
    }

    private static String literal(double v) {
        return Float.toString((float) v) + "f";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
