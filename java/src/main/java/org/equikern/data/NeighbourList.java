package org.equikern.data;

import java.util.Arrays;
import java.util.List;

/**
 * The directed edges between atoms closer than a cutoff, periodic images included, as NequIP and MACE
 * build them (matscipy's / ASE's {@code neighbour_list("ijS")}): edge {@code e} goes from
 * {@code sender(e)} = i to {@code receiver(e)} = j with the integer image offset {@code shift(e)} = S,
 * its vector {@code pos[j] − pos[i] + S · cell} and its length below the cutoff. Every pair appears in
 * both directions; an atom's own periodic images are neighbours, itself (zero shift) is not. The
 * sender and receiver arrays are the {@code edge_index} rows of NequIP/MACE and the source and
 * destination of {@link org.equikern.data.EdgeIndex}; {@link #cartesianShifts()} is the
 * {@code shifts} argument of {@link org.equikern.nn.EdgeEmbedding}.
 *
 * <p>Edges are sorted by receiver, then sender, then shift (lexicographically), so the edges of each
 * receiver are contiguous ({@link #receiverOffsets()}, compressed rows) and the order is the same on
 * every run. Built in O(atoms) time for a bounded density by a cell list (see {@code CellList}): any
 * triclinic cell, periodic along any subset of its vectors, any cutoff (several images of a neighbour
 * when the cutoff exceeds the cell). Several structures can be batched into one graph, their atoms
 * numbered one structure after the other ({@link #nodeOffsets()}). Immutable; accessors return copies.
 */
public final class NeighbourList {
    private final int nodes;
    private final int edges;
    private final int[] senders;
    private final int[] receivers;
    private final int[] shifts;
    private final double[] vectors;
    private final double[] cartesianShifts;
    private final double[] distances;
    private final int[] nodeOffsets;
    private final int[] edgeOffsets;
    /** Candidate pairs whose distance was computed: what the cell list saves over all pairs (tests read it). */
    final long distanceEvaluations;

    private NeighbourList(EdgeBuffer b, int[] nodeOffsets, int[] edgeOffsets, long distanceEvaluations) {
        this.nodes = nodeOffsets[nodeOffsets.length - 1];
        this.edges = b.size;
        this.senders = Arrays.copyOf(b.senders, edges);
        this.receivers = Arrays.copyOf(b.receivers, edges);
        this.shifts = Arrays.copyOf(b.shifts, 3 * edges);
        this.vectors = Arrays.copyOf(b.vectors, 3 * edges);
        this.cartesianShifts = Arrays.copyOf(b.cartesianShifts, 3 * edges);
        this.distances = Arrays.copyOf(b.distances, edges);
        this.nodeOffsets = nodeOffsets;
        this.edgeOffsets = edgeOffsets;
        this.distanceEvaluations = distanceEvaluations;
    }

    /**
     * The neighbours of one structure within {@code cutoff} (its cell and pbc flags as given).
     *
     * @param structure the structure
     * @param cutoff the cutoff radius, positive and finite, in the unit of the positions
     * @return the neighbour list, both directions of each pair listed
     * @throws IllegalArgumentException for a cutoff that is not positive and finite or a non-finite geometry
     */
    public static NeighbourList of(Structure structure, double cutoff) {
        return batch(List.of(structure), cutoff);
    }

    /**
     * The neighbours of atoms at {@code positions}.
     *
     * @param positions {@code atoms × 3}, finite
     * @param cell      3×3, lattice vectors as rows; may be null when no direction is periodic
     * @param pbc       periodicity along each lattice vector (3 flags)
     * @param cutoff the cutoff radius, positive and finite, in the unit of the positions
     * @return the neighbour list, both directions of each pair listed
     * @throws IllegalArgumentException when the cutoff is not positive and finite, a position or cell
     *                                  entry is not finite, or the periodic lattice vectors are singular
     */
    public static NeighbourList of(double[] positions, double[] cell, boolean[] pbc, double cutoff) {
        checkCutoff(cutoff);
        checkGeometry(positions, cell, pbc);
        EdgeBuffer buffer = new EdgeBuffer();
        long evaluations = CellList.search(positions, cell, pbc, cutoff, 0, buffer);
        return new NeighbourList(buffer, new int[] {0, positions.length / 3}, new int[] {0, buffer.size},
                evaluations);
    }

    /**
     * One graph of several structures: structure k's atoms are nodes {@code nodeOffsets()[k] ..
     * nodeOffsets()[k+1]}, its edges {@code edgeOffsets()[k] .. edgeOffsets()[k+1]}; no edge joins two
     * structures.
     *
     * @param structures the structures, at least one
     * @param cutoff the cutoff radius, positive and finite, in the unit of the positions
     * @return the neighbour list of the batch
     * @throws IllegalArgumentException for no structures, a bad cutoff or a non-finite geometry
     */
    public static NeighbourList batch(List<Structure> structures, double cutoff) {
        checkCutoff(cutoff);
        if (structures == null || structures.isEmpty()) {
            throw new IllegalArgumentException("neighbour list: no structures given");
        }
        EdgeBuffer buffer = new EdgeBuffer();
        int[] nodeOffsets = new int[structures.size() + 1];
        int[] edgeOffsets = new int[structures.size() + 1];
        long evaluations = 0;
        for (int k = 0; k < structures.size(); k++) {
            Structure s = structures.get(k);
            if (s == null) {
                throw new IllegalArgumentException("neighbour list: structure " + k + " is null");
            }
            nodeOffsets[k + 1] = Math.addExact(nodeOffsets[k], s.atoms());
            evaluations += CellList.search(s.positions(), s.cell(), s.pbc(), cutoff, nodeOffsets[k], buffer);
            edgeOffsets[k + 1] = buffer.size;
        }
        return new NeighbourList(buffer, nodeOffsets, edgeOffsets, evaluations);
    }

