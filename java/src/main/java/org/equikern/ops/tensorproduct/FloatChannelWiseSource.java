package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

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
 * transposes a node's summed row back once. The convolution visits a node's edges in blocks of
 * {@link #STAGED_EDGES}, copying each block's per-edge rows (weights, attributes) into the
 * scratch before computing on them. Per-sample arithmetic is float32 (fused multiply-adds);
 * shared-weight gradients are summed in double.
 */
final class FloatChannelWiseSource {
    /**
     * Most multiply-adds one generated loop method holds: the Vector API's operations compile to
     * single instructions only when the JIT inlines all of them, which it stops doing in large
     * methods (then every vector is a heap object: with no limit MACE's l ≤ 3 product ran 2–3×
     * slower than the float64 code, and at 48 the fused convolution allocated 600 MB a call; 16
     * and 24 measured the same, 16 leaves a margin).
     */
    private static final int TERMS_PER_METHOD = 16;
    /**
     * Edges whose rows one convolution block copies into the scratch. Grouped by node, edges
     * visit their weight rows (1.4 kB each in NequIP's product) in random order: read inside the
     * channel loops, every row's cache misses stalled the arithmetic one by one, while a tight
     * copy loop keeps many in flight (fused_conv, float32: forward 12 → 6 ms and backward
     * 25 → 18 ms of CPU time; 8 and 32 edges measured the same or slower).
     */
    static final int STAGED_EDGES = 16;
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
    /** A convolution block's copied per-edge weight rows (when weights are per edge), then attribute rows. */
    private final int stagedWeights;
    private final int stagedAttrs;
    /** Whether channel loops step by Vector API vectors (the JVM resolved {@code jdk.incubator.vector}). */
    private final boolean vector;
    /** The loops of the forward pass, of the weight gradients and of the input gradients, in call order. */
    private final List<LoopMethod> forwardMethods;
    private final List<LoopMethod> weightMethods;
    private final List<LoopMethod> inputMethods;
    /** The row methods {@code t1}, {@code u1} (input 1) and {@code tO}, {@code uO} (output) between layouts. */
    private final ChannelTransposeSource layoutMoves;
    private final StringBuilder out = new StringBuilder();

    FloatChannelWiseSource(ChannelWisePaths p, boolean vector) {
        this.p = p;
        this.vector = vector;
        this.k = p.k;
        this.in1Row = p.couplings;
        this.gradOutRow = in1Row + k.dim1;
        this.outRow = gradOutRow + k.dimOut;
        this.gradIn1Row = outRow + k.dimOut;
        this.gradWeights = gradIn1Row + k.dim1;
        this.gradIn2Lanes = gradWeights + k.weightNumel;
        this.lanes = p.maxChannels();
        this.stagedWeights = Math.addExact(gradIn2Lanes, Math.multiplyExact(k.dim2, lanes));
        this.stagedAttrs = Math.addExact(stagedWeights, perEdgeWeights() ? STAGED_EDGES * k.weightNumel : 0);
        this.forwardMethods = forwardMethods();
        this.weightMethods = weightMethods();
        this.inputMethods = inputMethods();
        this.layoutMoves = new ChannelTransposeSource(vector);
    }

    /** Floats of scratch each calling thread passes. */
    int scratchLength() {
        return Math.addExact(stagedAttrs, STAGED_EDGES * k.dim2);
    }

    /** The import declarations the methods need. */
    String imports() {
        return (vector ? "import jdk.incubator.vector.FloatVector;\nimport jdk.incubator.vector.VectorSpecies;\n" : "")
                + layoutMoves.imports();
    }

    /** The methods' source, to go inside the generated class. */
    String emit() {
        if (vector) line("private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;");
        forward();
        backward();
        convolve();
        convolveBackward();
        transposes("in1ToIrMul", "t1", k.dim1);
        transposes("outToIrMul", "tO", k.dimOut);
        layoutMoves.row("t1", k.in1Blocks, true);
        layoutMoves.row("u1", k.in1Blocks, false);
        layoutMoves.row("tO", k.outBlocks, true);
        layoutMoves.row("uO", k.outBlocks, false);
        out.append(layoutMoves.emit());
        for (int path : p.paths) couplings(path);
        for (LoopMethod m : forwardMethods) loopMethod(m, "float[] a, int ab, float[] w, int bw, float[] s");
        String backward = "float[] a, int ab, float[] g, int gb, float[] w, int bw, float[] s";
        for (LoopMethod m : weightMethods) loopMethod(m, backward);
        for (LoopMethod m : inputMethods) loopMethod(m, backward);
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
        blockCalls(a, base, "w");
    }

    private void couplingCalls(String x2) {
        for (int path : p.paths) line("fc" + path + "(" + x2 + ", b2, s);");
    }

    private void blockCalls(String a, String base, String w) {
        for (LoopMethod m : forwardMethods) line(m.name + "(" + a + ", " + base + ", " + w + ", bw, s);");
    }

    private void convolve() {
        line("public static void convolve(float[] xT, float[] attrs, float[] w, float[] out, int[] src, "
                + "int[] order, int[] offsets, int from, int to, float[] s) {");
        line("for (int node = from; node < to; node++) {");
        line("java.util.Arrays.fill(s, " + outRow + ", " + (outRow + k.dimOut) + ", 0f);");
        stagedEdges(() -> {
            line("int b1 = src[e] * " + k.dim1 + ";");
            couplingCalls("s");
            blockCalls("xT", "b1", weightsArray());
        });
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
        pathGradients("s", "" + in1Row, "s", "" + gradOutRow, "w", "bw", "g2", "b2");
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
        stagedEdges(() -> {
            line("int b1 = node * " + k.dim1 + ";");
            couplingCalls("s");
            pathGradients("xT", "b1", "gOutT", "dst[e] * " + k.dimOut, weightsArray(), "e * " + k.weightNumel,
                    "gAttrs", "e * " + k.dim2);
        });
        line("if (gX != null) u1(s, " + gradIn1Row + ", gX, node * " + k.dim1 + ");");
        line("}");
        line("}");
    }

    /**
     * Node {@code node}'s edges {@code order[offsets[node]..offsets[node+1]]}, block by block: the
     * block's weight and attribute rows copied into the scratch, then {@code body} per edge, with
     * {@code e} the edge, {@code b2} its staged attributes and {@code bw} its weights (staged, or
     * the shared ones at 0) in the array {@link #weightsArray()}.
     */
    private void stagedEdges(Runnable body) {
        line("for (int t0 = offsets[node]; t0 < offsets[node + 1]; t0 += " + STAGED_EDGES + ") {");
        line("int edges = Math.min(" + STAGED_EDGES + ", offsets[node + 1] - t0);");
        line("for (int i = 0; i < edges; i++) {");
        line("int e = order[t0 + i];");
        if (perEdgeWeights()) copyRow("w", "e", k.weightNumel, stagedWeights);
        copyRow("attrs", "e", k.dim2, stagedAttrs);
        line("}");
        line("for (int i = 0; i < edges; i++) {");
        line("int e = order[t0 + i];");
        String weights = perEdgeWeights() ? stagedWeights + " + i * " + k.weightNumel : "0";
        line("int b2 = " + stagedAttrs + " + i * " + k.dim2 + ", bw = " + weights + ";");
        body.run();
        line("}");
        line("}");
    }

    /** Copies row {@code row} ({@code length} floats) of {@code array} into staged row {@code i} at {@code stage}. */
    private void copyRow(String array, String row, int length, int stage) {
        line("System.arraycopy(" + array + ", " + row + " * " + length + ", s, " + stage + " + i * " + length + ", "
                + length + ");");
    }

    /** The array {@link #stagedEdges} bodies read weights from: staged in the scratch when per edge. */
    private String weightsArray() {
        return perEdgeWeights() ? "s" : "w";
    }

    private boolean perEdgeWeights() {
        return !k.sharedWeights && k.weightNumel > 0;
    }

    /**
     * One item's path gradients, reading input 1 from {@code a}, the output gradient from
     * {@code g} ({@code ir_mul} rows at the given bases) and weights from {@code w} at
     * {@code bw}: input-1 gradients added into the scratch row, the weight gradient written into
     * {@code gw} at {@code gwBase} (per item) or added (shared), the input-2 gradient written into
     * the array named {@code gradX2} at {@code x2Base}.
     */
    private void pathGradients(String a, String aBase, String g, String gBase, String w, String gwBase,
            String gradX2, String x2Base) {
        line("if (inputs) java.util.Arrays.fill(s, " + gradIn2Lanes + ", " + stagedWeights + ", 0f);");
        String arguments = "(" + a + ", " + aBase + ", " + g + ", " + gBase + ", " + w + ", bw, s);";
        line("if (weights) {");
        for (LoopMethod m : weightMethods) line(m.name + arguments);
        line("}");
        line("if (inputs) {");
        for (LoopMethod m : inputMethods) line(m.name + arguments);
        line("}");
        if (k.weightNumel > 0) {
            line("if (gw != null) System.arraycopy(s, " + gradWeights + ", gw, " + gwBase + ", " + k.weightNumel + ");");
            line("if (shared != null) for (int q = 0; q < " + k.weightNumel + "; q++) shared[sb + q] += s["
                    + gradWeights + " + q];");
        }
        line("if (" + gradX2 + " != null) for (int j = 0; j < " + k.dim2 + "; j++) " + gradX2
                + "[" + x2Base + " + j] = laneSum(s, " + gradIn2Lanes + " + j * " + lanes + ");");
    }

    /** Per-call transposes of whole arrays of rows into {@code ir_mul}, one row method per row. */
    private void transposes(String name, String rowMethod, int dim) {
        line("public static void " + name + "(float[] x, float[] xT, int rows) {");
        line("for (int r = 0; r < rows; r++) " + rowMethod + "(x, r * " + dim + ", xT, r * " + dim + ");");
        line("}");
    }

    /** {@code m[q] = Σ_j C x2_j} for the path's couplings q. */
    private void couplings(int path) {
        line("private static void fc" + path + "(float[] x2, int b2, float[] m) {");
        p.couplingStatements(path, FloatChannelWiseSource::literal).forEach(this::line);
        line("}");
    }

    /** The forward statements: per output block, component and path, {@code out += w·Σ M x1}. */
    private List<LoopMethod> forwardMethods() {
        List<LoopMethod> methods = new ArrayList<>();
        for (int b : p.outBlocks) {
            int offset = k.outBlocks[b], mul = k.outBlocks[b + 1], dim = k.outBlocks[b + 2];
            List<ChannelTerms> statements = new ArrayList<>();
            for (int path : p.pathsInto(offset)) {
                int in1 = p.in1Offset(path);
                for (int c = 0; c < dim; c++) {
                    ChannelTerms t = new ChannelTerms(outRow + offset + c * mul, false, weight(path));
                    for (int q = p.first(path); q < p.end(path); q++) {
                        if (k.couplingIk[2 * q + 1] == c) t.addCoupling(q, in1Value(path, k.couplingIk[2 * q]), null);
                    }
                    if (t.size() > 0) statements.add(t);
                }
            }
            pack("fb", mul, statements, methods);
        }
        return methods;
    }

    /** Per path, the weight gradient {@code Σ_k gOut_k Σ_i M_ik x1_i} stored into the scratch's weight row. */
    private List<LoopMethod> weightMethods() {
        List<LoopMethod> methods = new ArrayList<>();
        for (int path : p.paths) {
            if (!p.weighted(path)) continue;
            ChannelTerms z = new ChannelTerms(gradWeights + p.weightOffset(path), true, null);
            for (int q = p.first(path); q < p.end(path); q++) {
                z.addCoupling(q, in1Value(path, k.couplingIk[2 * q]), gradOutValue(path, k.couplingIk[2 * q + 1]));
            }
            pack("fw", p.get(path, PATH_IN1_MUL), List.of(z), methods);
        }
        return methods;
    }

    /** Per path, the input-1 gradient and the per-channel terms of the input-2 gradient, added into the scratch. */
    private List<LoopMethod> inputMethods() {
        List<LoopMethod> methods = new ArrayList<>();
        for (int path : p.paths) {
            int mul = p.get(path, PATH_IN1_MUL), in1 = p.in1Offset(path), o2 = p.get(path, PATH_IN2_OFFSET);
            List<ChannelTerms> statements = new ArrayList<>();
            for (int i = 0; i < p.dim1(path); i++) {
                ChannelTerms t = new ChannelTerms(gradIn1Row + in1 + i * mul, false, weight(path));
                for (int q = p.first(path); q < p.end(path); q++) {
                    if (k.couplingIk[2 * q] == i) t.addCoupling(q, gradOutValue(path, k.couplingIk[2 * q + 1]), null);
                }
                if (t.size() > 0) statements.add(t);
            }
            for (int j : p.inputTwoComponents(path)) {
                ChannelTerms t = new ChannelTerms(gradIn2Lanes + (o2 + j) * lanes, false, weight(path));
                for (int q = p.first(path); q < p.end(path); q++) {
                    for (int z = k.termStart[q]; z < k.termStart[q + 1]; z++) {
                        if (k.termJ[z] == j) {
                            t.addLiteral(literal(k.termValue[z]), in1Value(path, k.couplingIk[2 * q]),
                                    gradOutValue(path, k.couplingIk[2 * q + 1]));
                        }
                    }
                }
                statements.add(t);
            }
            pack("fi", mul, statements, methods);
        }
        return methods;
    }

    /**
     * Packs {@code statements} (loops of {@code mul} channels) into methods of at most
     * {@link #TERMS_PER_METHOD} terms each, cutting longer statements, in order.
     */
    private void pack(String prefix, int mul, List<ChannelTerms> statements, List<LoopMethod> methods) {
        LoopMethod current = null;
        for (ChannelTerms statement : statements) {
            for (ChannelTerms part : statement.split(TERMS_PER_METHOD)) {
                if (current == null || current.terms + part.size() > TERMS_PER_METHOD) {
                    current = new LoopMethod(prefix + methods.size(), mul);
                    methods.add(current);
                }
                current.statements.add(part);
                current.terms += part.size();
            }
        }
    }

    /** A generated method holding one loop over channels and its statements. */
    private static final class LoopMethod {
        final String name;
        final int mul;
        final List<ChannelTerms> statements = new ArrayList<>();
        int terms;

        LoopMethod(String name, int mul) {
            this.name = name;
            this.mul = mul;
        }
    }

    /** Emits {@code method} with the given parameter list: couplings loaded, then its channel loop. */
    private void loopMethod(LoopMethod method, String parameters) {
        line("private static void " + method.name + "(" + parameters + ") {");
        List<Integer> couplings = new ArrayList<>();
        for (ChannelTerms t : method.statements) t.couplings(couplings);
        for (int q : couplings) line("float m" + q + " = s[" + q + "];");
        Map<String, ChannelTerms.Load> loads = ChannelTerms.loadsOf(method.statements);
        channelLoop(method.mul, step -> {
            for (ChannelTerms.Load l : loads.values()) {
                line(step.type() + " " + l.name + " = " + step.load(l.array, l.base + " + " + l.offset + " + u") + ";");
            }
            for (ChannelTerms t : method.statements) line(t.render(step));
        });
        line("}");
    }

    private ChannelTerms.Load in1Value(int path, int i) {
        int in1 = p.in1Offset(path);
        return new ChannelTerms.Load("a" + in1 + "_" + i, "a", "ab", in1 + i * p.get(path, PATH_IN1_MUL));
    }

    private ChannelTerms.Load gradOutValue(int path, int k) {
        int o = p.get(path, PATH_OUT_OFFSET);
        return new ChannelTerms.Load("g" + o + "_" + k, "g", "gb", o + k * p.get(path, PATH_IN1_MUL));
    }

    private ChannelTerms.Load weight(int path) {
        return p.weighted(path) ? new ChannelTerms.Load("w" + path, "w", "bw", p.weightOffset(path)) : null;
    }

    /**
     * A loop over {@code mul} channels (variable {@code u}) in a block of its own, its body written
     * by {@code body} for a step: with the Vector API, whole vectors first, then the remaining
     * channels one by one.
     */
    private void channelLoop(int mul, Consumer<ChannelStep> body) {
        line("{");
        if (vector) {
            line("int u = 0;");
            line("for (; u < S.loopBound(" + mul + "); u += S.length()) {");
            body.accept(ChannelStep.VECTOR);
            line("}");
            line("for (; u < " + mul + "; u++) {");
        } else {
            line("for (int u = 0; u < " + mul + "; u++) {");
        }
        body.accept(ChannelStep.SCALAR);
        line("}");
        line("}");
    }

    /**
     * The sum of {@link #lanes} floats from {@code from}: on the Vector API whole vectors added
     * lanewise, then reduced (C2 leaves float sums scalar, as they reorder the additions; MACE's
     * 16 × 128 per sample held forward+backward back), else in four interleaved partial sums
     * (latency, not order, bound).
     */
    private void laneSum() {
        line("private static float laneSum(float[] s, int from) {");
        if (vector) {
            line("FloatVector lanes = FloatVector.zero(S);");
            line("int u = 0;");
            line("for (; u < S.loopBound(" + lanes + "); u += S.length()) lanes = lanes.add(FloatVector.fromArray(S, s, "
                    + "from + u));");
            line("float sum = lanes.reduceLanes(jdk.incubator.vector.VectorOperators.ADD);");
            line("for (; u < " + lanes + "; u++) sum += s[from + u];");
            line("return sum;");
        } else {
            line("float a0 = 0f, a1 = 0f, a2 = 0f, a3 = 0f;");
            line("int u = 0;");
            line("for (; u + 4 <= " + lanes + "; u += 4) {");
            line("a0 += s[from + u]; a1 += s[from + u + 1]; a2 += s[from + u + 2]; a3 += s[from + u + 3];");
            line("}");
            line("for (; u < " + lanes + "; u++) a0 += s[from + u];");
            line("return (a0 + a1) + (a2 + a3);");
        }
        line("}");
    }

    private static String literal(double v) {
        return Float.toString((float) v) + "f";
    }

    private void line(String text) {
        out.append(text).append('\n');
    }
}
