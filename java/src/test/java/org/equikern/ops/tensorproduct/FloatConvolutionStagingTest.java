package org.equikern.ops.tensorproduct;

import static org.equikern.testing.FloatArrays.gaussian;
import static org.equikern.testing.FloatArrays.narrowed;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;
import org.equikern.data.EdgeIndex;
import org.equikern.data.RowSegments;
import org.equikern.group.Irreps;
import org.equikern.testing.ScaledError;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The float32 compiled convolution where a node's edges span several blocks of
 * {@link FloatChannelWiseSource#STAGED_EDGES} staged rows: a hub node with more than two blocks
 * of incoming and of outgoing edges, duplicate edges and self-loops, edges in no order, a node
 * without edges, and a graph without edges; on odd channel counts (whole vectors and a tail),
 * multiplicity 1 with shared weights, and unweighted paths. Checked against the float64 generic
 * product gathered and scattered by {@link ChunkedConvolution}, on the Vector API and in plain
 * Java, and bit for bit across fork-join pool sizes.
 */
class FloatConvolutionStagingTest {
    private static final int NODES = 7;
    private static final int HUB = 0;
    /** Node that neither sends nor receives. */
    private static final int ALONE = NODES - 1;

    static Stream<Arguments> specs() {
        Irreps sh = Irreps.parse("0e+1o+2e");
        Irreps odd = Irreps.parse("37x0e+37x1o+37x2e");
        Irreps single = Irreps.parse("1x0e+1x1o+1x2e");
        return Stream.of(
                Arguments.of("37 channels, per-edge weights", TensorProductSpec.channelWise(odd, sh, odd)),
                Arguments.of("multiplicity 1, shared weights",
                        TensorProductSpec.channelWise(single, sh, single).toBuilder().sharedWeights(true).build()),
                Arguments.of("unweighted", TensorProductSpec.builder("5x0e+5x1o", "0e+1o", "5x0e+5x1o+5x1e")
                        .sharedWeights(false).instruction(0, 1, 1, "uvu", false).instruction(1, 1, 0, "uvu", false)
                        .instruction(1, 1, 2, "uvu", false).instruction(1, 0, 1, "uvu", false).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("specs")
    void matchesTheFloat64GatherProductScatter(String name, TensorProductSpec spec) {
        Plan plan = Plan.of(spec);
        ChunkedConvolution reference = new ChunkedConvolution(new JavaTensorProductExecutor(plan, false));
        Random random = new Random(name.length());
        for (EdgeIndex graph : List.of(hubGraph(random), EdgeIndex.of(NODES, new int[0], new int[0]))) {
            Inputs in = new Inputs(plan, graph, random);
            double[][] expected = in.empty();
            reference.forward(in.x, in.attrs, in.w, graph, expected[0]);
            reference.backward(in.x, in.attrs, in.w, graph, in.gradOut, expected[1], expected[2], expected[3]);
            for (boolean vectorApi : new boolean[] {true, false}) {
                CompiledProduct compiled = CompiledProduct.compile(new FlatPlan(plan, true), vectorApi);
                assertNotNull(compiled, name);
                float[][] actual = convolve(new JavaTensorProductExecutor(plan, compiled), graph, in);
                String what = name + (vectorApi ? " vector, " : " scalar, ") + graph.edges() + " edges";
                String[] results = {"output", "gradX", "gradAttrs", "gradWeights"};
                for (int r = 0; r < results.length; r++) {
                    ScaledError.assertClose(expected[r], actual[r], FloatChannelWiseTest.TOLERANCE,
                            what + " " + results[r]);
                }
                // Nodes without edges get exact zeros (the scaled comparison allows rounding).
                for (int f = 0; f < plan.dimOut(); f++) assertTrue(actual[0][ALONE * plan.dimOut() + f] == 0f);
            }
        }
    }

    @Test
    void resultsDoNotDependOnThePoolSize() throws Exception {
        Irreps odd = Irreps.parse("37x0e+37x1o+37x2e");
        for (boolean shared : new boolean[] {false, true}) {
            Plan plan = Plan.of(TensorProductSpec.channelWise(odd, Irreps.parse("0e+1o+2e"), odd).toBuilder()
                    .sharedWeights(shared).build());
            JavaTensorProductExecutor executor =
                    new JavaTensorProductExecutor(plan, CompiledProduct.compile(new FlatPlan(plan, true)));
            Random random = new Random(5);
            EdgeIndex graph = hubGraph(random);
            Inputs in = new Inputs(plan, graph, random);
            float[][] common = convolve(executor, graph, in);
            ForkJoinPool one = new ForkJoinPool(1);
            try {
                float[][] alone = one.submit(() -> convolve(executor, graph, in)).get();
                for (int r = 0; r < common.length; r++) assertArrayEquals(common[r], alone[r], "result " + r);
            } finally {
                one.shutdown();
            }
        }
    }

    /**
     * A hub receiving and sending more than two staged blocks of edges, repeated edges and
     * self-loops on the hub, shuffled; node {@link #ALONE} has no edges.
     */
    private static EdgeIndex hubGraph(Random random) {
        List<int[]> edges = new ArrayList<>();
        int block = FloatChannelWiseSource.STAGED_EDGES;
        for (int e = 0; e < 2 * block + 3; e++) edges.add(new int[] {1 + random.nextInt(ALONE - 1), HUB});
        for (int e = 0; e < 2 * block + 1; e++) edges.add(new int[] {HUB, 1 + random.nextInt(ALONE - 1)});
        for (int e = 0; e < 3; e++) edges.add(new int[] {2, 3});
        for (int e = 0; e < 2; e++) edges.add(new int[] {HUB, HUB});
        Collections.shuffle(edges, random);
        int[] src = new int[edges.size()];
        int[] dst = new int[edges.size()];
        for (int e = 0; e < edges.size(); e++) {
            src[e] = edges.get(e)[0];
            dst[e] = edges.get(e)[1];
        }
        return EdgeIndex.of(NODES, src, dst);
    }

    /** Forward and every gradient of the compiled float32 convolution: {output, gradX, gradAttrs, gradWeights}. */
    private static float[][] convolve(JavaTensorProductExecutor executor, EdgeIndex graph, Inputs in) {
        float[][] results = {new float[in.gradOut.length], new float[in.x.length], new float[in.attrs.length],
            new float[in.w.length]};
        RowSegments incoming = graph.byTarget();
        RowSegments outgoing = graph.bySource();
        assertTrue(executor.convolve(narrowed(in.x), narrowed(in.attrs), narrowed(in.w), graph.sources(),
                incoming.order(), incoming.offsets(), results[0]));
        assertTrue(executor.convolveBackward(narrowed(in.x), narrowed(in.attrs), narrowed(in.w), narrowed(in.gradOut),
                results[1], results[2], results[3], graph.targets(), outgoing.order(), outgoing.offsets()));
        return results;
    }

    /** Gaussian node features, edge attributes, weights and output gradients. */
    private static final class Inputs {
        final double[] x;
        final double[] attrs;
        final double[] w;
        final double[] gradOut;

        Inputs(Plan plan, EdgeIndex graph, Random random) {
            x = gaussian(random, NODES * plan.dim1());
            attrs = gaussian(random, graph.edges() * plan.dim2());
            w = gaussian(random, (plan.sharedWeights() ? 1 : graph.edges()) * plan.weightNumel());
            gradOut = gaussian(random, NODES * plan.dimOut());
        }

        /** Zeroed float64 results, shaped as {@link #convolve}'s. */
        double[][] empty() {
            return new double[][] {new double[gradOut.length], new double[x.length], new double[attrs.length],
                new double[w.length]};
        }
    }
}
