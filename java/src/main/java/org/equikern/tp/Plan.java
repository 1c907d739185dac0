package org.equikern.tp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.equikern.concurrent.LruCache;
import org.equikern.group.Irreps;

/**
 * A {@link TensorProductSpec} compiled once for execution: dimensions, one {@link PlanPath} per
 * instruction (in instruction order) with folded Clebsch–Gordan nonzeros, and the same content as
 * flat primitive arrays for kernels that cannot walk objects. Immutable and thread-safe; plans
 * are cached by spec, so equal specs share one: the {@link #cacheSize()} most recently used
 * (default {@value #DEFAULT_CACHE_SIZE}, system property {@code equikern.plan.cacheSize}, or
 * {@link #setCacheSize}).
 *
 * <h2>Flat layout</h2>
 * <ul>
 *   <li>{@link #pathTable()}: {@link #PATH_STRIDE} ints per path, fields at the {@code PATH_*}
 *   offsets below; offsets are into a sample's feature / weight vector (e3nn {@code mul_ir}
 *   layout), dims are irrep dimensions 2l+1.</li>
 *   <li>{@link #cgIndices()}: (i, j, k) per nonzero, paths one after the other starting at
 *   {@code PATH_CG_START}; {@link #cgValues()}: the matching values with the coefficient folded in.</li>
 *   <li>{@link #pairTargets()}: for modes that do not mix channels, the output channel of each
 *   pair, starting at {@code PATH_TARGET_START}.</li>
 *   <li>{@link #blocks(Operand)}: (offset, mul, dim) per block of an operand's irreps.</li>
 * </ul>
 */
public final class Plan {
    /** {@link Mode#ordinal()}. */
    public static final int PATH_MODE = 0;
    /** {@link Mode.Pairs#ordinal()}: 0 all (u, v), 1 diagonal (u, u), 2 upper (u &lt; v). */
    public static final int PATH_PAIRS = 1;
    /** {@link Mode.Target#ordinal()}: 0 mixed (weights [pair, w]), 1 channel u, 2 channel v, 3 channel = pair. */
    public static final int PATH_TARGET = 2;
    /** 1 when the path is weighted, else 0. */
    public static final int PATH_HAS_WEIGHT = 3;
    /** Start of the in1 block in an input-1 feature vector. */
    public static final int PATH_IN1_OFFSET = 4;
    /** Multiplicity of the in1 block. */
    public static final int PATH_IN1_MUL = 5;
    /** Irrep dimension 2l+1 of the in1 block. */
    public static final int PATH_IN1_DIM = 6;
    /** Start of the in2 block in an input-2 feature vector. */
    public static final int PATH_IN2_OFFSET = 7;
    /** Multiplicity of the in2 block. */
    public static final int PATH_IN2_MUL = 8;
    /** Irrep dimension of the in2 block. */
    public static final int PATH_IN2_DIM = 9;
    /** Start of the output block in an output feature vector. */
    public static final int PATH_OUT_OFFSET = 10;
    /** Multiplicity of the output block. */
    public static final int PATH_OUT_MUL = 11;
    /** Irrep dimension of the output block. */
    public static final int PATH_OUT_DIM = 12;
    /** Start of the path's weights in a sample's weight vector (e3nn layout). */
    public static final int PATH_WEIGHT_OFFSET = 13;
    /** Weights of the path (0 when unweighted). */
    public static final int PATH_WEIGHT_SIZE = 14;
    /** Channel pairs multiplied (0 for an empty path). */
    public static final int PATH_PAIR_COUNT = 15;
    /** First nonzero of the path in {@link #cgValues()} (and ×3 in {@link #cgIndices()}). */
    public static final int PATH_CG_START = 16;
    /** Number of Clebsch–Gordan nonzeros of the path. */
    public static final int PATH_CG_COUNT = 17;
    /** First entry of the path in {@link #pairTargets()} (PATH_PAIR_COUNT entries, none when mixed). */
    public static final int PATH_TARGET_START = 18;
    /** Ints per path in {@link #pathTable()}. */
    public static final int PATH_STRIDE = 19;

    /** The three feature vectors of a tensor product. */
    public enum Operand {
        /** The first input. */
        IN1,
        /** The second input. */
        IN2,
        /** The output. */
        OUT
    }

    /** Plans the cache keeps unless {@code equikern.plan.cacheSize} says otherwise. */
    public static final int DEFAULT_CACHE_SIZE = 256;
    private static final LruCache<Key, Plan> CACHE =
            new LruCache<>(LruCache.capacityProperty("equikern.plan.cacheSize", DEFAULT_CACHE_SIZE));

    /** What a cached plan is compiled from. */
    private record Key(TensorProductSpec spec, CouplingSource source) {}

    private final TensorProductSpec spec;
    private final CouplingSource source;
    private final List<PlanPath> paths;
    private final int[] pathTable;
    private final int[] cgIndices;
    private final double[] cgValues;
    private final int[] pairTargets;

    private Plan(Key key) {
        this.spec = key.spec();
        this.source = key.source();
        List<PlanPath> list = new ArrayList<>();
        int weightOffset = 0;
        for (int n = 0; n < spec.instructions().size(); n++) {
            PlanPath path = new PlanPath(spec, n, weightOffset, source);
            weightOffset += path.weightSize();
            list.add(path);
        }
        this.paths = Collections.unmodifiableList(list);
        int nnz = 0;
        int targets = 0;
        for (PlanPath p : paths) {
            nnz += p.cgCount();
            if (p.mode().target() != Mode.Target.MIXED) targets += p.pairCount();
        }
        this.pathTable = new int[paths.size() * PATH_STRIDE];
        this.cgIndices = new int[3 * nnz];
        this.cgValues = new double[nnz];
        this.pairTargets = new int[targets];
        fillTables();
    }

