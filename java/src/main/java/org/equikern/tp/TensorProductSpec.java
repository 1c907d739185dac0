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

    /** A builder for a free-form instruction list; defaults are e3nn's (component, element, shared weights). */
    public static Builder builder(Irreps irrepsIn1, Irreps irrepsIn2, Irreps irrepsOut) {
        return new Builder(irrepsIn1, irrepsIn2, irrepsOut);
    }

    /** {@link #builder(Irreps, Irreps, Irreps)} from irreps strings. */
    public static Builder builder(String irrepsIn1, String irrepsIn2, String irrepsOut) {
        return new Builder(Irreps.parse(irrepsIn1), Irreps.parse(irrepsIn2), Irreps.parse(irrepsOut));
    }

    /**
     * e3nn's {@code FullyConnectedTensorProduct}: a weighted {@code uvw} path for every
     * (in1 block, in2 block, out block) the selection rule allows, in that loop order.
     */
    public static TensorProductSpec fullyConnected(Irreps in1, Irreps in2, Irreps out) {
        return StandardSpecs.fullyConnected(notNull(in1, "in1"), notNull(in2, "in2"), notNull(out, "out")).build();
    }

    /**
     * The channel-wise (NequIP / MACE convolution) product: a weighted {@code uvu} path for every
     * allowed (in1 block, in2 block, out block) whose output multiplicity equals in1's, with
     * per-sample weights (one weight vector per edge), as the benchmark's {@code channelwise}.
     */
    public static TensorProductSpec channelWise(Irreps in1, Irreps in2, Irreps out) {
        return StandardSpecs.channelWise(notNull(in1, "in1"), notNull(in2, "in2"), notNull(out, "out")).build();
    }

    /**
     * e3nn's {@code ElementwiseTensorProduct}: both inputs simplified and split so that their
     * blocks pair up channel by channel (same number of irreps required), then an unweighted
     * {@code uuu} path to each irrep of each block product.
     */
    public static TensorProductSpec elementwise(Irreps in1, Irreps in2) {
        return StandardSpecs.elementwise(notNull(in1, "in1"), notNull(in2, "in2")).build();
    }

    /**
     * e3nn's {@code FullTensorProduct}: inputs simplified, an unweighted {@code uvuv} path to every
     * irrep of every block product, output irreps sorted (instructions re-indexed accordingly).
     */
    public static TensorProductSpec fullTensorProduct(Irreps in1, Irreps in2) {
        return StandardSpecs.fullTensorProduct(notNull(in1, "in1"), notNull(in2, "in2")).build();
    }

    /**
     * e3nn's {@code TensorSquare} without {@code irreps_out}, component normalization: run it with
     * the same vector as both inputs. See {@link #tensorSquare(Irreps, IrrepNormalization)}.
     */
    public static TensorProductSpec tensorSquare(Irreps in) {
        return tensorSquare(in, IrrepNormalization.COMPONENT);
    }

    /**
     * e3nn's {@code TensorSquare} without {@code irreps_out}: {@code uvuv} for block pairs i &lt; j,
     * {@code uvu<v} within a block (mul &gt; 1), and {@code uuu} for the even-l (symmetric) part of a
     * block with itself; unweighted, output sorted. As e3nn, the normalization is put into the path
     * weights and the spec itself uses irrep normalization {@code none}.
     */
    public static TensorProductSpec tensorSquare(Irreps in, IrrepNormalization normalization) {
        return StandardSpecs.tensorSquare(notNull(in, "in"), notNull(normalization, "normalization")).build();
    }

    private static <T> T notNull(T value, String name) {
        return Objects.requireNonNull(value, name);
    }

    /** A builder holding this spec's values, to change a few. */
    public Builder toBuilder() {
        Builder b = new Builder(irrepsIn1, irrepsIn2, irrepsOut);
        b.instructions.addAll(instructions);
        b.irrepNormalization = irrepNormalization;
        b.pathNormalization = pathNormalization;
        b.sharedWeights = sharedWeights;
        return b;
    }

    /** The compiled plan (cached: equal specs share one). */
    public Plan compile() {
        return Plan.of(this);
    }

    /** Irreps of the first input. */
    public Irreps irrepsIn1() {
        return irrepsIn1;
    }

    /** Irreps of the second input. */
    public Irreps irrepsIn2() {
        return irrepsIn2;
    }

    /** Irreps of the output. */
    public Irreps irrepsOut() {
        return irrepsOut;
    }

    /** The instructions, in order (this order defines the weight layout). */
    public List<Instruction> instructions() {
        return instructions;
    }

    /** e3nn's {@code irrep_normalization}. */
    public IrrepNormalization irrepNormalization() {
        return irrepNormalization;
    }

    /** e3nn's {@code path_normalization}. */
    public PathNormalization pathNormalization() {
        return pathNormalization;
    }

    /** True: one weight vector for the whole batch; false: one per sample. */
    public boolean sharedWeights() {
        return sharedWeights;
    }

    /**
     * The coefficient of instruction {@code n}, e3nn's normalized {@code path_weight}:
     * {@code sqrt(alpha / divisor · path_weight)}.
     */
    public double coefficient(int n) {
        return coefficients[checkInstruction("n", n)];
    }

    /** e3nn's {@code path_shape} of instruction {@code n}. */
    public int[] pathShape(int n) {
        Instruction ins = instructions.get(checkInstruction("n", n));
        return ins.mode().pathShape(mul(irrepsIn1, ins.in1()), mul(irrepsIn2, ins.in2()), mul(irrepsOut, ins.out()));
    }

    /**
     * Number of weights of instruction {@code n} if it is weighted: the product of its path_shape
     * (at most {@link HostArguments#MAX_ARRAY_LENGTH}, checked when the spec was built).
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

    /** Weights per sample (or in total, when shared): Σ path sizes of weighted instructions. */
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

        /** Adds an instruction (order matters: it defines the weight layout). */
        public Builder instruction(Instruction instruction) {
            instructions.add(Objects.requireNonNull(instruction, "instruction"));
            return this;
        }

        /** Adds {@code (in1, in2, out, mode, hasWeight)} with path weight 1; the mode in e3nn's spelling. */
        public Builder instruction(int in1, int in2, int out, String mode, boolean hasWeight) {
            return instruction(Instruction.of(in1, in2, out, Mode.parse(mode), hasWeight));
        }

        /** Adds {@code (in1, in2, out, mode, hasWeight, pathWeight)}; the mode in e3nn's spelling. */
        public Builder instruction(int in1, int in2, int out, String mode, boolean hasWeight, double pathWeight) {
            return instruction(Instruction.of(in1, in2, out, Mode.parse(mode), hasWeight, pathWeight));
        }

        /** Adds instructions in list order. */
        public Builder instructions(List<Instruction> list) {
            for (Instruction i : list) instruction(i);
            return this;
        }

        /** Sets the irrep normalization (default component). */
        public Builder irrepNormalization(IrrepNormalization value) {
            this.irrepNormalization = Objects.requireNonNull(value, "irrepNormalization");
            return this;
        }

        /** Sets the path normalization (default element). */
        public Builder pathNormalization(PathNormalization value) {
            this.pathNormalization = Objects.requireNonNull(value, "pathNormalization");
            return this;
        }

        /** Sets whether weights are shared across the batch (default true). */
        public Builder sharedWeights(boolean value) {
            this.sharedWeights = value;
            return this;
        }

        /** Validates and returns the spec. */
        public TensorProductSpec build() {
            return new TensorProductSpec(this);
        }
    }
}
