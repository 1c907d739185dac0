package org.equikern.model.jets;

import java.util.SplittableRandom;
import org.equikern.data.jets.JetBatch;
import org.equikern.nn.Activation;
import org.equikern.ops.lorentznet.LgebPrimitives;

/**
 * A LorentzNet-style tagger (sdogsq/LorentzNet-release): scalars h_i and 4-vectors x_i per particle,
 * updated by Lorentz group equivariant blocks (LGEB) over all pairs i ≠ j of real particles:
 * <pre>
 *   m_ij = φ_e(h_i, h_j, ψ(‖x_i − x_j‖²), ψ(⟨x_i, x_j⟩))
 *   x_i ← x_i + c·mean_j (x_i − x_j)·φ_x(m_ij)           (not in the last block, as in LorentzNet)
 *   h_i ← h_i + φ_h(h_i, Σ_j φ_m(m_ij)·m_ij)              (φ_m: a sigmoid gate)
 *   logit = MLP(mean_i h_i)
 * </pre>
 * x⁰ = √κ·p_i / M are the momenta in units of the jet mass ({@link JetInvariants}: ⟨x_i, x_j⟩ = κ g_ij)
 * and h⁰ an embedding of the invariant ψ(κ z_i) (z_i = ⟨p_i, P⟩ / M², the energy fraction in the jet's
 * rest frame), so the logit is Lorentz invariant by construction; the Minkowski parts run on
 * {@link LgebPrimitives}.
 * <p>
 * h⁰ leaves out the constituents' own masses m_i², unlike LorentzNet's scalars: float64 lab-frame
 * momenta determine m_i² = E_i² − |p_i|² only to about 1e-16·E_i², which after a rapidity-2
 * transformation of a 1 TeV jet (E_i up to about 40 M) is 1e-11 M² against constituent masses below
 * 1e-5 M²; read as ψ(κ m_i²/M²) that round-off moved the logits by 2e-9 under random Lorentz
 * transformations, and without it by 2e-11.
 */
public final class LorentzNetTagger extends TaggerBase {
    /**
     * The architecture.
     *
     * @param hidden width of h and of the messages
     * @param blocks LGEB blocks
     * @param c      the coordinate update's scale (LorentzNet: 5e-3)
     */
    public record Config(int hidden, int blocks, double c) {
        /**
         * Checks the sizes.
         *
         * @param hidden ≥ 1
         * @param blocks ≥ 1
         * @param c finite
         * @throws IllegalArgumentException for a size below 1 or a non-finite c
         */
        public Config {
            if (hidden < 1 || blocks < 1 || !Double.isFinite(c)) {
                throw new IllegalArgumentException("LorentzNet tagger: hidden = " + hidden + ", blocks = " + blocks
                        + ", c = " + c + "; need hidden >= 1, blocks >= 1 and a finite c");
            }
        }
    }

    private static final Activation ACTIVATION = Activation.SILU;

    private final Config config;
    private final Mlp embedding;
    private final Block[] blocks;
    private final Mlp decoder;

    /**
     * A tagger of {@code config} with weights drawn from {@code seed}.
     *
     * @param config the sizes
     * @param seed the seed of the initial weights
     */
    public LorentzNetTagger(Config config, long seed) {
        super("LorentzNet", true);
        this.config = config;
        SplittableRandom random = new SplittableRandom(seed);
        int h = config.hidden();
        embedding = mlp("embedding", new int[] {1, h}, ACTIVATION, false, random);
        blocks = new Block[config.blocks()];
        for (int l = 0; l < blocks.length; l++) {
            blocks[l] = new Block("lgeb." + l, h, l < blocks.length - 1, random);
        }
        decoder = mlp("decoder", new int[] {h, h, 1}, ACTIVATION, false, random);
    }

    @Override
    public TaggerPass forward(JetBatch batch) {
        return new Pass(batch);
    }

    /** The learnable MLPs of one LGEB block. */
    private final class Block {
        final Mlp edge;
        final Mlp coordinate;
        final Mlp gate;
        final Mlp node;

