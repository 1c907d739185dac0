package org.equikern.nn;

import org.equikern.concurrent.ScratchPool;
import org.equikern.check.HostArguments;
import org.equikern.data.EdgeIndex;
import org.equikern.group.Irreps;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;

import java.util.Arrays;

import static org.equikern.nn.ArrayChecks.len;

/**
 * Edge features of an atomic graph, as NequIP's edge embedding: for every edge {@code e} of an
 * {@link EdgeIndex},
 * <ul>
 *   <li>the vector {@code v_e = pos[dst(e)] − pos[src(e)] + shift_e}, pointing from the source atom to the
 *       destination atom (NequIP's {@code pos[j] − pos[i]} for edge {@code i → j}); the optional
 *       {@code shift_e} is the Cartesian periodic image offset, NequIP's {@code edge_cell_shift · cell};</li>
 *   <li>its length {@code r_e = |v_e|};</li>
 *   <li>the spherical harmonics of its direction, {@code Y(v_e / r_e)} of degrees 0..lmax
 *       ({@link SphericalHarmonics} with {@code normalize = true}; irreps {@link #shIrreps()});</li>
 *   <li>radial features {@code R_k(r_e)} ({@link RadialEmbedding}: a basis times the polynomial envelope).</li>
 * </ul>
 * The backward pass takes gradients of the harmonics and radial features and returns the exact gradients
 * with respect to the positions and the shifts (vector–Jacobian products, e.g. forces from an energy).
 *
 * <p><b>Degenerate input.</b> A zero-length edge (a self-edge without shift, or two atoms at one point)
 * has {@code r = 0}, harmonics {@code (Y_0, 0, …, 0)}, radial features {@code R_k(0)}, and contributes no
 * gradient, as the direction is undefined there. Zero edges give empty outputs; atoms without edges get
 * zero gradients. Positions or shifts that are NaN or infinite are rejected, naming the atom or edge.
 *
 * <p>Outputs are caller-owned and overwritten; an output that is null is not computed. All lengths are
 * checked before any work. The float32 methods widen positions and shifts into per-thread double scratch
 * (grown to the largest graph seen), run the float64 code and round once, so there is one implementation
 * of the arithmetic. Instances are immutable and thread-safe.
 */
public final class EdgeEmbedding {
    private static final String FORWARD = "EdgeEmbedding.forward";
    private static final String BACKWARD = "EdgeEmbedding.backward";
    private static final String TANGENT = "EdgeEmbedding.tangent";
    private static final String TANGENT_BACKWARD = "EdgeEmbedding.tangentBackward";

    private final SphericalHarmonics harmonics;
    private final RadialEmbedding radial;
    private final int shDim;
    private final int radialSize;
    private final ScratchPool<EdgeScratch> scratch = new ScratchPool<>(EdgeScratch::new);

    private EdgeEmbedding(SphericalHarmonics harmonics, RadialEmbedding radial) {
        this.harmonics = harmonics;
        this.radial = radial;
        this.shDim = harmonics.dim();
        this.radialSize = radial.size();
    }

    /**
     * @param lmax          highest degree of the harmonics, {@code >= 0}
     * @param normalization normalization of the harmonics
     * @param radial        the radial features
     * @return the embedding
     * @throws IllegalArgumentException for a null argument or lmax out of range
     */
    public static EdgeEmbedding of(int lmax, ShNormalization normalization, RadialEmbedding radial) {
        if (normalization == null || radial == null) {
            throw new IllegalArgumentException("EdgeEmbedding: normalization and radial must not be null");
        }
        return new EdgeEmbedding(SphericalHarmonics.of(lmax, normalization, true), radial);
    }

    /**
     * The spherical harmonics of the edge directions.
     *
     * @return the harmonics
     */
    public SphericalHarmonics harmonics() {
        return harmonics;
    }

    /**
     * The radial features of the edge lengths.
     *
     * @return the radial embedding
     */
    public RadialEmbedding radial() {
        return radial;
    }

    /**
     * The irreps of the harmonics per edge, {@code 1x0e+1x1o+1x2e+…}.
     *
     * @return the irreps
     */
    public Irreps shIrreps() {
        return harmonics.irreps();
    }

