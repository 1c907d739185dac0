package org.equikern.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.data.EdgeIndex;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;
import org.equikern.device.Summation;
import org.equikern.group.Irreps;
import org.equikern.group.ShNormalization;
import org.equikern.nn.Activation;
import org.equikern.nn.EdgeEmbedding;
import org.equikern.nn.NormActivation;
import org.equikern.nn.RadialEmbedding;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.HostArrays;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;

/**
 * A two-layer NequIP-style interatomic potential assembled from Equikern's primitives, with
 * random fixed parameters: it shows how a model is put together and that its energy is invariant
 * and its forces equivariant. Atoms start as learned scalars per species; each layer is a fused
 * convolution (channel-wise tensor product of the sender's features with the edge's spherical
 * harmonics, weights from the edge's radial features through a linear map) and the first is
 * followed by a norm activation. The energy is a linear readout of the last layer's scalars.
 * Forces are minus the gradient of the energy, by running every step backwards.
 */
public final class TwoLayerPotential {
    private static final Irreps SCALARS = Irreps.parse("8x0e");
    private static final Irreps SH = Irreps.sphericalHarmonics(2);
    private static final Irreps HIDDEN = Irreps.parse("8x0e+8x1o+8x2e");

    private final double cutoff;
    private final EdgeEmbedding embedding;
    private final Plan layer1;
    private final Plan layer2;
    private final NormActivation activation;
    private final double[] speciesEmbedding;
    private final double[] radialToWeights1;
    private final double[] radialToWeights2;
    private final double[] readout;

    private TwoLayerPotential(int species, double cutoff, Random random) {
        this.cutoff = cutoff;
        this.embedding = EdgeEmbedding.of(2, ShNormalization.COMPONENT, RadialEmbedding.nequip(cutoff));
        this.layer1 = Plan.of(TensorProductSpec.channelWise(SCALARS, SH, HIDDEN));
        this.layer2 = Plan.of(TensorProductSpec.channelWise(HIDDEN, SH, SCALARS));
        this.activation = NormActivation.builder(HIDDEN, Activation.SILU).build();
        this.speciesEmbedding = gaussian(random, species * SCALARS.dim(), 1);
        int radial = embedding.radialSize();
        this.radialToWeights1 = gaussian(random, radial * layer1.weightNumel(), 1 / Math.sqrt(radial));
        this.radialToWeights2 = gaussian(random, radial * layer2.weightNumel(), 1 / Math.sqrt(radial));
        this.readout = gaussian(random, SCALARS.dim(), 1);
    }

    /** A potential with seeded random parameters for {@code species} atom types. */
    public static TwoLayerPotential random(int species, double cutoff, long seed) {
        return new TwoLayerPotential(species, cutoff, new Random(seed));
    }

    public double cutoff() {
        return cutoff;
    }

    /** Energy and forces ({@code atoms × 3}, minus the energy's gradient). */
    public record Result(double energy, double[] forces) {
    }

    /** Every ordered pair of distinct atoms closer than {@code cutoff}. */
    public static EdgeIndex neighbours(double[] positions, double cutoff) {
        int atoms = positions.length / 3;
        List<int[]> pairs = new ArrayList<>();
        for (int i = 0; i < atoms; i++) {
            for (int j = 0; j < atoms; j++) {
                double d2 = 0;
                for (int c = 0; c < 3; c++) {
                    double d = positions[3 * j + c] - positions[3 * i + c];
                    d2 += d * d;
                }
                if (i != j && d2 < cutoff * cutoff) pairs.add(new int[] {i, j});
            }
        }
        int[] src = new int[pairs.size()];
        int[] dst = new int[pairs.size()];
        for (int e = 0; e < src.length; e++) {
            src[e] = pairs.get(e)[0];
            dst[e] = pairs.get(e)[1];
        }
        return EdgeIndex.of(atoms, src, dst);
    }

