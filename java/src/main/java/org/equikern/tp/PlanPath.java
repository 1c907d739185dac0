package org.equikern.tp;

import org.equikern.group.Coupling;
import org.equikern.group.Irrep;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * One compiled path of a {@link Plan}: where its three blocks sit in the feature vectors, where
 * its weights sit in the weight vector, its coefficient, the output channel of each channel pair,
 * and the sparse coupling nonzeros (from its {@link CouplingSource}) {@code (i, j, k, value)} with the coefficient multiplied in.
 * Immutable.
 */
public final class PlanPath {
    private final int instruction;
    private final Mode mode;
    private final boolean hasWeight;
    private final int in1Offset;
    private final int in1Mul;
    private final Irrep in1Irrep;
    private final int in2Offset;
    private final int in2Mul;
    private final Irrep in2Irrep;
    private final int outOffset;
    private final int outMul;
    private final Irrep outIrrep;
    private final int weightOffset;
    private final int[] pathShape;
    private final int pairCount;
    private final int[] pairTargets;
    private final double coefficient;
    private final int[] cgIndex;
    private final double[] cgValue;

    PlanPath(TensorProductSpec spec, int instruction, int weightOffset, CouplingSource source) {
        Instruction ins = spec.instructions().get(instruction);
        this.instruction = instruction;
        this.mode = ins.mode();
        this.hasWeight = ins.hasWeight();
        Irreps i1 = spec.irrepsIn1();
        Irreps i2 = spec.irrepsIn2();
        Irreps o = spec.irrepsOut();
        MulIrrep a = i1.get(ins.in1());
        MulIrrep b = i2.get(ins.in2());
        MulIrrep c = o.get(ins.out());
        this.in1Offset = i1.offset(ins.in1());
        this.in1Mul = a.mul();
        this.in1Irrep = a.irrep();
        this.in2Offset = i2.offset(ins.in2());
        this.in2Mul = b.mul();
        this.in2Irrep = b.irrep();
        this.outOffset = o.offset(ins.out());
        this.outMul = c.mul();
        this.outIrrep = c.irrep();
        this.weightOffset = weightOffset;
        this.pathShape = spec.pathShape(instruction);
        // An empty path (a zero multiplicity) computes nothing, as e3nn skips it.
        boolean empty = InstructionChecks.isEmpty(mode, in1Mul, in2Mul, outMul);
        this.pairCount = empty ? 0 : mode.pairCount(in1Mul, in2Mul);
        this.pairTargets = pairTargets(mode, in1Mul, in2Mul, pairCount);
        this.coefficient = spec.coefficient(instruction);
        Coupling coupling = source.coupling(in1Irrep, in2Irrep, outIrrep);
        int nnz = empty ? 0 : coupling.nonZeroCount();
        this.cgIndex = new int[3 * nnz];
        this.cgValue = new double[nnz];
        for (int n = 0; n < nnz; n++) {
            cgIndex[3 * n] = checkIndex(coupling.nonZeroI(n), in1Irrep, "i", n, instruction);
            cgIndex[3 * n + 1] = checkIndex(coupling.nonZeroJ(n), in2Irrep, "j", n, instruction);
            cgIndex[3 * n + 2] = checkIndex(coupling.nonZeroK(n), outIrrep, "k", n, instruction);
            cgValue[n] = coefficient * coupling.nonZeroValue(n);
        }
    }

    /** A coupling source is outside code: an index past its irrep would corrupt every backend's reads. */
    private static int checkIndex(int index, Irrep irrep, String name, int entry, int instruction) {
        if (index < 0 || index >= irrep.dim()) {
            throw new IllegalArgumentException("coupling of instruction " + instruction + ": entry " + entry + " has "
                    + name + " = " + index + ", outside [0, " + irrep.dim() + ") of " + irrep);
        }
        return index;
    }

    /** Output channel of each pair for modes that do not mix (empty for uvw, uuw, u<vw). */
    private static int[] pairTargets(Mode mode, int mul1, int mul2, int pairCount) {
        if (mode.target() == Mode.Target.MIXED) return new int[0];
        int[] targets = new int[pairCount];
        for (int p = 0; p < pairCount; p++) {
            switch (mode.target()) {
                case FIRST: targets[p] = mode.pairs() == Mode.Pairs.ALL ? p / mul2 : p; break;
                case SECOND: targets[p] = p % mul2; break;
                default: targets[p] = p;
            }
        }
        return targets;
    }

    /**
     * Index of the instruction this path compiles.
     *
     * @return the instruction's index in the spec
     */
    public int instruction() {
        return instruction;
    }

