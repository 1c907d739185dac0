package org.equikern.tp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.equikern.check.HostArguments;
import org.equikern.group.Irreps;

/**
 * What a tensor product computes, as e3nn's {@code o3.TensorProduct}: three irreps, the instruction
 * list (paths), the two normalizations and whether weights are shared across the batch. Immutable
 * value object, validated on construction (errors name the offending instruction); compile it
 * once with {@link #compile()} and run it through {@code TensorProduct}.
 */
public final class TensorProductSpec {
    private final Irreps irrepsIn1;
    private final Irreps irrepsIn2;
    private final Irreps irrepsOut;
    private final List<Instruction> instructions;
    private final IrrepNormalization irrepNormalization;
    private final PathNormalization pathNormalization;
    private final boolean sharedWeights;
    private final double[] coefficients;
    private final int weightNumel;

    private TensorProductSpec(Builder b) {
        this.irrepsIn1 = b.irrepsIn1;
        this.irrepsIn2 = b.irrepsIn2;
        this.irrepsOut = b.irrepsOut;
        this.instructions = Collections.unmodifiableList(new ArrayList<>(b.instructions));
        this.irrepNormalization = b.irrepNormalization;
        this.pathNormalization = b.pathNormalization;
        this.sharedWeights = b.sharedWeights;
        InstructionChecks.check(irrepsIn1, irrepsIn2, irrepsOut, instructions);
        this.coefficients = PathCoefficients.compute(irrepsIn1, irrepsIn2, irrepsOut, instructions,
                irrepNormalization, pathNormalization);
        long numel = 0;
        for (int n = 0; n < instructions.size(); n++) {
            if (instructions.get(n).hasWeight()) numel += pathSize(n);
            if (numel > HostArguments.MAX_ARRAY_LENGTH) {
                throw new IllegalArgumentException("weights of instructions 0.." + n + " number " + numel
                        + ", above the limit " + HostArguments.MAX_ARRAY_LENGTH + " (one Java array) for "
                        + irrepsIn1 + " x " + irrepsIn2 + " -> " + irrepsOut);
            }
        }
        this.weightNumel = (int) numel;
    }

    /**
     * A builder for a free-form instruction list; defaults are e3nn's (component, element, shared weights).
     *
     * @param irrepsIn1 irreps of the first input
     * @param irrepsIn2 irreps of the second input
     * @param irrepsOut irreps of the output
     * @return a builder without instructions
     */
    public static Builder builder(Irreps irrepsIn1, Irreps irrepsIn2, Irreps irrepsOut) {
        return new Builder(irrepsIn1, irrepsIn2, irrepsOut);
    }

    /**
     * {@link #builder(Irreps, Irreps, Irreps)} from irreps strings.
     *
     * @param irrepsIn1 irreps of the first input, e.g. {@code "8x0e+8x1o"}
     * @param irrepsIn2 irreps of the second input
     * @param irrepsOut irreps of the output
     * @return a builder without instructions
     * @throws IllegalArgumentException when a string is not valid irreps
     */
    public static Builder builder(String irrepsIn1, String irrepsIn2, String irrepsOut) {
        return new Builder(Irreps.parse(irrepsIn1), Irreps.parse(irrepsIn2), Irreps.parse(irrepsOut));
    }

    /**
     * e3nn's {@code FullyConnectedTensorProduct}: a weighted {@code uvw} path for every
     * (in1 block, in2 block, out block) the selection rule allows, in that loop order.
     *
     * @param in1 irreps of the first input
     * @param in2 irreps of the second input
     * @param out irreps of the output
     * @return the spec, with shared weights
     * @throws IllegalArgumentException when the weights exceed one Java array
     */
    public static TensorProductSpec fullyConnected(Irreps in1, Irreps in2, Irreps out) {
        return StandardSpecs.fullyConnected(notNull(in1, "in1"), notNull(in2, "in2"), notNull(out, "out")).build();
    }

