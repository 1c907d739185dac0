package org.equikern.ops.tensorproduct;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.equikern.group.Irreps;
import org.equikern.tp.Instruction;
import org.equikern.tp.Mode;
import org.equikern.tp.Plan;
import org.equikern.tp.PlanPath;

/**
 * A {@link Plan} flattened into the int table and coefficient array that the kernels of
 * {@code kernels/common/tensor_product.h} read; the field positions mirror that header's
 * {@code #define}s. Each path's Clebsch–Gordan nonzeros appear three times, grouped by output
 * component k (forward and weight gradient), by x1 component i and by x2 component j, so a
 * work-item computing one element visits exactly the nonzeros that touch it. Weighted uvw paths
 * of plans that {@link #fitsLaneTiles() fit lane tiles} also get a block of a per-sample scratch
 * (see {@link #coupledLength()}). The channel-chunk
 * kernels take {@link #LANES} channels per item.
 */
public final class TensorProductTables {
    static final int HEADER = 15;
    static final int PATH_STRIDE = 16;
    /** Header field holding the start of the path records ({@code TP_PATHS}). */
    static final int PATHS_FIELD = 5;
    /** Path record field of the coupled-scratch offset ({@code P_TOFF}). */
    static final int COUPLED_OFFSET_FIELD = 15;
    static final int BLOCK_STRIDE = 5;
    private static final int INDEX_BITS = 10;
    /** Channels per item of the channel-chunk kernels ({@code TP_LANES}). */
    static final int LANES = 16;
    /** Samples or weight rows sharing one lane load ({@code TP_REUSE}). */
    static final int REUSE = 8;
    /** Largest irrep dimension of the uvu chunk kernels ({@code TP_MAX_DIM}). */
    static final int MAX_DIM = 15;

    private final int[] table;
    private final double[] coefficients;
    private final int coupledLength;
    private final int coupledChunks;
    private final List<PlanPath> paths;
    private final int outputChunks;
    private final int inputChunks;
    private final int x2Blocks;
    private final boolean fitsLaneTiles;
    private final boolean allUvu;
    private final boolean allWeightedUvw;

    private TensorProductTables(int[] table, double[] coefficients, int coupledLength, int coupledChunks,
            Plan plan) {
        this.table = table;
        this.coefficients = coefficients;
        this.coupledLength = coupledLength;
        this.coupledChunks = coupledChunks;
        this.paths = plan.paths();
        this.outputChunks = chunks(widest(plan.irreps(Plan.Operand.OUT)), LANES);
        this.inputChunks = chunks(widest(plan.irreps(Plan.Operand.IN1)), LANES);
        this.x2Blocks = plan.irreps(Plan.Operand.IN2).size();
        this.fitsLaneTiles = fitsLaneTiles(paths);
        this.allUvu = fitsLaneTiles && paths.stream().allMatch(p -> p.mode() == Mode.UVU);
        this.allWeightedUvw = fitsLaneTiles && paths.stream().allMatch(p -> p.mode() == Mode.UVW && p.hasWeight());
    }

    private static boolean fitsLaneTiles(List<PlanPath> paths) {
        return paths.stream().allMatch(p -> p.in1Irrep().dim() <= MAX_DIM && p.in2Irrep().dim() <= MAX_DIM
                && p.outIrrep().dim() <= MAX_DIM);
    }

    private static int widest(Irreps irreps) {
        int widest = 0;
        for (var block : irreps) widest = Math.max(widest, block.mul());
        return widest;
    }

    private static int chunks(int n, int size) {
        return (int) (((long) n + size - 1) / size);
    }

    /**
     * Flattens a plan; O(size of the plan), done once per plan and device.
     *
     * @param plan the plan
     * @return the tables
     */
    public static TensorProductTables of(Plan plan) {
        return new Builder(plan).build();
    }

    /**
     * Reals per sample of the scratch that the two-pass weighted uvw kernels fill: for each such
     * path, {@code mul1 · mul2 · dimOut} couplings; 0 when the plan has no weighted uvw path.
     *
     * @return the length in reals, ≥ 0
     */
    public int coupledLength() {
        return coupledLength;
    }

    /**
     * Chunks of {@link #LANES} (u, v) pairs per sample over the weighted uvw paths: the items per
     * sample of {@code tp_couple}, per {@link #REUSE} samples of {@code tp_couple_grad}.
     *
     * @return the chunk count, ≥ 0
     */
    public int coupledChunks() {
        return coupledChunks;
    }

    /**
     * Chunks of {@link #LANES} channels covering the widest output block: items per sample of the forward
     * kernels.
     *
     * @return the chunk count
     */
    public int outputChunks() {
        return outputChunks;
    }

