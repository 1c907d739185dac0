package org.equikern.ops.tensorproduct;

import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_HAS_WEIGHT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_DIM;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_MUL;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN1_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_IN2_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_OUT_OFFSET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_PAIR_COUNT;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_STRIDE;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_TARGET;
import static org.equikern.ops.tensorproduct.JavaPathTable.PATH_WEIGHT_OFFSET;

import java.util.ArrayList;
import java.util.List;
import java.util.function.DoubleFunction;
import org.equikern.tp.Mode;

/**
 * What the channel-wise code generators ({@link ChannelWiseSource}, {@link FloatChannelWiseSource})
 * read from a {@link FlatPlan}: the paths with couplings, the output blocks with channels, and
 * each path's couplings, blocks and weights.
 */
final class ChannelWisePaths {
    /** Most multiply-adds one generated method may unroll (HotSpot does not compile methods over 8000 bytecodes). */
    static final int MAX_TERMS_PER_METHOD = 300;

    final FlatPlan k;
    /** The paths with couplings, ascending. */
    final List<Integer> paths = new ArrayList<>();
    /**
     * Index into {@code k.outBlocks} of each output block with channels: a block of multiplicity 0
     * has nothing to write and shares its offset (the generated methods' name) with the next.
     */
    final List<Integer> outBlocks = new ArrayList<>();
    /** Number of couplings of all paths. */
    final int couplings;

    ChannelWisePaths(FlatPlan k) {
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

    /** Whether no generated method unrolls more than {@link #MAX_TERMS_PER_METHOD} multiply-adds. */
    boolean fitsMethodLimit() {
        return fitsMethodLimit(1);
    }

    /**
     * Whether methods that unroll {@code copies} times the forward and backward's multiply-adds (the
     * tangent kernels, which compute several terms of each in one pass) stay within the limit.
     */
    boolean fitsMethodLimit(int copies) {
        for (int b : outBlocks) {
            int terms = 0;
            for (int path : pathsInto(k.outBlocks[b])) terms += k.couplingCount[path];
            if (copies * terms > MAX_TERMS_PER_METHOD) return false;
        }
        for (int path : paths) {
            int first = k.couplingStart[path];
            int terms = 2 * k.couplingCount[path] + k.termStart[first + k.couplingCount[path]] - k.termStart[first];
            if (copies * terms > MAX_TERMS_PER_METHOD) return false;
        }
        return true;
    }

    /** Whether every path is weighted and the weights are per sample (what the tangent kernels take). */
    boolean perSampleWeightsOnEveryPath() {
        if (k.sharedWeights) return false;
        for (int path : paths) {
            if (!weighted(path)) return false;
        }
        return true;
    }

    /** The paths writing the output block at {@code outOffset}. */
    List<Integer> pathsInto(int outOffset) {
        List<Integer> into = new ArrayList<>();
        for (int path : paths) {
            if (get(path, PATH_OUT_OFFSET) == outOffset) into.add(path);
        }
        return into;
    }

    /** The input-2 components the path's terms read, ascending. */
    int[] inputTwoComponents(int path) {
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

    /** Most channels of one path (input-1 and output multiplicity of a {@code uvu} path). */
    int maxChannels() {
        int most = 0;
        for (int path : paths) most = Math.max(most, get(path, PATH_IN1_MUL));
        return most;
    }

    /** The path's first coupling. */
    int first(int path) {
        return k.couplingStart[path];
    }

    /** One past the path's last coupling. */
    int end(int path) {
        return k.couplingStart[path] + k.couplingCount[path];
    }

    int in1Offset(int path) {
        return get(path, PATH_IN1_OFFSET);
    }

    int dim1(int path) {
        return get(path, PATH_IN1_DIM);
    }

    boolean weighted(int path) {
        return get(path, PATH_HAS_WEIGHT) == 1;
    }

    int weightOffset(int path) {
        return get(path, PATH_WEIGHT_OFFSET);
    }

    /** Column {@code column} of the path's row in the path table. */
    int get(int path, int column) {
        return k.paths[path * PATH_STRIDE + column];
    }

    /**
     * The statements {@code m[q] = Σ_j C x2_j} of the path's couplings q, reading {@code x2} from
     * {@code b2}; {@code literal} writes a Clebsch–Gordan value in the generated code's precision.
     */
    List<String> couplingStatements(int path, DoubleFunction<String> literal) {
        return couplingStatements(path, literal, 0);
    }

    /** {@link #couplingStatements(int, DoubleFunction)} writing coupling q at {@code m[at + q]}. */
    List<String> couplingStatements(int path, DoubleFunction<String> literal, int at) {
        List<String> statements = new ArrayList<>();
        int o2 = get(path, PATH_IN2_OFFSET);
        for (int q = first(path); q < end(path); q++) {
            ProductSum sum = new ProductSum();
            for (int z = k.termStart[q]; z < k.termStart[q + 1]; z++) {
                sum.add(literal.apply(k.termValue[z]), "x2[b2 + " + (o2 + k.termJ[z]) + "]");
            }
            statements.add("m[" + (at + q) + "] = " + sum + ";");
        }
        return statements;
    }
}