    /**
     * The plan for {@code spec}, compiled on first use and cached (least recently used evicted
     * first). A compilation does not block other specs.
     */
    public static Plan of(TensorProductSpec spec) {
        return of(spec, CouplingSource.WIGNER_3J);
    }

    /**
     * The plan for {@code spec} with the coupling coefficients of {@code source}, compiled on first
     * use and cached per (spec, source).
     *
     * @throws IllegalArgumentException when the source gives an index outside an irrep
     */
    public static Plan of(TensorProductSpec spec, CouplingSource source) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(source, "source");
        return CACHE.get(new Key(spec, source), Plan::new);
    }

    /** Most plans kept in the cache. */
    public static int cacheSize() {
        return CACHE.capacity();
    }

    /**
     * Sets {@link #cacheSize()}, evicting the least recently used plans beyond it (plans in use
     * stay valid; an evicted spec is compiled again when asked for).
     *
     * @throws IllegalArgumentException when {@code size} is below 1
     */
    public static void setCacheSize(int size) {
        CACHE.setCapacity(size);
    }

    private void fillTables() {
        int cg = 0;
        int target = 0;
        for (int n = 0; n < paths.size(); n++) {
            PlanPath p = paths.get(n);
            int[] row = {
                p.mode().ordinal(), p.mode().pairs().ordinal(), p.mode().target().ordinal(), p.hasWeight() ? 1 : 0,
                p.in1Offset(), p.in1Mul(), p.in1Irrep().dim(),
                p.in2Offset(), p.in2Mul(), p.in2Irrep().dim(),
                p.outOffset(), p.outMul(), p.outIrrep().dim(),
                p.weightOffset(), p.weightSize(), p.pairCount(), cg, p.cgCount(), target
            };
            System.arraycopy(row, 0, pathTable, n * PATH_STRIDE, PATH_STRIDE);
            for (int z = 0; z < p.cgCount(); z++, cg++) {
                cgIndices[3 * cg] = p.cgI(z);
                cgIndices[3 * cg + 1] = p.cgJ(z);
                cgIndices[3 * cg + 2] = p.cgK(z);
                cgValues[cg] = p.cgValue(z);
            }
            if (p.mode().target() != Mode.Target.MIXED) {
                for (int q = 0; q < p.pairCount(); q++) pairTargets[target++] = p.pairTarget(q);
            }
        }
    }

    /** The spec this plan compiles. */
    public TensorProductSpec spec() {
        return spec;
    }

    /** Where the paths' coupling coefficients come from. */
    public CouplingSource source() {
        return source;
    }

    /** Dimension of an input-1 feature vector. */
    public int dim1() {
        return spec.irrepsIn1().dim();
    }

    /** Dimension of an input-2 feature vector. */
    public int dim2() {
        return spec.irrepsIn2().dim();
    }

    /** Dimension of an output feature vector. */
    public int dimOut() {
        return spec.irrepsOut().dim();
    }

    /** Weights per sample (or in total, when shared). */
    public int weightNumel() {
        return spec.weightNumel();
    }

    /** Whether one weight vector serves the whole batch. */
    public boolean sharedWeights() {
        return spec.sharedWeights();
    }

    /** The compiled paths, one per instruction, in instruction order. */
    public List<PlanPath> paths() {
        return paths;
    }

    /** The irreps of an operand. */
    public Irreps irreps(Operand operand) {
        switch (operand) {
            case IN1: return spec.irrepsIn1();
            case IN2: return spec.irrepsIn2();
            default: return spec.irrepsOut();
        }
    }

    /** {@link #PATH_STRIDE} ints per path (a copy). */
    public int[] pathTable() {
        return pathTable.clone();
    }

    /** (i, j, k) per Clebsch–Gordan nonzero, all paths concatenated (a copy). */
    public int[] cgIndices() {
        return cgIndices.clone();
    }

    /** Nonzero values with the path coefficients folded in (a copy). */
    public double[] cgValues() {
        return cgValues.clone();
    }

    /** Output channel per pair of the non-mixing paths, concatenated (a copy). */
    public int[] pairTargets() {
        return pairTargets.clone();
    }

    /** (offset, mul, dim) per block of the operand's irreps. */
    public int[] blocks(Operand operand) {
        Irreps irreps = irreps(operand);
        int[] table = new int[3 * irreps.size()];
        for (int b = 0; b < irreps.size(); b++) {
            table[3 * b] = irreps.offset(b);
            table[3 * b + 1] = irreps.get(b).mul();
            table[3 * b + 2] = irreps.get(b).irrep().dim();
        }
        return table;
    }

    /** Largest {@code outDim × pairCount} over the paths: the scratch one path's pair products need. */
    public int maxPairProducts() {
        int max = 0;
        for (PlanPath p : paths) max = Math.max(max, p.outIrrep().dim() * p.pairCount());
        return max;
    }

    /** Multiply-adds of one sample's forward pass, to size parallel work. */
    public long flopsPerSample() {
        long flops = 0;
        for (PlanPath p : paths) {
            long products = (long) p.pairCount() * p.cgCount();
            long mixing = (long) p.pairCount() * p.outIrrep().dim()
                    * (p.mode().target() == Mode.Target.MIXED ? p.outMul() : 1);
            flops += products + mixing;
        }
        return flops;
    }

    @Override
    public String toString() {
        return "Plan(" + spec + ", " + cgValues.length + " nonzeros)";
    }
}