    /**
     * Chunks of {@link #LANES} channels covering the widest x1 block: items per sample of {@code
     * tp_grad_x1_chunks} and {@code tp_grad_w_uvu}.
     *
     * @return the chunk count
     */
    public int inputChunks() {
        return inputChunks;
    }

    /**
     * Blocks of x2: items per sample of {@code tp_grad_x2_chunks}.
     *
     * @return the block count
     */
    public int x2Blocks() {
        return x2Blocks;
    }

    /**
     * Whether every irrep of every path has dimension at most {@link #MAX_DIM}, so the chunk
     * kernels can hold a path's rows in lane tiles. Plans that do not fit keep their weighted uvw
     * paths in the one-pass element loops (no coupled scratch).
     *
     * @return whether the plan fits the lane tiles
     */
    public boolean fitsLaneTiles() {
        return fitsLaneTiles;
    }

    /**
     * Whether every path is uvu and {@link #fitsLaneTiles()}, so the uvu chunk kernels can run.
     *
     * @return whether the uvu chunk kernels apply
     */
    public boolean allUvu() {
        return allUvu;
    }

    /**
     * Whether every path is a weighted uvw path and {@link #fitsLaneTiles()}, so the forward and
     * the gradients can run on T and G alone.
     *
     * @return whether the uvw-only kernels apply
     */
    public boolean allWeightedUvw() {
        return allWeightedUvw;
    }

    /**
     * Where path {@code path}'s (u, v, k) block starts in a sample of the coupled scratch
     * ({@code P_TOFF}).
     *
     * @param path the path's index in the plan
     * @return the offset, or -1 unless the path is weighted uvw and the plan fits the lane tiles
     */
    public int coupledOffset(int path) {
        return table[table[PATHS_FIELD] + path * PATH_STRIDE + COUPLED_OFFSET_FIELD];
    }

    /**
     * Items of {@code tp_grad_w_uvw_shared}: per weighted uvw path, {@link #REUSE} (u, v) rows × {@link
     * #LANES} channels each.
     *
     * @return the item count, ≥ 0
     */
    public int weightGradientItems() {
        int items = 0;
        for (PlanPath p : paths) {
            if (p.mode() == Mode.UVW && p.hasWeight()) {
                items += chunks(p.in1Mul() * p.in2Mul(), REUSE) * chunks(p.outMul(), LANES);
            }
        }
        return items;
    }

    /**
     * The int table ({@code plan} argument of the kernels).
     *
     * @return a new array
     */
    public int[] table() {
        return table.clone();
    }

    /**
     * The coefficients ({@code cg} argument), in float64.
     *
     * @return a new array
     */
    public double[] coefficients() {
        return coefficients.clone();
    }

    /**
     * The coefficients rounded to float32, for FLOAT32 kernels.
     *
     * @return a new array
     */
    public float[] coefficientsFloat() {
        float[] f = new float[coefficients.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) coefficients[i];
        return f;
    }

    private static final class Builder {
        private final Plan plan;
        private final List<PlanPath> paths;
        private final List<Integer> ints = new ArrayList<>();
        private final List<Integer> cgIndex = new ArrayList<>();
        private final List<Double> cgValue = new ArrayList<>();
        private int coupled;
        private int coupledChunks;

        private final boolean fitsLaneTiles;

        Builder(Plan plan) {
            this.plan = plan;
            this.paths = plan.paths();
            this.fitsLaneTiles = TensorProductTables.fitsLaneTiles(paths);
        }

        TensorProductTables build() {
            for (PlanPath p : paths) {
                int max = Math.max(p.in1Irrep().dim(), Math.max(p.in2Irrep().dim(), p.outIrrep().dim()));
                if (max > (1 << INDEX_BITS)) {
                    throw new IllegalArgumentException("irrep dimension " + max + " exceeds the kernels' limit of "
                            + (1 << INDEX_BITS) + " (l <= 511)");
                }
            }
            for (int i = 0; i < HEADER; i++) ints.add(0);
            set(0, plan.dim1());
            set(1, plan.dim2());
            set(2, plan.dimOut());
            set(3, plan.weightNumel());
            set(4, paths.size());
            set(5, ints.size());
            for (int n = 0; n < paths.size(); n++) {
                for (int f = 0; f < PATH_STRIDE; f++) ints.add(0);
            }
            Irreps out = plan.irreps(Plan.Operand.OUT);
            Irreps in1 = plan.irreps(Plan.Operand.IN1);
            Irreps in2 = plan.irreps(Plan.Operand.IN2);
            blocks(6, 7, out, Plan.Operand.OUT);
            blocks(8, 9, in1, Plan.Operand.IN1);
            blocks(10, 11, in2, Plan.Operand.IN2);
            for (int n = 0; n < paths.size(); n++) pathRecord(n);
            set(12, ints.size());
            set(13, coupled);
            set(14, coupledChunks);
            int[] table = new int[ints.size() + cgIndex.size()];
            for (int i = 0; i < ints.size(); i++) table[i] = ints.get(i);
            for (int i = 0; i < cgIndex.size(); i++) table[ints.size() + i] = cgIndex.get(i);
            double[] values = new double[cgValue.size()];
            for (int i = 0; i < values.length; i++) values[i] = cgValue.get(i);
            return new TensorProductTables(table, values, coupled, coupledChunks, plan);
        }