    /**
     * The instruction's mode.
     *
     * @return the mode
     */
    public Mode mode() {
        return mode;
    }

    /**
     * Whether the path reads weights.
     *
     * @return whether weighted
     */
    public boolean hasWeight() {
        return hasWeight;
    }

    /**
     * Start of the in1 block in an input-1 feature vector.
     *
     * @return the offset, ≥ 0
     */
    public int in1Offset() {
        return in1Offset;
    }

    /**
     * Multiplicity of the in1 block.
     *
     * @return the multiplicity
     */
    public int in1Mul() {
        return in1Mul;
    }

    /**
     * Irrep of the in1 block.
     *
     * @return the irrep
     */
    public Irrep in1Irrep() {
        return in1Irrep;
    }

    /**
     * Start of the in2 block in an input-2 feature vector.
     *
     * @return the offset, ≥ 0
     */
    public int in2Offset() {
        return in2Offset;
    }

    /**
     * Multiplicity of the in2 block.
     *
     * @return the multiplicity
     */
    public int in2Mul() {
        return in2Mul;
    }

    /**
     * Irrep of the in2 block.
     *
     * @return the irrep
     */
    public Irrep in2Irrep() {
        return in2Irrep;
    }

    /**
     * Start of the output block in an output feature vector.
     *
     * @return the offset, ≥ 0
     */
    public int outOffset() {
        return outOffset;
    }

    /**
     * Multiplicity of the output block.
     *
     * @return the multiplicity
     */
    public int outMul() {
        return outMul;
    }

    /**
     * Irrep of the output block.
     *
     * @return the irrep
     */
    public Irrep outIrrep() {
        return outIrrep;
    }

    /**
     * Start of this path's weights in a sample's weight vector (meaningful when {@link #hasWeight()}).
     *
     * @return the offset, ≥ 0
     */
    public int weightOffset() {
        return weightOffset;
    }

    /**
     * Number of weights this path consumes: product of its path shape, or 0 without weights.
     *
     * @return the count, ≥ 0
     */
    public int weightSize() {
        if (!hasWeight) return 0;
        int n = 1;
        for (int s : pathShape) n *= s;
        return n;
    }

    /**
     * e3nn's path_shape (its weights are laid out row-major in this shape).
     *
     * @return a new array
     */
    public int[] pathShape() {
        return pathShape.clone();
    }

    /**
     * Number of channel pairs multiplied (0 for an empty path); see {@link Mode.Pairs}.
     *
     * @return the count, ≥ 0
     */
    public int pairCount() {
        return pairCount;
    }

    /**
     * The output channel pair {@code p} goes to, for modes that do not mix channels.
     *
     * @param p the pair, 0 ≤ p &lt; {@link #pairCount()}
     * @return the output channel
     */
    public int pairTarget(int p) {
        return pairTargets[p];
    }

    /**
     * e3nn's normalized path weight: sqrt(alpha / divisor · path_weight).
     *
     * @return the coefficient
     */
    public double coefficient() {
        return coefficient;
    }

    /**
     * Number of Clebsch–Gordan nonzeros (0 for an empty path).
     *
     * @return the count, ≥ 0
     */
    public int cgCount() {
        return cgValue.length;
    }

    /**
     * Component of the in1 irrep of nonzero {@code n}.
     *
     * @param n the nonzero, 0 ≤ n &lt; {@link #cgCount()}
     * @return the component, 0..2·l1
     */
    public int cgI(int n) {
        return cgIndex[3 * n];
    }

    /**
     * Component of the in2 irrep of nonzero {@code n}.
     *
     * @param n the nonzero, 0 ≤ n &lt; {@link #cgCount()}
     * @return the component, 0..2·l2
     */
    public int cgJ(int n) {
        return cgIndex[3 * n + 1];
    }

    /**
     * Component of the output irrep of nonzero {@code n}.
     *
     * @param n the nonzero, 0 ≤ n &lt; {@link #cgCount()}
     * @return the component, 0..2·l_out
     */
    public int cgK(int n) {
        return cgIndex[3 * n + 2];
    }

    /**
     * Value of nonzero {@code n}: Wigner 3j entry times {@link #coefficient()}.
     *
     * @param n the nonzero, 0 ≤ n &lt; {@link #cgCount()}
     * @return the scaled coefficient
     */
    public double cgValue(int n) {
        return cgValue[n];
    }

    @Override
    public String toString() {
        return "path " + instruction + ": " + in1Mul + "x" + in1Irrep + " x " + in2Mul + "x" + in2Irrep + " -> "
                + outMul + "x" + outIrrep + " '" + mode.text() + "'" + (hasWeight ? " weighted" : "")
                + " coefficient " + coefficient;
    }
}