    /**
     * The channel-wise (NequIP / MACE convolution) product: a weighted {@code uvu} path for every
     * allowed (in1 block, in2 block, out block) whose output multiplicity equals in1's, with
     * per-sample weights (one weight vector per edge), as the benchmark's {@code channelwise}.
     *
     * @param in1 irreps of the first input (node features)
     * @param in2 irreps of the second input (edge harmonics)
     * @param out irreps of the output
     * @return the spec
     * @throws IllegalArgumentException when the weights exceed one Java array
     */
    public static TensorProductSpec channelWise(Irreps in1, Irreps in2, Irreps out) {
        return StandardSpecs.channelWise(notNull(in1, "in1"), notNull(in2, "in2"), notNull(out, "out")).build();
    }

    /**
     * e3nn's {@code ElementwiseTensorProduct}: both inputs simplified and split so that their
     * blocks pair up channel by channel (same number of irreps required), then an unweighted
     * {@code uuu} path to each irrep of each block product.
     *
     * @param in1 irreps of the first input
     * @param in2 irreps of the second input, with as many irreps copies as in1
     * @return the spec, unweighted
     * @throws IllegalArgumentException when the inputs hold different numbers of irreps
     */
    public static TensorProductSpec elementwise(Irreps in1, Irreps in2) {
        return StandardSpecs.elementwise(notNull(in1, "in1"), notNull(in2, "in2")).build();
    }

    /**
     * e3nn's {@code FullTensorProduct}: inputs simplified, an unweighted {@code uvuv} path to every
     * irrep of every block product, output irreps sorted (instructions re-indexed accordingly).
     *
     * @param in1 irreps of the first input
     * @param in2 irreps of the second input
     * @return the spec, unweighted
     */
    public static TensorProductSpec fullTensorProduct(Irreps in1, Irreps in2) {
        return StandardSpecs.fullTensorProduct(notNull(in1, "in1"), notNull(in2, "in2")).build();
    }

    /**
     * e3nn's {@code TensorSquare} without {@code irreps_out}, component normalization: run it with
     * the same vector as both inputs. See {@link #tensorSquare(Irreps, IrrepNormalization)}.
     *
     * @param in the irreps of the input
     * @return the spec, unweighted
     */
    public static TensorProductSpec tensorSquare(Irreps in) {
        return tensorSquare(in, IrrepNormalization.COMPONENT);
    }

    /**
     * e3nn's {@code TensorSquare} without {@code irreps_out}: {@code uvuv} for block pairs i &lt; j,
     * {@code uvu<v} within a block (mul &gt; 1), and {@code uuu} for the even-l (symmetric) part of a
     * block with itself; unweighted, output sorted. As e3nn, the normalization is put into the path
     * weights and the spec itself uses irrep normalization {@code none}.
     *
     * @param in the irreps of the input
     * @param normalization the irrep normalization folded into the path weights
     * @return the spec, unweighted
     */
    public static TensorProductSpec tensorSquare(Irreps in, IrrepNormalization normalization) {
        return StandardSpecs.tensorSquare(notNull(in, "in"), notNull(normalization, "normalization")).build();
    }

    private static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /**
     * A builder holding this spec's values, to change a few.
     *
     * @return a new builder
     */
    public Builder toBuilder() {
        Builder b = new Builder(irrepsIn1, irrepsIn2, irrepsOut);
        b.instructions.addAll(instructions);
        b.irrepNormalization = irrepNormalization;
        b.pathNormalization = pathNormalization;
        b.sharedWeights = sharedWeights;
        return b;
    }

    /**
     * The compiled plan (cached: equal specs share one).
     *
     * @return the plan
     */
    public Plan compile() {
        return Plan.of(this);
    }

    /**
     * Irreps of the first input.
     *
     * @return the irreps
     */
    public Irreps irrepsIn1() {
        return irrepsIn1;
    }

    /**
     * Irreps of the second input.
     *
     * @return the irreps
     */
    public Irreps irrepsIn2() {
        return irrepsIn2;
    }

    /**
     * Irreps of the output.
     *
     * @return the irreps
     */
    public Irreps irrepsOut() {
        return irrepsOut;
    }

