package org.equikern.data.synthetic;

import org.equikern.data.NeighbourList;

/**
 * The Stillinger–Weber potential for silicon (F. H. Stillinger and T. A. Weber, Phys. Rev. B 31,
 * 5262 (1985)) with its published parameters: a two-body term plus a three-body term that
 * penalizes bond angles away from the tetrahedral angle, so the energy depends on angles and not
 * only on distances. Gives the energy, the exact analytic forces and per-atom energies.
 *
 * <p>Per-atom energies: half of each pair term goes to each of its two atoms, and each three-body
 * term goes to the atom at the vertex of its angle (the convention of atom-centred models, whose
 * per-atom energy is a function of one atom's neighbourhood). They sum to the total energy.
 */
public final class StillingerWeber {
    /** Energy unit ε in eV. */
    public static final double EPSILON = 2.1683;
    /** Length unit σ in Å. */
    public static final double SIGMA = 2.0951;
    /** Cutoff in units of σ: both terms vanish smoothly, with all derivatives, at a·σ. */
    public static final double A_CUT = 1.80;
    /** The interaction range a·σ in Å. */
    public static final double CUTOFF = A_CUT * SIGMA;

    private static final double A = 7.049556277;
    private static final double B = 0.6022245584;
    private static final double LAMBDA = 21.0;
    private static final double GAMMA = 1.20;
    /** cos θ₀ of the tetrahedral angle, where the three-body term is zero. */
    private static final double COS_TETRAHEDRAL = -1.0 / 3.0;

    private StillingerWeber() {
    }

    /**
     * Energy, forces and per-atom energies of the atoms of a cell periodic in all three directions.
     *
     * @param atoms the configuration, positions in Å
     * @return the result, energies in eV
     */
    public static SwResult evaluate(PeriodicCell atoms) {
        return evaluate(NeighbourList.of(atoms.positions(), atoms.cell(), new boolean[] {true, true, true}, CUTOFF));
    }

    /**
     * Energy, forces and per-atom energies of the atoms of {@code graph} (a neighbour list built
     * with a cutoff of at least {@link #CUTOFF}; longer edges are ignored).
     *
     * @param graph the neighbour list, distances in Å
     * @return the result, energies in eV
     */
    public static SwResult evaluate(NeighbourList graph) {
        int n = graph.nodeCount();
        int[] senders = graph.senders();
        int[] offsets = graph.receiverOffsets();
        double[] vectors = graph.vectors();
        double[] atomEnergies = new double[n];
        double[] gradient = new double[Math.multiplyExact(n, 3)];
        for (int centre = 0; centre < n; centre++) {
            for (int e = offsets[centre]; e < offsets[centre + 1]; e++) {
                addPair(centre, senders[e], bond(vectors, e), atomEnergies, gradient);
            }
            for (int e = offsets[centre]; e < offsets[centre + 1]; e++) {
                for (int f = e + 1; f < offsets[centre + 1]; f++) {
                    addTriplet(centre, senders[e], bond(vectors, e), senders[f], bond(vectors, f), atomEnergies,
                            gradient);
                }
            }
        }
        double energy = 0;
        for (double ei : atomEnergies) {
            energy += ei;
        }
        double[] forces = new double[gradient.length];
        for (int i = 0; i < forces.length; i++) {
            forces[i] = -gradient[i];
        }
        return new SwResult(energy, forces, atomEnergies);
    }

    /** The bond from the receiver of edge e to its sender's image: the negated edge vector. */
    private static double[] bond(double[] vectors, int e) {
        return new double[] {-vectors[3 * e], -vectors[3 * e + 1], -vectors[3 * e + 2]};
    }

    /**
     * Half the pair term of the bond u from {@code centre} to {@code neighbour} (the other half
     * comes with the edge in the other direction).
     */
    private static void addPair(int centre, int neighbour, double[] u, double[] atomEnergies, double[] gradient) {
        double r = norm(u);
        if (r >= CUTOFF) {
            return;
        }
        double s4 = Math.pow(SIGMA / r, 4);
        double d = r - CUTOFF;
        double tail = Math.exp(SIGMA / d);
        double phi = EPSILON * A * (B * s4 - 1) * tail;
        double dPhi = EPSILON * A * tail * (-4 * B * s4 / r - (B * s4 - 1) * SIGMA / (d * d));
        atomEnergies[centre] += 0.5 * phi;
        accumulate(gradient, centre, neighbour, u, 0.5 * dPhi / r);
    }

    /** The three-body term of the angle between bonds u (to j) and v (to k) at {@code centre}. */
    private static void addTriplet(int centre, int j, double[] u, int k, double[] v, double[] atomEnergies,
            double[] gradient) {
        double ru = norm(u);
        double rv = norm(v);
        if (ru >= CUTOFF || rv >= CUTOFF) {
            return;
        }
        double du = ru - CUTOFF;
        double dv = rv - CUTOFF;
        double weight = EPSILON * LAMBDA * Math.exp(GAMMA * SIGMA / du + GAMMA * SIGMA / dv);
        double cos = dot(u, v) / (ru * rv);
        double c = cos - COS_TETRAHEDRAL;
        double h = weight * c * c;
        atomEnergies[centre] += h;
        // ∂h/∂u = h·g'(|u|)·u/|u| + 2wc·∂cos/∂u, ∂cos/∂u = v/(|u||v|) − cos·u/|u|², g(r) = γσ/(r − aσ).
        double radialU = -h * GAMMA * SIGMA / (du * du) / ru;
        double radialV = -h * GAMMA * SIGMA / (dv * dv) / rv;
        double angular = 2 * weight * c;
        double[] gu = new double[3];
        double[] gv = new double[3];
        for (int x = 0; x < 3; x++) {
            gu[x] = radialU * u[x] + angular * (v[x] / (ru * rv) - cos * u[x] / (ru * ru));
            gv[x] = radialV * v[x] + angular * (u[x] / (ru * rv) - cos * v[x] / (rv * rv));
        }
        accumulate(gradient, centre, j, gu, 1);
        accumulate(gradient, centre, k, gv, 1);
    }

    /** Adds scale·g to ∂E/∂pos[neighbour] and subtracts it from ∂E/∂pos[centre] (g = ∂E/∂bond). */
    private static void accumulate(double[] gradient, int centre, int neighbour, double[] g, double scale) {
        for (int x = 0; x < 3; x++) {
            gradient[3 * neighbour + x] += scale * g[x];
            gradient[3 * centre + x] -= scale * g[x];
        }
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    private static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }
}