        Block(String name, int h, boolean updatesCoordinates, SplittableRandom random) {
            edge = mlp(name + ".phi_e", new int[] {2 * h + 2, h, h}, ACTIVATION, true, random);
            coordinate = updatesCoordinates
                    ? mlp(name + ".phi_x", new int[] {h, h, 1}, ACTIVATION, false, random) : null;
            gate = mlp(name + ".phi_m", new int[] {h, 1}, Activation.SIGMOID, true, random);
            node = mlp(name + ".phi_h", new int[] {2 * h, h, h}, ACTIVATION, false, random);
        }
    }

    /** What one block's forward pass keeps for its backward pass. */
    private static final class BlockTrace {
        double[] x;
        double[] h;
        Mlp.Trace edge;
        Mlp.Trace coordinate;
        Mlp.Trace gate;
        Mlp.Trace node;
    }

    private final class Pass implements TaggerPass {
        private final int[] counts;
        private final int batch;
        private final int particles;
        private final int nodes;
        private final int edges;
        private final int h;
        private final Mlp.Trace embeddingTrace;
        private final BlockTrace[] traces;
        private final Mlp.Trace decoderTrace;

        Pass(JetBatch jets) {
            counts = jets.counts();
            batch = jets.batch();
            particles = jets.particles();
            nodes = batch * particles;
            edges = nodes * particles;
            h = config.hidden();
            JetInvariants invariants = JetInvariants.of(jets);
            double[] x = invariants.momentaOverMass();
            double root = Math.sqrt(JetInvariants.SCALE);
            for (int k = 0; k < x.length; k++) x[k] *= root;
            boolean[] realNodes = PaddingMasks.particles(counts, particles);
            boolean[] realEdges = PaddingMasks.pairs(counts, particles, true);
            embeddingTrace = embedding.forward(inputScalars(invariants), nodes, realNodes);
            double[] features = embeddingTrace.output();
            traces = new BlockTrace[blocks.length];
            for (int l = 0; l < blocks.length; l++) {
                BlockTrace t = new BlockTrace();
                traces[l] = t;
                t.x = x;
                t.h = features;
                Block block = blocks[l];
                t.edge = block.edge.forward(edgeInputs(x, features), edges, realEdges);
                double[] m = t.edge.output();
                if (block.coordinate != null) {
                    t.coordinate = block.coordinate.forward(m, edges, realEdges);
                    x = new double[x.length];
                    LgebPrimitives.positionUpdate(t.x, t.coordinate.output(), config.c(), counts, batch, particles, x);
                }
                t.gate = block.gate.forward(m, edges, realEdges);
                double[] sums = new double[nodes * h];
                LgebPrimitives.messageSum(gated(m, t.gate.output()), h, counts, batch, particles, sums);
                t.node = block.node.forward(concat(features, sums), nodes, realNodes);
                double[] update = t.node.output();
                double[] next = features.clone();
                for (int k = 0; k < next.length; k++) next[k] += update[k];
                features = next;
            }
            decoderTrace = decoder.forward(MaskedMean.forward(features, counts, particles, h), batch);
        }

        @Override
        public double[] logits() {
            return decoderTrace.output();
        }