    /**
     * The instructions, in order (this order defines the weight layout).
     *
     * @return the instructions, unmodifiable
     */
    public List<Instruction> instructions() {
        return instructions;
    }

    /**
     * e3nn's {@code irrep_normalization}.
     *
     * @return the normalization
     */
    public IrrepNormalization irrepNormalization() {
        return irrepNormalization;
    }

    /**
     * e3nn's {@code path_normalization}.
     *
     * @return the normalization
     */
    public PathNormalization pathNormalization() {
        return pathNormalization;
    }

    /**
     * True: one weight vector for the whole batch; false: one per sample.
     *
     * @return whether weights are shared
     */
    public boolean sharedWeights() {
        return sharedWeights;
    }

    /**
     * The coefficient of instruction {@code n}, e3nn's normalized {@code path_weight}:
     * {@code sqrt(alpha / divisor · path_weight)}.
     *
     * @param n the instruction, 0 ≤ n &lt; instructions().size()
     * @return the coefficient
     * @throws IndexOutOfBoundsException for another n
     */
    public double coefficient(int n) {
        return coefficients[checkInstruction("n", n)];
    }

    /**
     * e3nn's {@code path_shape} of instruction {@code n}.
     *
     * @param n the instruction, 0 ≤ n &lt; instructions().size()
     * @return a new array: the extent of each weight axis
     * @throws IndexOutOfBoundsException for another n
     */
    public int[] pathShape(int n) {
        Instruction ins = instructions.get(checkInstruction("n", n));
        return ins.mode().pathShape(mul(irrepsIn1, ins.in1()), mul(irrepsIn2, ins.in2()), mul(irrepsOut, ins.out()));
    }

    /**
     * Number of weights of instruction {@code n} if it is weighted: the product of its path_shape
     * (at most {@link HostArguments#MAX_ARRAY_LENGTH}, checked when the spec was built).
     *
     * @param n the instruction, 0 ≤ n &lt; instructions().size()
     * @return the number of weights
     * @throws IndexOutOfBoundsException for another n
     */
    public int pathSize(int n) {
        Instruction ins = instructions.get(checkInstruction("n", n));
        return (int) ins.mode().pathSize(mul(irrepsIn1, ins.in1()), mul(irrepsIn2, ins.in2()),
                mul(irrepsOut, ins.out()));
    }

    private int checkInstruction(String name, int n) {
        if (n < 0 || n >= instructions.size()) {
            throw new IndexOutOfBoundsException(name + " = " + n + ": instruction index outside 0.."
                    + (instructions.size() - 1) + " (" + instructions.size() + " instructions)");
        }
        return n;
    }

    /**
     * Weights per sample (or in total, when shared): Σ path sizes of weighted instructions.
     *
     * @return the weight count, ≥ 0
     */
    public int weightNumel() {
        return weightNumel;
    }