    /** Energy and forces of atoms at {@code positions} with types {@code species}, on {@code device}. */
    public Result evaluate(Device device, double[] positions, int[] species) {
        EdgeIndex graph = neighbours(positions, cutoff);
        int atoms = graph.atoms();
        int edges = graph.edges();
        double[] sh = new double[edges * SH.dim()];
        double[] radial = new double[edges * embedding.radialSize()];
        embedding.forward(positions, null, graph, null, null, sh, radial);
        double[] w1 = matmul(radial, radialToWeights1, edges, embedding.radialSize(), layer1.weightNumel());
        double[] w2 = matmul(radial, radialToWeights2, edges, embedding.radialSize(), layer2.weightNumel());
        double[] h0 = new double[atoms * SCALARS.dim()];
        for (int a = 0; a < atoms; a++) {
            System.arraycopy(speciesEmbedding, species[a] * SCALARS.dim(), h0, a * SCALARS.dim(), SCALARS.dim());
        }
        double[] h1 = new double[atoms * HIDDEN.dim()];
        double[] a1 = new double[h1.length];
        double[] h2 = new double[atoms * SCALARS.dim()];
        double[] gradA1 = new double[a1.length];
        double[] gradH1 = new double[h1.length];
        double[] gradSh = new double[sh.length];
        double[] gradSh1 = new double[sh.length];
        double[] gradW1 = new double[w1.length];
        double[] gradW2 = new double[w2.length];
        double[] gradH2 = new double[h2.length];
        for (int a = 0; a < atoms; a++) System.arraycopy(readout, 0, gradH2, a * SCALARS.dim(), SCALARS.dim());

        try (TensorProductOp op1 = TensorProductOp.on(device, layer1); TensorProductOp op2 = TensorProductOp.on(device, layer2);
                DeviceGraph g = DeviceGraph.upload(device, graph); MemoryScope scope = device.openScope()) {
            DeviceBuffer dSh = scope.upload(sh);
            DeviceBuffer dW1 = scope.upload(w1);
            DeviceBuffer dW2 = scope.upload(w2);
            DeviceBuffer dH0 = scope.upload(h0);
            convolve(op1, scope, dH0, dSh, dW1, g, h1);
            activation.forward(h1, null, a1, atoms);
            DeviceBuffer dA1 = scope.upload(a1);
            convolve(op2, scope, dA1, dSh, dW2, g, h2);

            backward(op2, scope, dA1, dSh, dW2, g, gradH2, gradA1, gradSh, gradW2);
            activation.backward(h1, null, gradA1, gradH1, null, atoms);
            backward(op1, scope, dH0, dSh, dW1, g, gradH1, null, gradSh1, gradW1);
        }
        HostArrays.add(gradSh1, gradSh);
        double[] gradRadial = matmulTransposed(gradW1, radialToWeights1, edges, embedding.radialSize(),
                layer1.weightNumel());
        HostArrays.add(matmulTransposed(gradW2, radialToWeights2, edges, embedding.radialSize(),
                layer2.weightNumel()), gradRadial);
        double[] gradPositions = new double[positions.length];
        embedding.backward(positions, null, graph, gradSh, gradRadial, gradPositions, null);
        double energy = 0;
        for (int i = 0; i < h2.length; i++) energy += h2[i] * gradH2[i];
        for (int i = 0; i < gradPositions.length; i++) gradPositions[i] = -gradPositions[i];
        return new Result(energy, gradPositions);
    }

    private static void convolve(TensorProductOp op, MemoryScope scope, DeviceBuffer x, DeviceBuffer sh,
            DeviceBuffer w, DeviceGraph g, double[] out) {
        DeviceBuffer result = scope.allocate(x.dtype(), out.length);
        op.convolve(x, sh, w, g, result, Summation.DETERMINISTIC);
        result.copyTo(out);
    }

    private static void backward(TensorProductOp op, MemoryScope scope, DeviceBuffer x, DeviceBuffer sh,
            DeviceBuffer w, DeviceGraph g, double[] gradOut, double[] gradX, double[] gradSh, double[] gradW) {
        DeviceBuffer gx = gradX == null ? null : scope.allocate(x.dtype(), gradX.length);
        DeviceBuffer gsh = scope.allocate(x.dtype(), gradSh.length);
        DeviceBuffer gw = scope.allocate(x.dtype(), gradW.length);
        op.convolveBackward(x, sh, w, g, scope.upload(gradOut), gx, gsh, gw);
        if (gx != null) gx.copyTo(gradX);
        gsh.copyTo(gradSh);
        gw.copyTo(gradW);
    }

    /** {@code a [rows × inner] · b [inner × cols]}. */
    private static double[] matmul(double[] a, double[] b, int rows, int inner, int cols) {
        double[] out = new double[rows * cols];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inner; k++) {
                double v = a[r * inner + k];
                for (int c = 0; c < cols; c++) out[r * cols + c] += v * b[k * cols + c];
            }
        }
        return out;
    }

    /** {@code g [rows × cols] · bᵀ} where b is {@code [inner × cols]}: the gradient of {@link #matmul}'s a. */
    private static double[] matmulTransposed(double[] g, double[] b, int rows, int inner, int cols) {
        double[] out = new double[rows * inner];
        for (int r = 0; r < rows; r++) {
            for (int k = 0; k < inner; k++) {
                double s = 0;
                for (int c = 0; c < cols; c++) s += g[r * cols + c] * b[k * cols + c];
                out[r * inner + k] = s;
            }
        }
        return out;
    }

    private static double[] gaussian(Random random, int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = scale * random.nextGaussian();
        return v;
    }
}
