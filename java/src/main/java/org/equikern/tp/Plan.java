package org.equikern.tp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.equikern.concurrent.LruCache;
import org.equikern.group.Irreps;

/**
 * A {@link TensorProductSpec} compiled once for execution: dimensions and one {@link PlanPath} per
 * instruction (in instruction order) with its coupling nonzeros (from a {@link CouplingSource})
 * and the path coefficient folded in. Each backend flattens the paths its own way. Immutable and thread-safe; plans
 * are cached by spec, so equal specs share one: the {@link #cacheSize()} most recently used
 * (default {@value #DEFAULT_CACHE_SIZE}, system property {@code equikern.plan.cacheSize}, or
 * {@link #setCacheSize}).
 *
 * <p>{@link #blocks(Operand)} gives (offset, mul, dim) per block of an operand's irreps.
 */
public final class Plan {
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
    }

    /**
     * The plan for {@code spec}, compiled on first use and cached (least recently used evicted
     * first). A compilation does not block other specs.
     *
     * @param spec the spec
     * @return the plan, with Wigner 3j couplings
     */
    public static Plan of(TensorProductSpec spec) {
        return of(spec, CouplingSource.WIGNER_3J);
    }

    /**
     * The plan for {@code spec} with the coupling coefficients of {@code source}, compiled on first
     * use and cached per (spec, source).
     *
     * @param spec the spec
     * @param source the couplings of its paths
     * @return the plan
     * @throws IllegalArgumentException when the source gives an index outside an irrep
     */
    public static Plan of(TensorProductSpec spec, CouplingSource source) {
        Objects.requireNonNull(spec, "spec");
        Objects.requireNonNull(source, "source");
        return CACHE.get(new Key(spec, source), Plan::new);
    }

    /**
     * Most plans kept in the cache.
     *
     * @return the capacity, ≥ 1
     */
    public static int cacheSize() {
        return CACHE.capacity();
    }

    /**
     * Sets {@link #cacheSize()}, evicting the least recently used plans beyond it (plans in use
     * stay valid; an evicted spec is compiled again when asked for).
     *
     * @param size the capacity, ≥ 1
     * @throws IllegalArgumentException when {@code size} is below 1
     */
    public static void setCacheSize(int size) {
        CACHE.setCapacity(size);
    }

    /**
     * The spec this plan compiles.
     *
     * @return the spec
     */
    public TensorProductSpec spec() {
        return spec;
    }

    /**
     * Where the paths' coupling coefficients come from.
     *
     * @return the coupling source
     */
    public CouplingSource source() {
        return source;
    }

    /**
     * Dimension of an input-1 feature vector.
     *
     * @return dim1
     */
    public int dim1() {
        return spec.irrepsIn1().dim();
    }

    /**
     * Dimension of an input-2 feature vector.
     *
     * @return dim2
     */
    public int dim2() {
        return spec.irrepsIn2().dim();
    }

    /**
     * Dimension of an output feature vector.
     *
     * @return dimOut
     */
    public int dimOut() {
        return spec.irrepsOut().dim();
    }

    /**
     * Weights per sample (or in total, when shared).
     *
     * @return the weight count, ≥ 0
     */
    public int weightNumel() {
        return spec.weightNumel();
    }

    /**
     * Whether one weight vector serves the whole batch.
     *
     * @return true when shared
     */
    public boolean sharedWeights() {
        return spec.sharedWeights();
    }

    /**
     * The compiled paths, one per instruction, in instruction order.
     *
     * @return the paths, unmodifiable
     */
    public List<PlanPath> paths() {
        return paths;
    }

    /**
     * The irreps of an operand.
     *
     * @param operand which operand
     * @return its irreps
     */
    public Irreps irreps(Operand operand) {
        switch (operand) {
            case IN1: return spec.irrepsIn1();
            case IN2: return spec.irrepsIn2();
            default: return spec.irrepsOut();
        }
    }

    /**
     * (offset, mul, dim) per block of the operand's irreps.
     *
     * @param operand which operand
     * @return a new array of 3 ints per block
     */
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

    /**
     * Largest {@code outDim × pairCount} over the paths: the scratch one path's pair products need.
     *
     * @return the element count, ≥ 0
     */
    public int maxPairProducts() {
        int max = 0;
        for (PlanPath p : paths) max = Math.max(max, p.outIrrep().dim() * p.pairCount());
        return max;
    }

    /**
     * Multiply-adds of one sample's forward pass, to size parallel work.
     *
     * @return the count, ≥ 0
     */
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
        return "Plan(" + spec + ", " + paths.stream().mapToInt(PlanPath::cgCount).sum() + " nonzeros)";
    }
}