    private static int mul(Irreps irreps, int block) {
        return irreps.get(block).mul();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof TensorProductSpec)) return false;
        TensorProductSpec s = (TensorProductSpec) o;
        return irrepsIn1.equals(s.irrepsIn1) && irrepsIn2.equals(s.irrepsIn2) && irrepsOut.equals(s.irrepsOut)
                && instructions.equals(s.instructions) && irrepNormalization == s.irrepNormalization
                && pathNormalization == s.pathNormalization && sharedWeights == s.sharedWeights;
    }

    @Override
    public int hashCode() {
        return Objects.hash(irrepsIn1, irrepsIn2, irrepsOut, instructions, irrepNormalization, pathNormalization,
                sharedWeights);
    }

    @Override
    public String toString() {
        return "TensorProductSpec(" + irrepsIn1 + " x " + irrepsIn2 + " -> " + irrepsOut + " | "
                + instructions.size() + " paths | " + weightNumel + " weights | " + irrepNormalization.text()
                + ", " + pathNormalization.text() + (sharedWeights ? ", shared weights" : ", per-sample weights") + ")";
    }

    /** Collects irreps, instructions and options; {@link #build()} validates. Not thread-safe. */
    public static final class Builder {
        private final Irreps irrepsIn1;
        private final Irreps irrepsIn2;
        private final Irreps irrepsOut;
        private final List<Instruction> instructions = new ArrayList<>();
        private IrrepNormalization irrepNormalization = IrrepNormalization.COMPONENT;
        private PathNormalization pathNormalization = PathNormalization.ELEMENT;
        private boolean sharedWeights = true;

        private Builder(Irreps irrepsIn1, Irreps irrepsIn2, Irreps irrepsOut) {
            this.irrepsIn1 = Objects.requireNonNull(irrepsIn1, "irrepsIn1");
            this.irrepsIn2 = Objects.requireNonNull(irrepsIn2, "irrepsIn2");
            this.irrepsOut = Objects.requireNonNull(irrepsOut, "irrepsOut");
        }

        /**
         * Adds an instruction (order matters: it defines the weight layout).
         *
         * @param instruction the instruction, not null
         * @return this builder
         */
        public Builder instruction(Instruction instruction) {
            instructions.add(Objects.requireNonNull(instruction, "instruction"));
            return this;
        }

        /**
         * Adds {@code (in1, in2, out, mode, hasWeight)} with path weight 1; the mode in e3nn's spelling.
         *
         * @param in1 block index into the first input's irreps
         * @param in2 block index into the second input's irreps
         * @param out block index into the output irreps
         * @param mode the mode, e.g. {@code "uvw"}
         * @param hasWeight whether the path has learnable weights
         * @return this builder
         * @throws IllegalArgumentException for an unknown mode
         */
        public Builder instruction(int in1, int in2, int out, String mode, boolean hasWeight) {
            return instruction(Instruction.of(in1, in2, out, Mode.parse(mode), hasWeight));
        }

        /**
         * Adds {@code (in1, in2, out, mode, hasWeight, pathWeight)}; the mode in e3nn's spelling.
         *
         * @param in1 block index into the first input's irreps
         * @param in2 block index into the second input's irreps
         * @param out block index into the output irreps
         * @param mode the mode, e.g. {@code "uvw"}
         * @param hasWeight whether the path has learnable weights
         * @param pathWeight the factor under the square root, finite and ≥ 0
         * @return this builder
         * @throws IllegalArgumentException for an unknown mode
         */
        public Builder instruction(int in1, int in2, int out, String mode, boolean hasWeight, double pathWeight) {
            return instruction(Instruction.of(in1, in2, out, Mode.parse(mode), hasWeight, pathWeight));
        }

        /**
         * Adds instructions in list order.
         *
         * @param list the instructions
         * @return this builder
         */
        public Builder instructions(List<Instruction> list) {
            for (Instruction i : list) instruction(i);
            return this;
        }

        /**
         * Sets the irrep normalization (default component).
         *
         * @param value the normalization, not null
         * @return this builder
         */
        public Builder irrepNormalization(IrrepNormalization value) {
            this.irrepNormalization = Objects.requireNonNull(value, "irrepNormalization");
            return this;
        }

        /**
         * Sets the path normalization (default element).
         *
         * @param value the normalization, not null
         * @return this builder
         */
        public Builder pathNormalization(PathNormalization value) {
            this.pathNormalization = Objects.requireNonNull(value, "pathNormalization");
            return this;
        }

        /**
         * Sets whether weights are shared across the batch (default true).
         *
         * @param value true for one weight vector per batch, false for one per sample
         * @return this builder
         */
        public Builder sharedWeights(boolean value) {
            this.sharedWeights = value;
            return this;
        }

        /**
         * Validates and returns the spec.
         *
         * @return the spec
         * @throws IllegalArgumentException for an instruction with a block index out of range, a forbidden
         *     coupling, multiplicities the mode cannot use, or weights beyond one Java array, naming the
         *     instruction
         */
        public TensorProductSpec build() {
            return new TensorProductSpec(this);
        }
    }
}