        private void set(int position, int value) {
            ints.set(position, value);
        }

        /** Block records of one operand, then the list of paths touching each block. */
        private void blocks(int startField, int countField, Irreps irreps, Plan.Operand operand) {
            set(startField, ints.size());
            set(countField, irreps.size());
            int records = ints.size();
            for (int b = 0; b < irreps.size() * BLOCK_STRIDE; b++) ints.add(0);
            for (int b = 0; b < irreps.size(); b++) {
                int r = records + b * BLOCK_STRIDE;
                set(r, irreps.offset(b));
                set(r + 1, irreps.get(b).mul());
                set(r + 2, irreps.get(b).irrep().dim());
                set(r + 3, ints.size());
                for (int n = 0; n < paths.size(); n++) {
                    if (blockOf(paths.get(n), operand) == b) ints.add(n);
                }
                set(r + 4, ints.size());
            }
        }

        private int blockOf(PlanPath p, Plan.Operand operand) {
            Instruction ins = plan.spec().instructions().get(p.instruction());
            switch (operand) {
                case IN1: return ins.in1();
                case IN2: return ins.in2();
                default: return ins.out();
            }
        }

        private void pathRecord(int n) {
            PlanPath p = paths.get(n);
            int r = ints.get(5) + n * PATH_STRIDE;
            int coupledOffset = -1;
            if (p.mode() == Mode.UVW && p.hasWeight() && fitsLaneTiles) {
                coupledOffset = coupled;
                coupledChunks += chunks(p.in1Mul() * p.in2Mul(), LANES);
                long total = coupled + (long) p.in1Mul() * p.in2Mul() * p.outIrrep().dim();
                if (total > Integer.MAX_VALUE) {
                    throw new IllegalArgumentException("path " + n + " (" + p.mode().text() + ", " + p.in1Mul() + "x"
                            + p.in1Irrep() + " x " + p.in2Mul() + "x" + p.in2Irrep() + "): " + total
                            + " coupled values per sample, above the device limit " + Integer.MAX_VALUE);
                }
                coupled = (int) total;
            }
            int[] fields = {
                p.mode().ordinal(),
                p.in1Offset(), p.in1Mul(), p.in1Irrep().dim(),
                p.in2Offset(), p.in2Mul(), p.in2Irrep().dim(),
                p.outOffset(), p.outMul(), p.outIrrep().dim(),
                p.hasWeight() ? p.weightOffset() : -1, p.weightSize(),
                segments(p, 2, p.outIrrep().dim()),
                segments(p, 0, p.in1Irrep().dim()),
                segments(p, 1, p.in2Irrep().dim()),
                coupledOffset,
            };
            for (int f = 0; f < PATH_STRIDE; f++) set(r + f, fields[f]);
        }

        /**
         * Appends the path's nonzeros grouped by component {@code axis} (0 = i, 1 = j, 2 = k) and
         * a segment table of {@code dim + 1} positions into them; returns the table's position.
         */
        private int segments(PlanPath p, int axis, int dim) {
            List<Integer> order = new ArrayList<>();
            for (int n = 0; n < p.cgCount(); n++) order.add(n);
            order.sort(Comparator.comparingInt(n -> component(p, n, axis)));
            int table = ints.size();
            int cursor = 0;
            for (int c = 0; c <= dim; c++) {
                while (cursor < order.size() && component(p, order.get(cursor), axis) < c) cursor++;
                ints.add(cgValue.size() + cursor);
            }
            for (int n : order) {
                cgIndex.add(p.cgI(n) | p.cgJ(n) << INDEX_BITS | p.cgK(n) << (2 * INDEX_BITS));
                cgValue.add(p.cgValue(n));
            }
            return table;
        }

        private static int component(PlanPath p, int n, int axis) {
            return axis == 0 ? p.cgI(n) : axis == 1 ? p.cgJ(n) : p.cgK(n);
        }
    }
}
