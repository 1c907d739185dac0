package org.equikern.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.equikern.data.EdgeIndex;
import org.equikern.group.ShNormalization;
import org.junit.jupiter.api.Test;

/**
 * The edge embedding's tangent (its double backward into the incoming gradients) against finite
 * differences of the forward, and against the backward through the adjoint identity
 * {@code <backward(g), u> = <g, tangent(u)>}.
 */
class EdgeEmbeddingTangentTest {
    private static final double CUTOFF = 3.0;
    private static final EdgeEmbedding EMBEDDING = EdgeEmbedding.of(3, ShNormalization.COMPONENT,
            RadialEmbedding.of(BesselBasis.of(CUTOFF, 6), PolynomialCutoff.of(CUTOFF)));
    private static final EdgeIndex GRAPH = EdgeIndex.of(4, new int[] {0, 1, 2, 3, 0}, new int[] {1, 2, 3, 0, 2});

    private final Random random = new Random(3);
    private final double[] positions = gaussian(12, 1.0);
    private final double[] shifts = gaussian(15, 0.3);
    private final double[] tangentPositions = gaussian(12, 1.0);
    private final double[] tangentShifts = gaussian(15, 1.0);

    private double[] gaussian(int n, double scale) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = scale * random.nextGaussian();
        return v;
    }

    @Test
    void matchesFiniteDifferencesOfTheForward() {
        int shLength = GRAPH.edges() * EMBEDDING.shDim();
        int radialLength = GRAPH.edges() * EMBEDDING.radialSize();
        double[] shTangent = new double[shLength];
        double[] radialTangent = new double[radialLength];
        EMBEDDING.tangent(positions, shifts, GRAPH, tangentPositions, tangentShifts, shTangent, radialTangent);
        double h = 1e-6;
        double[][] plus = forwardAt(h, shLength, radialLength);
        double[][] minus = forwardAt(-h, shLength, radialLength);
        for (int i = 0; i < shLength; i++) {
            assertEquals((plus[0][i] - minus[0][i]) / (2 * h), shTangent[i], 1e-6, "sh " + i);
        }
        for (int i = 0; i < radialLength; i++) {
            assertEquals((plus[1][i] - minus[1][i]) / (2 * h), radialTangent[i], 1e-6, "radial " + i);
        }
    }

    private double[][] forwardAt(double h, int shLength, int radialLength) {
        double[] p = positions.clone();
        double[] s = shifts.clone();
        for (int i = 0; i < p.length; i++) p[i] += h * tangentPositions[i];
        for (int i = 0; i < s.length; i++) s[i] += h * tangentShifts[i];
        double[] sh = new double[shLength];
        double[] radial = new double[radialLength];
        EMBEDDING.forward(p, s, GRAPH, null, null, sh, radial);
        return new double[][] {sh, radial};
    }

    @Test
    void isTheAdjointOfTheBackward() {
        double[] gradSh = gaussian(GRAPH.edges() * EMBEDDING.shDim(), 1.0);
        double[] gradRadial = gaussian(GRAPH.edges() * EMBEDDING.radialSize(), 1.0);
        double[] gradPositions = new double[12];
        double[] gradShifts = new double[15];
        EMBEDDING.backward(positions, shifts, GRAPH, gradSh, gradRadial, gradPositions, gradShifts);
        double[] shTangent = new double[gradSh.length];
        double[] radialTangent = new double[gradRadial.length];
        EMBEDDING.tangent(positions, shifts, GRAPH, tangentPositions, tangentShifts, shTangent, radialTangent);
        assertEquals(dot(gradPositions, tangentPositions) + dot(gradShifts, tangentShifts),
                dot(gradSh, shTangent) + dot(gradRadial, radialTangent), 1e-11);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }
}