        @Override
        public void backward(double[] gradLogits) {
            JetTagger.checkGradient(gradLogits, batch);
            double[] gradH = MaskedMean.backward(decoder.backward(decoderTrace, gradLogits), counts, particles, h);
            double[] gradX = new double[nodes * 4];
            for (int l = blocks.length - 1; l >= 0; l--) {
                BlockTrace t = traces[l];
                Block block = blocks[l];
                double[] m = t.edge.output();
                double[] w = t.gate.output();
                double[] gradNodeIn = block.node.backward(t.node, gradH);
                double[] gradSums = new double[nodes * h];
                double[] gradHIn = gradH.clone();
                for (int node = 0; node < nodes; node++) {
                    for (int k = 0; k < h; k++) {
                        gradHIn[node * h + k] += gradNodeIn[node * 2 * h + k];
                        gradSums[node * h + k] = gradNodeIn[node * 2 * h + h + k];
                    }
                }
                double[] gradGated = new double[edges * h];
                LgebPrimitives.messageSumBackward(gradSums, h, counts, batch, particles, gradGated);
                double[] gradM = new double[edges * h];
                double[] gradW = new double[edges];
                for (int e = 0; e < edges; e++) {
                    for (int k = 0; k < h; k++) {
                        gradM[e * h + k] = gradGated[e * h + k] * w[e];
                        gradW[e] += gradGated[e * h + k] * m[e * h + k];
                    }
                }
                add(gradM, block.gate.backward(t.gate, gradW));
                double[] gradXIn = gradX;
                if (block.coordinate != null) {
                    gradXIn = new double[gradX.length];
                    double[] gradPhi = new double[edges];
                    LgebPrimitives.positionUpdateBackward(t.x, t.coordinate.output(), config.c(), counts, batch,
                            particles, gradX, gradXIn, gradPhi);
                    add(gradM, block.coordinate.backward(t.coordinate, gradPhi));
                }
                double[] gradEdgeIn = block.edge.backward(t.edge, gradM);
                gradX = edgeInputsBackward(t.x, gradEdgeIn, gradHIn);
                add(gradX, gradXIn);
                gradH = gradHIn;
            }
            embedding.backward(embeddingTrace, gradH);
        }

        /** ψ(κ z_i) per particle (zero on padding); constants, so no gradient. */
        private double[] inputScalars(JetInvariants invariants) {
            double[] s = invariants.energyFractions();
            for (int r = 0; r < nodes; r++) s[r] = JetInvariants.compress(s[r]);
            return s;
        }

        /** Rows [h_i, h_j, ψ(‖x_i − x_j‖²), ψ(⟨x_i, x_j⟩)] per ordered pair (i, j). */
        private double[] edgeInputs(double[] x, double[] features) {
            double[] norms = new double[edges];
            double[] dots = new double[edges];
            LgebPrimitives.edgeFeatures(x, counts, batch, particles, norms, dots);
            int width = 2 * h + 2;
            double[] rows = new double[edges * width];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < particles; i++) {
                    for (int j = 0; j < particles; j++) {
                        int e = (b * particles + i) * particles + j;
                        System.arraycopy(features, (b * particles + i) * h, rows, e * width, h);
                        System.arraycopy(features, (b * particles + j) * h, rows, e * width + h, h);
                        rows[e * width + 2 * h] = norms[e];
                        rows[e * width + 2 * h + 1] = dots[e];
                    }
                }
            }
            return rows;
        }

        /** Scatters the edge rows' gradient onto h (added to gradH) and returns its part on x. */
        private double[] edgeInputsBackward(double[] x, double[] gradRows, double[] gradH) {
            int width = 2 * h + 2;
            double[] gradNorms = new double[edges];
            double[] gradDots = new double[edges];
            for (int b = 0; b < batch; b++) {
                for (int i = 0; i < particles; i++) {
                    for (int j = 0; j < particles; j++) {
                        int e = (b * particles + i) * particles + j;
                        for (int k = 0; k < h; k++) {
                            gradH[(b * particles + i) * h + k] += gradRows[e * width + k];
                            gradH[(b * particles + j) * h + k] += gradRows[e * width + h + k];
                        }
                        gradNorms[e] = gradRows[e * width + 2 * h];
                        gradDots[e] = gradRows[e * width + 2 * h + 1];
                    }
                }
            }
            double[] gradX = new double[x.length];
            LgebPrimitives.edgeFeaturesBackward(x, counts, batch, particles, gradNorms, gradDots, gradX);
            return gradX;
        }

        private double[] gated(double[] m, double[] w) {
            double[] out = new double[m.length];
            for (int e = 0; e < edges; e++) {
                for (int k = 0; k < h; k++) out[e * h + k] = m[e * h + k] * w[e];
            }
            return out;
        }

        private double[] concat(double[] a, double[] b) {
            double[] out = new double[nodes * 2 * h];
            for (int node = 0; node < nodes; node++) {
                System.arraycopy(a, node * h, out, node * 2 * h, h);
                System.arraycopy(b, node * h, out, node * 2 * h + h, h);
            }
            return out;
        }
    }

    private static void add(double[] target, double[] increment) {
        for (int k = 0; k < target.length; k++) target[k] += increment[k];
    }
}