    private static void checkCutoff(double cutoff) {
        if (!(cutoff > 0) || !Double.isFinite(cutoff)) {
            throw new IllegalArgumentException("neighbour list: cutoff = " + cutoff + ", must be positive and finite");
        }
    }

    private static void checkGeometry(double[] positions, double[] cell, boolean[] pbc) {
        if (positions == null || positions.length % 3 != 0) {
            throw new IllegalArgumentException("neighbour list: positions must hold atoms × 3 values, got "
                    + (positions == null ? "null" : positions.length + ""));
        }
        if (pbc == null || pbc.length != 3) {
            throw new IllegalArgumentException("neighbour list: pbc must hold 3 flags, got "
                    + (pbc == null ? "null" : pbc.length + ""));
        }
        for (int i = 0; i < positions.length; i++) {
            if (!Double.isFinite(positions[i])) {
                throw new IllegalArgumentException("neighbour list: position of atom " + i / 3 + " component "
                        + i % 3 + " is " + positions[i] + ", must be finite");
            }
        }
        boolean periodic = pbc[0] || pbc[1] || pbc[2];
        if (cell == null) {
            if (periodic) {
                throw new IllegalArgumentException("neighbour list: periodic along a lattice vector but cell is null");
            }
            return;
        }
        if (cell.length != 9) {
            throw new IllegalArgumentException("neighbour list: cell must hold 9 values, got " + cell.length);
        }
        for (int i = 0; i < 9; i++) {
            if (!Double.isFinite(cell[i])) {
                throw new IllegalArgumentException("neighbour list: cell entry " + i + " is " + cell[i]
                        + ", must be finite");
            }
        }
    }

    /**
     * Number of atoms (all structures of a batch).
     *
     * @return the node count
     */
    public int nodeCount() {
        return nodes;
    }

    /**
     * The number of edges (each direction of a pair counts once).
     *
     * @return the edge count
     */
    public int edgeCount() {
        return edges;
    }

    /**
     * The atom i of each edge (NequIP's {@code edge_index[0]}, MACE's sender).
     *
     * @return a new array, one atom per edge
     */
    public int[] senders() {
        return senders.clone();
    }

    /**
     * The atom j of each edge (NequIP's {@code edge_index[1]}, MACE's receiver), ascending.
     *
     * @return a new array, one atom per edge
     */
    public int[] receivers() {
        return receivers.clone();
    }

    /**
     * {@code edges × 3} integer image offsets S (NequIP's {@code edge_cell_shift}, ASE's {@code S}).
     *
     * @return a new array of {@code edges × 3} values
     */
    public int[] shifts() {
        return shifts.clone();
    }

    /**
     * {@code edges × 3} Cartesian shifts {@code S · cell}.
     *
     * @return a new array of {@code edges × 3} values
     */
    public double[] cartesianShifts() {
        return cartesianShifts.clone();
    }

    /**
     * {@code edges × 3} edge vectors {@code pos[j] − pos[i] + S · cell}.
     *
     * @return a new array of {@code edges × 3} values
     */
    public double[] vectors() {
        return vectors.clone();
    }

    /**
     * Length of each edge vector, below the cutoff.
     *
     * @return a new array, one distance per edge
     */
    public double[] distances() {
        return distances.clone();
    }

    /**
     * Compressed rows by receiver: atom j's edges are {@code offsets[j] .. offsets[j+1]} ({@code nodes + 1}
     * entries).
     *
     * @return a new array of {@code nodes + 1} offsets
     */
    public int[] receiverOffsets() {
        int[] offsets = new int[nodes + 1];
        for (int e = 0; e < edges; e++) {
            offsets[receivers[e] + 1]++;
        }
        for (int j = 0; j < nodes; j++) {
            offsets[j + 1] += offsets[j];
        }
        return offsets;
    }

    /**
     * First node of each structure of the batch, and the node count last ({@code structures + 1} entries).
     *
     * @return a new array of {@code structures + 1} offsets
     */
    public int[] nodeOffsets() {
        return nodeOffsets.clone();
    }

    /**
     * First edge of each structure of the batch, and the edge count last ({@code structures + 1} entries).
     *
     * @return a new array of {@code structures + 1} offsets
     */
    public int[] edgeOffsets() {
        return edgeOffsets.clone();
    }

    @Override
    public String toString() {
        return "NeighbourList[" + nodes + " atoms, " + edges + " edges, " + (nodeOffsets.length - 1) + " structures]";
    }
}