    /**
     * Harmonics per edge, {@code (lmax+1)²}.
     *
     * @return (lmax+1)²
     */
    public int shDim() {
        return shDim;
    }

    /**
     * Radial features per edge.
     *
     * @return the radial size
     */
    public int radialSize() {
        return radialSize;
    }

    /**
     * Computes the requested edge features.
     *
     * @param positions {@code atoms × 3} Cartesian positions
     * @param shifts    {@code edges × 3} periodic shifts added to the edge vectors, or null for none
     * @param graph     the edges
     * @param vectors   {@code edges × 3} edge vectors, or null
     * @param lengths   {@code edges} edge lengths, or null
     * @param sh        {@code edges × shDim} harmonics, or null
     * @param radialOut {@code edges × radialSize} radial features, or null
     * @throws IllegalArgumentException for wrong lengths, an output that is an input, or a position or
     *                                  shift that is not finite
     */
    public void forward(double[] positions, double[] shifts, EdgeIndex graph, double[] vectors, double[] lengths,
                        double[] sh, double[] radialOut) {
        checkForwardCall(graph, positions, shifts, vectors, lengths, sh, radialOut);
        EdgeScratch s = scratch.acquire();
        try {
            double[] vec = vectors != null ? vectors : s.vectors(3 * graph.edges());
            compute(positions, shifts, graph, vec, lengths, sh, radialOut);
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Float32 version of {@link #forward(double[], double[], EdgeIndex, double[], double[], double[],
     * double[])}.
     *
     * @param positions {@code atoms × 3} Cartesian positions
     * @param shifts {@code edges × 3} periodic shifts added to the edge vectors, or null for none
     * @param graph the edges
     * @param vectors {@code edges × 3} edge vectors, or null
     * @param lengths {@code edges} edge lengths, or null
     * @param sh {@code edges × shDim} harmonics, or null
     * @param radialOut {@code edges × radialSize} radial features, or null
     * @throws IllegalArgumentException for wrong lengths, an output that is an input, or a position or shift
     *     that is not finite
     */
    public void forward(float[] positions, float[] shifts, EdgeIndex graph, float[] vectors, float[] lengths,
                        float[] sh, float[] radialOut) {
        checkForwardCall(graph, positions, shifts, vectors, lengths, sh, radialOut);
        EdgeScratch s = scratch.acquire();
        try {
            int edges = graph.edges();
            double[] vec = s.vectors(3 * edges);
            double[] len = lengths == null ? null : s.lengths(edges);
            double[] y = sh == null ? null : s.sh(edges * shDim);
            double[] rad = radialOut == null ? null : s.radial(edges * radialSize);
            compute(s.widenPositions(positions), s.widenShifts(shifts), graph, vec, len, y, rad);
            narrow(vec, vectors, 3 * edges);
            narrow(len, lengths, edges);
            narrow(y, sh, edges * shDim);
            narrow(rad, radialOut, edges * radialSize);
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Gradients of {@code Σ sh · gradSh + Σ radial · gradRadial} with respect to the positions and shifts.
     *
     * @param positions     {@code atoms × 3} positions of the forward pass
     * @param shifts        {@code edges × 3} shifts of the forward pass, or null for none
     * @param graph         the edges
     * @param gradSh        {@code edges × shDim} gradients of the harmonics, or null for zero
     * @param gradRadial    {@code edges × radialSize} gradients of the radial features, or null for zero
     * @param gradPositions {@code atoms × 3}, overwritten
     * @param gradShifts    {@code edges × 3}, overwritten (the gradient of each edge vector), or null
     */
    public void backward(double[] positions, double[] shifts, EdgeIndex graph, double[] gradSh, double[] gradRadial,
                         double[] gradPositions, double[] gradShifts) {
        checkBackwardCall(graph, positions, shifts, gradSh, gradRadial, gradPositions, gradShifts);
        EdgeScratch s = scratch.acquire();
        try {
            int edges = graph.edges();
            double[] gradVec = s.gradVectors(3 * edges);
            gradients(positions, shifts, graph, gradSh, gradRadial, s, gradVec, gradPositions);
            if (gradShifts != null) {
                System.arraycopy(gradVec, 0, gradShifts, 0, 3 * edges);
            }
        } finally {
            scratch.release(s);
        }
    }

    /**
     * Float32 version of {@link #backward(double[], double[], EdgeIndex, double[], double[], double[],
     * double[])}.
     *
     * @param positions {@code atoms × 3} positions of the forward pass
     * @param shifts {@code edges × 3} shifts of the forward pass, or null for none
     * @param graph the edges
     * @param gradSh {@code edges × shDim} gradients of the harmonics, or null for zero
     * @param gradRadial {@code edges × radialSize} gradients of the radial features, or null for zero
     * @param gradPositions {@code atoms × 3}, overwritten
     * @param gradShifts {@code edges × 3}, overwritten (the gradient of each edge vector), or null
     * @throws IllegalArgumentException for wrong lengths or an output that is an input
     */
    public void backward(float[] positions, float[] shifts, EdgeIndex graph, float[] gradSh, float[] gradRadial,
                         float[] gradPositions, float[] gradShifts) {
        checkBackwardCall(graph, positions, shifts, gradSh, gradRadial, gradPositions, gradShifts);
        EdgeScratch s = scratch.acquire();
        try {
            int edges = graph.edges();
            double[] gy = gradSh == null ? null : s.widenGradSh(gradSh);
            double[] gr = gradRadial == null ? null : s.widenGradRadial(gradRadial);
            double[] gradVec = s.gradVectors(3 * edges);
            double[] gradPos = s.gradPositions(3 * graph.atoms());
            gradients(s.widenPositions(positions), s.widenShifts(shifts), graph, gy, gr, s, gradVec, gradPos);
            narrow(gradPos, gradPositions, 3 * graph.atoms());
            narrow(gradVec, gradShifts, 3 * edges);
        } finally {
            scratch.release(s);
        }
    }

    /**
     * The directional derivative of the harmonics and radial features when the positions move
     * along {@code tangentPositions} (and the shifts along {@code tangentShifts}): the
     * Jacobian–vector product. It is also the double backward of {@link #backward}: given an
     * upstream gradient {@code u} on gradPositions, the gradients on gradSh and gradRadial are the
     * tangents along {@code u}, which is what training on forces needs to reach the weights. The
     * second-order term into the positions themselves is not computed. Float64; allocates one
     * {@code edges × shDim × 3} Jacobian per call.
     *
     * @param positions {@code atoms × 3} positions
     * @param shifts {@code edges × 3} shifts, or null for none
     * @param graph the edges
     * @param tangentPositions {@code atoms × 3}
     * @param tangentShifts    {@code edges × 3}, or null for none
     * @param shTangent        {@code edges × shDim}, overwritten, or null
     * @param radialTangent    {@code edges × radialSize}, overwritten, or null
     * @throws IllegalArgumentException for wrong lengths or an output that is an input
     */
    public void tangent(double[] positions, double[] shifts, EdgeIndex graph, double[] tangentPositions,
                        double[] tangentShifts, double[] shTangent, double[] radialTangent) {
        checkForward(TANGENT, graph, len(positions), len(shifts), -1, -1, len(shTangent), len(radialTangent));
        ArrayChecks.required(TANGENT, "tangentPositions", len(tangentPositions), 3L * graph.atoms(), "atoms * 3");
        ArrayChecks.optional(TANGENT, "tangentShifts", len(tangentShifts), 3L * graph.edges(), "edges * 3");
        checkFinite(TANGENT, positions, shifts, graph);
        int edges = graph.edges();
        double[] vec = new double[3 * edges];
        double[] dvec = new double[3 * edges];
        edgeVectors(positions, shifts, graph, vec);
        edgeVectors(tangentPositions, tangentShifts, graph, dvec);
        if (shTangent != null) {
            double[] jacobian = new double[HostArguments.arrayLength(TANGENT + " Jacobian (edges x shDim*3)", edges,
                    3L * shDim)];
            harmonics.jacobian(vec, jacobian, edges);
            for (int e = 0; e < edges; e++) {
                for (int m = 0; m < shDim; m++) {
                    int at = (e * shDim + m) * 3;
                    shTangent[e * shDim + m] = jacobian[at] * dvec[3 * e] + jacobian[at + 1] * dvec[3 * e + 1]
                            + jacobian[at + 2] * dvec[3 * e + 2];
                }
            }
        }
        if (radialTangent != null) {
            double[] values = new double[radialSize];
            double[] derivatives = new double[radialSize];
            for (int e = 0; e < edges; e++) {
                double r = length(vec, e);
                double dr = r == 0 ? 0 : (vec[3 * e] * dvec[3 * e] + vec[3 * e + 1] * dvec[3 * e + 1]
                        + vec[3 * e + 2] * dvec[3 * e + 2]) / r; // no derivative at r = 0, as in backward
                radial.evaluate(r, values, derivatives, 0);
                for (int k = 0; k < radialSize; k++) radialTangent[e * radialSize + k] = derivatives[k] * dr;
            }
        }
    }

    /**
     * The tangent of {@link #backward}'s position gradient when the positions move along
     * {@code tangentPositions} and the gradients of the features along {@code gradShTangent} and
     * {@code gradRadialTangent} (the shifts fixed): the Hessian term
     * {@code ∂²(<gradSh, sh> + <gradRadial, radial>)/∂pos² · tangentPositions} (through the harmonics'
     * and the radial features' second derivatives) plus the backward of the gradient tangents. With
     * {@link #tangent} it is the full double backward a force loss needs. A zero-length edge contributes
     * nothing, as in {@link #backward}. Float64; allocates a few {@code edges × 3} rows per call.
     *
     * @param positions            {@code atoms × 3} positions
     * @param shifts               {@code edges × 3} shifts, or null for none
     * @param graph                the edges
     * @param tangentPositions     {@code atoms × 3}
     * @param gradSh               {@code edges × shDim} gradients of the harmonics, or null for zero
     * @param gradShTangent        {@code edges × shDim} their tangent, or null for zero
     * @param gradRadial           {@code edges × radialSize} gradients of the radial features, or null for zero
     * @param gradRadialTangent    {@code edges × radialSize} their tangent, or null for zero
     * @param gradPositionsTangent {@code atoms × 3}, overwritten; no input array
     * @throws IllegalArgumentException for wrong lengths, non-finite positions or an output that is an input
     */
    public void tangentBackward(double[] positions, double[] shifts, EdgeIndex graph, double[] tangentPositions,
                                double[] gradSh, double[] gradShTangent, double[] gradRadial,
                                double[] gradRadialTangent, double[] gradPositionsTangent) {
        checkGraph(TANGENT_BACKWARD, graph, len(positions), len(shifts));
        int edges = graph.edges();
        ArrayChecks.required(TANGENT_BACKWARD, "tangentPositions", len(tangentPositions), 3L * graph.atoms(),
                "atoms * 3");
        ArrayChecks.optional(TANGENT_BACKWARD, "gradSh", len(gradSh), (long) edges * shDim, "edges * shDim");
        ArrayChecks.optional(TANGENT_BACKWARD, "gradShTangent", len(gradShTangent), (long) edges * shDim,
                "edges * shDim");
        ArrayChecks.optional(TANGENT_BACKWARD, "gradRadial", len(gradRadial), (long) edges * radialSize,
                "edges * radialSize");
        ArrayChecks.optional(TANGENT_BACKWARD, "gradRadialTangent", len(gradRadialTangent),
                (long) edges * radialSize, "edges * radialSize");
        ArrayChecks.required(TANGENT_BACKWARD, "gradPositionsTangent", len(gradPositionsTangent), 3L * graph.atoms(),
                "atoms * 3");
        distinctFromInputs(TANGENT_BACKWARD, "gradPositionsTangent", gradPositionsTangent, positions, shifts);
        ArrayChecks.distinct(TANGENT_BACKWARD, "gradPositionsTangent", gradPositionsTangent, "tangentPositions",
                tangentPositions, "gradSh", gradSh, "gradShTangent", gradShTangent);
        ArrayChecks.distinct(TANGENT_BACKWARD, "gradPositionsTangent", gradPositionsTangent, "gradRadial",
                gradRadial);
        ArrayChecks.distinct(TANGENT_BACKWARD, "gradPositionsTangent", gradPositionsTangent, "gradRadialTangent",
                gradRadialTangent);
        checkFinite(TANGENT_BACKWARD, positions, shifts, graph);
        double[] vec = new double[3 * edges];
        double[] dvec = new double[3 * edges];
        edgeVectors(positions, shifts, graph, vec);
        edgeVectors(tangentPositions, null, graph, dvec);
        double[] gradVecTangent = new double[3 * edges];
        if (gradSh != null || gradShTangent != null) {
            double[] zeros = new double[edges * shDim];
            harmonics.tangentBackward(vec, dvec, gradSh == null ? zeros : gradSh,
                    gradShTangent == null ? zeros : gradShTangent, gradVecTangent, edges);
        }
        if (gradRadial != null || gradRadialTangent != null) {
            addRadialTangent(vec, dvec, gradRadial, gradRadialTangent, gradVecTangent, edges);
        }
        scatter(graph, gradVecTangent, gradPositionsTangent);
    }

    /**
     * Adds the radial part of the edge-vector gradient's tangent: with {@code f = Σ_k g_k R_k'(r) / r} the
     * gradient is {@code f v}, its tangent {@code ḟ v + f v̇}, where {@code ṙ = v·v̇/r} and
     * {@code ḟ = (Σ_k (ġ_k R_k' + g_k R_k'' ṙ) − f ṙ) / r}. Null gradients count as zero.
     */
    private void addRadialTangent(double[] vec, double[] dvec, double[] gradRadial, double[] gradRadialTangent,
                                  double[] gradVecTangent, int edges) {
        double[] values = new double[radialSize];
        double[] first = new double[radialSize];
        double[] second = new double[radialSize];
        for (int e = 0; e < edges; e++) {
            double r = length(vec, e);
            if (r == 0) {
                continue; // no gradient at zero length, as in backward
            }
            double rDot = (vec[3 * e] * dvec[3 * e] + vec[3 * e + 1] * dvec[3 * e + 1]
                    + vec[3 * e + 2] * dvec[3 * e + 2]) / r;
            radial.evaluate(r, values, first, second, 0);
            double dr = 0;
            double drDot = 0;
            for (int k = 0; k < radialSize; k++) {
                double g = gradRadial == null ? 0 : gradRadial[e * radialSize + k];
                double gDot = gradRadialTangent == null ? 0 : gradRadialTangent[e * radialSize + k];
                dr += g * first[k];
                drDot += gDot * first[k] + g * second[k] * rDot;
            }
            double f = dr / r;
            double fDot = (drDot - f * rDot) / r;
            for (int a = 0; a < 3; a++) {
                gradVecTangent[3 * e + a] += fDot * vec[3 * e + a] + f * dvec[3 * e + a];
            }
        }
    }

    /** The forward arithmetic, in double; {@code vec} is required, the other outputs optional. */
    private void compute(double[] positions, double[] shifts, EdgeIndex graph, double[] vec, double[] lengths,
                         double[] sh, double[] radialOut) {
        int edges = graph.edges();
        edgeVectors(positions, shifts, graph, vec);
        if (sh != null) {
            harmonics.compute(vec, sh, edges);
        }
        for (int e = 0; e < edges; e++) {
            double r = length(vec, e);
            if (lengths != null) {
                lengths[e] = r;
            }
            if (radialOut != null) {
                radial.evaluate(r, radialOut, null, e * radialSize);
            }
        }
    }

    /**
     * The backward arithmetic, in double: the gradient of each edge vector into {@code gradVec}, then
     * scattered to its two atoms ({@code +} at the destination, {@code −} at the source).
     */
    private void gradients(double[] positions, double[] shifts, EdgeIndex graph, double[] gradSh,
                           double[] gradRadial, EdgeScratch s, double[] gradVec, double[] gradPositions) {
        int edges = graph.edges();
        double[] vec = s.vectors(3 * edges);
        edgeVectors(positions, shifts, graph, vec);
        if (gradSh != null) {
            harmonics.backward(vec, gradSh, gradVec, edges);
        } else {
            Arrays.fill(gradVec, 0, 3 * edges, 0.0);
        }
        if (gradRadial != null) {
            double[] values = s.basisValues(radialSize);
            double[] derivatives = s.basisDerivatives(radialSize);
            for (int e = 0; e < edges; e++) {
                double r = length(vec, e);
                if (r == 0) {
                    continue; // dr/dv is undefined at 0; documented as no gradient
                }
                radial.evaluate(r, values, derivatives, 0);
                double dr = 0;
                for (int k = 0; k < radialSize; k++) {
                    dr += gradRadial[e * radialSize + k] * derivatives[k];
                }
                double f = dr / r; // dr/dv = v / r
                gradVec[3 * e] += f * vec[3 * e];
                gradVec[3 * e + 1] += f * vec[3 * e + 1];
                gradVec[3 * e + 2] += f * vec[3 * e + 2];
            }
        }
        scatter(graph, gradVec, gradPositions);
    }

    /** Overwrites {@code gradPositions} with each edge vector's gradient, + at its destination, − at its source. */
    private static void scatter(EdgeIndex graph, double[] gradVec, double[] gradPositions) {
        Arrays.fill(gradPositions, 0, 3 * graph.atoms(), 0.0);
        for (int e = 0; e < graph.edges(); e++) {
            int i = 3 * graph.src(e);
            int j = 3 * graph.dst(e);
            for (int a = 0; a < 3; a++) {
                gradPositions[j + a] += gradVec[3 * e + a];
                gradPositions[i + a] -= gradVec[3 * e + a];
            }
        }
    }

    private static void edgeVectors(double[] positions, double[] shifts, EdgeIndex graph, double[] vec) {
        for (int e = 0; e < graph.edges(); e++) {
            int i = 3 * graph.src(e);
            int j = 3 * graph.dst(e);
            for (int a = 0; a < 3; a++) {
                double v = positions[j + a] - positions[i + a];
                vec[3 * e + a] = shifts == null ? v : v + shifts[3 * e + a];
            }
        }
    }

    private static double length(double[] vec, int e) {
        double x = vec[3 * e];
        double y = vec[3 * e + 1];
        double z = vec[3 * e + 2];
        return Math.sqrt(x * x + y * y + z * z);
    }

    private static void narrow(double[] src, float[] dst, int length) {
        if (dst != null) {
            Widening.narrow(src, dst, 0, length);
        }
    }

    /**
     * The checks of both forward precisions: lengths, no output aliasing an input, finite
     * positions and shifts. Arrays are all double[] or all float[]; any but positions may be null.
     */
    private void checkForwardCall(EdgeIndex graph, Object positions, Object shifts, Object vectors, Object lengths,
                                  Object sh, Object radialOut) {
        checkForward(FORWARD, graph, length(positions), length(shifts), length(vectors), length(lengths),
                length(sh), length(radialOut));
        distinctFromInputs(FORWARD, "vectors", vectors, positions, shifts);
        distinctFromInputs(FORWARD, "lengths", lengths, positions, shifts);
        distinctFromInputs(FORWARD, "sh", sh, positions, shifts);
        distinctFromInputs(FORWARD, "radial", radialOut, positions, shifts);
        checkFinite(FORWARD, positions, shifts, graph);
    }

    /** The checks of both backward precisions, as {@link #checkForwardCall} for forward. */
    private void checkBackwardCall(EdgeIndex graph, Object positions, Object shifts, Object gradSh,
                                   Object gradRadial, Object gradPositions, Object gradShifts) {
        checkBackward(graph, length(positions), length(shifts), length(gradSh), length(gradRadial),
                length(gradPositions), length(gradShifts));
        distinctFromInputs(BACKWARD, "gradPositions", gradPositions, positions, shifts);
        ArrayChecks.distinct(BACKWARD, "gradPositions", gradPositions, "gradSh", gradSh, "gradRadial", gradRadial,
                "gradShifts", gradShifts);
        distinctFromInputs(BACKWARD, "gradShifts", gradShifts, positions, shifts);
        ArrayChecks.distinct(BACKWARD, "gradShifts", gradShifts, "gradSh", gradSh);
        ArrayChecks.distinct(BACKWARD, "gradShifts", gradShifts, "gradRadial", gradRadial);
        checkFinite(BACKWARD, positions, shifts, graph);
    }

    /** The length of a double[] or float[] as {@link ArrayChecks#len(double[])} gives it (-1 for null). */
    private static int length(Object array) {
        return array instanceof float[] f ? len(f) : len((double[]) array);
    }

    /** Entry {@code i} of a double[] or float[], widened. */
    private static double entry(Object array, int i) {
        return array instanceof float[] f ? f[i] : ((double[]) array)[i];
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    private void checkForward(String operation, EdgeIndex graph, int positions, int shifts, int vectors,
                              int lengths, int sh, int radialOut) {
        checkGraph(operation, graph, positions, shifts);
        int edges = graph.edges();
        ArrayChecks.optional(operation, "vectors", vectors, 3L * edges, "edges * 3");
        ArrayChecks.optional(operation, "lengths", lengths, edges, "edges");
        ArrayChecks.optional(operation, "sh", sh, (long) edges * shDim, "edges * shDim");
        ArrayChecks.optional(operation, "radial", radialOut, (long) edges * radialSize, "edges * radialSize");
    }

    /** Array lengths as {@link ArrayChecks#len(double[])} gives them (-1 for null). */
    private void checkBackward(EdgeIndex graph, int positions, int shifts, int gradSh, int gradRadial,
                               int gradPositions, int gradShifts) {
        checkGraph(BACKWARD, graph, positions, shifts);
        int edges = graph.edges();
        ArrayChecks.optional(BACKWARD, "gradSh", gradSh, (long) edges * shDim, "edges * shDim");
        ArrayChecks.optional(BACKWARD, "gradRadial", gradRadial, (long) edges * radialSize,
                "edges * radialSize");
        ArrayChecks.required(BACKWARD, "gradPositions", gradPositions, 3L * graph.atoms(),
                "atoms * 3");
        ArrayChecks.optional(BACKWARD, "gradShifts", gradShifts, 3L * edges, "edges * 3");
    }

    private static void checkGraph(String operation, EdgeIndex graph, int positions, int shifts) {
        if (graph == null) {
            throw new IllegalArgumentException(operation + ": graph must not be null");
        }
        ArrayChecks.required(operation, "positions", positions, 3L * graph.atoms(), "atoms * 3");
        ArrayChecks.optional(operation, "shifts", shifts, 3L * graph.edges(), "edges * 3");
    }

    /** An output must not alias the positions or shifts, which are read while it is written. */
    private static void distinctFromInputs(String operation, String name, Object output, Object positions,
                                           Object shifts) {
        ArrayChecks.distinct(operation, name, output, "positions", positions);
        ArrayChecks.distinct(operation, name, output, "shifts", shifts);
    }

    /** Positions and shifts are both double[] or both float[]; shifts may be null. */
    private static void checkFinite(String operation, Object positions, Object shifts, EdgeIndex graph) {
        for (int a = 0; a < graph.atoms(); a++) {
            finite(operation, "position of atom ", a, positions);
        }
        for (int e = 0; shifts != null && e < graph.edges(); e++) {
            finite(operation, "shift of edge ", e, shifts);
        }
    }

    /** Throws unless row {@code index} of the {@code n × 3} array {@code rows} is finite. */
    private static void finite(String operation, String what, int index, Object rows) {
        double x = entry(rows, 3 * index);
        double y = entry(rows, 3 * index + 1);
        double z = entry(rows, 3 * index + 2);
        if (!(Double.isFinite(x) && Double.isFinite(y) && Double.isFinite(z))) {
            throw new IllegalArgumentException(operation + ": " + what + index + " is not finite: (" + x + ", " + y
                    + ", " + z + ")");
        }
    }

    @Override
    public String toString() {
        return "EdgeEmbedding(" + shIrreps() + ", " + radial + ")";
    }
}
