package org.equikern.model;

import java.util.Arrays;
import java.util.Comparator;
import org.equikern.data.NeighbourList;

/**
 * The input of the Cartesian baseline for every atom of a batch: the bond vectors d to its K
 * nearest neighbours within the cutoff, sorted by distance, each scaled by the smooth cutoff
 * w(r) = ½(cos(πr/r_c) + 1) so a neighbour enters and leaves continuously; zero rows pad atoms with
 * fewer neighbours; a one-hot of the atom's species follows. The bond vectors are in the lab frame,
 * so the features, and any function of them, change under rotation.
 *
 * <p>The energy is continuous when a neighbour crosses the cutoff, but not where two neighbours
 * swap places in the sorted order, nor where a (K+1)-th neighbour displaces the K-th: the known
 * price of sorted-neighbour descriptors.
 */
final class SortedNeighbourFeatures {
    private final int slots;
    private final int width;
    private final double cutoff;
    private final double[] features;
    /** Per atom and slot: the neighbour atom (−1 for padding), the bond and w, w'/r. */
    private final int[] neighbour;
    private final double[] bonds;
    private final double[] weight;
    private final double[] weightSlope;

    /**
     * @param graph        the batch's neighbour list (edges shorter than {@code cutoff})
     * @param speciesIndex index of each atom's species in the one-hot
     * @param speciesCount length of the one-hot
     */
    SortedNeighbourFeatures(NeighbourList graph, int[] speciesIndex, int speciesCount, int slots, double cutoff) {
        int atoms = graph.nodeCount();
        this.slots = slots;
        this.cutoff = cutoff;
        this.width = Math.addExact(Math.multiplyExact(3, slots), speciesCount);
        this.features = new double[Math.multiplyExact(atoms, width)];
        this.neighbour = new int[Math.multiplyExact(atoms, slots)];
        this.bonds = new double[Math.multiplyExact(neighbour.length, 3)];
        this.weight = new double[neighbour.length];
        this.weightSlope = new double[neighbour.length];
        Arrays.fill(neighbour, -1);
        int[] senders = graph.senders();
        int[] offsets = graph.receiverOffsets();
        double[] vectors = graph.vectors();
        double[] distances = graph.distances();
        for (int atom = 0; atom < atoms; atom++) {
            Integer[] edges = new Integer[offsets[atom + 1] - offsets[atom]];
            for (int k = 0; k < edges.length; k++) {
                edges[k] = offsets[atom] + k;
            }
            Arrays.sort(edges, Comparator.comparingDouble((Integer e) -> distances[e]).thenComparingInt(e -> e));
            for (int s = 0; s < Math.min(slots, edges.length); s++) {
                int e = edges[s];
                // The edge vector points from the sender to this atom (its receiver); the bond points away.
                fill(atom * slots + s, senders[e], -vectors[3 * e], -vectors[3 * e + 1], -vectors[3 * e + 2],
                        distances[e]);
            }
            features[atom * width + 3 * slots + speciesIndex[atom]] = 1;
        }
    }

    private void fill(int slot, int other, double dx, double dy, double dz, double r) {
        int atom = slot / slots;
        int s = slot % slots;
        neighbour[slot] = other;
        bonds[3 * slot] = dx;
        bonds[3 * slot + 1] = dy;
        bonds[3 * slot + 2] = dz;
        double phase = Math.PI * r / cutoff;
        weight[slot] = 0.5 * (Math.cos(phase) + 1);
        weightSlope[slot] = -0.5 * Math.PI / cutoff * Math.sin(phase) / r;
        for (int x = 0; x < 3; x++) {
            features[atom * width + 3 * s + x] = weight[slot] * bonds[3 * slot + x];
        }
    }

    /** Features per atom: 3K + species. */
    int width() {
        return width;
    }

    /** The features of all atoms, {@code atoms × width()} row-major (a copy). */
    double[] all() {
        return features.clone();
    }

    /**
     * Adds to {@code gradPositions} (atoms × 3) the gradient through atom {@code atom}'s features of
     * a function whose feature gradient is {@code gradFeatures}: for each bond, J·g with
     * J = ∂(w d)/∂d = w I + (w'/r) d dᵀ, added to the neighbour and subtracted from the atom.
     */
    void pullBack(int atom, double[] gradFeatures, double[] gradPositions) {
        for (int s = 0; s < slots; s++) {
            int slot = atom * slots + s;
            if (neighbour[slot] < 0) {
                continue;
            }
            double[] g = jacobianTimes(slot, gradFeatures[3 * s], gradFeatures[3 * s + 1], gradFeatures[3 * s + 2]);
            for (int x = 0; x < 3; x++) {
                gradPositions[3 * neighbour[slot] + x] += g[x];
                gradPositions[3 * atom + x] -= g[x];
            }
        }
    }

    /** The change of atom {@code atom}'s features when the positions move along {@code direction} (atoms × 3). */
    double[] tangent(int atom, double[] direction) {
        double[] out = new double[width];
        for (int s = 0; s < slots; s++) {
            int slot = atom * slots + s;
            int j = neighbour[slot];
            if (j < 0) {
                continue;
            }
            double[] t = jacobianTimes(slot, direction[3 * j] - direction[3 * atom],
                    direction[3 * j + 1] - direction[3 * atom + 1], direction[3 * j + 2] - direction[3 * atom + 2]);
            System.arraycopy(t, 0, out, 3 * s, 3);
        }
        return out;
    }

    /** J·v for the symmetric Jacobian of a slot's feature with respect to its bond. */
    private double[] jacobianTimes(int slot, double vx, double vy, double vz) {
        double dx = bonds[3 * slot];
        double dy = bonds[3 * slot + 1];
        double dz = bonds[3 * slot + 2];
        double radial = weightSlope[slot] * (dx * vx + dy * vy + dz * vz);
        return new double[] {weight[slot] * vx + radial * dx, weight[slot] * vy + radial * dy,
            weight[slot] * vz + radial * dz};
    }
}
