package org.equikern.data;

import java.util.List;

/**
 * Several structures batched into one graph, as a potential consumes them: the atoms of all
 * structures numbered one structure after the other, their positions and atomic numbers
 * concatenated, and the {@link NeighbourList} of the whole batch at the potential's cutoff. Reference
 * energies and forces come along when every structure has them (for training and metrics).
 * Immutable; accessors return copies.
 */
public final class AtomicBatch {
    private final List<Structure> structures;
    private final NeighbourList graph;
    private final int[] atomsPerStructure;
    private final int[] structureOfAtom;
    private final int[] numbers;
    private final double[] positions;

    private AtomicBatch(List<Structure> structures, NeighbourList graph) {
        this.structures = List.copyOf(structures);
        this.graph = graph;
        int n = graph.nodeCount();
        this.atomsPerStructure = new int[structures.size()];
        this.structureOfAtom = new int[n];
        this.numbers = new int[n];
        this.positions = new double[Math.multiplyExact(n, 3)];
        int atom = 0;
        for (int k = 0; k < structures.size(); k++) {
            Structure s = structures.get(k);
            atomsPerStructure[k] = s.atoms();
            System.arraycopy(s.numbers(), 0, numbers, atom, s.atoms());
            System.arraycopy(s.positions(), 0, positions, 3 * atom, 3 * s.atoms());
            for (int i = 0; i < s.atoms(); i++) {
                structureOfAtom[atom + i] = k;
            }
            atom += s.atoms();
        }
    }

    /**
     * Batches {@code structures} (at least one, none null) with the edges shorter than
     * {@code cutoff}.
     *
     * @param structures the structures, in batch order
     * @param cutoff the neighbour cutoff, in the unit of the positions, positive and finite
     * @return the batch
     * @throws IllegalArgumentException for no structures, a null one or a cutoff that is not positive and
     *     finite
     */
    public static AtomicBatch of(List<Structure> structures, double cutoff) {
        return new AtomicBatch(structures, NeighbourList.batch(structures, cutoff));
    }

    /**
     * The structures, in batch order (unmodifiable).
     *
     * @return the structures
     */
    public List<Structure> structures() {
        return structures;
    }

    /**
     * Number of structures.
     *
     * @return the structure count, ≥ 1
     */
    public int structureCount() {
        return structures.size();
    }

    /**
     * Number of atoms over all structures.
     *
     * @return the total atom count
     */
    public int atomCount() {
        return numbers.length;
    }

    /**
     * The graph of the whole batch: senders, receivers, shifts, node and edge offsets.
     *
     * @return the neighbour list of all structures as one graph
     */
    public NeighbourList graph() {
        return graph;
    }

    /**
     * Atoms of each structure.
     *
     * @return a new array, one count per structure
     */
    public int[] atomsPerStructure() {
        return atomsPerStructure.clone();
    }

    /**
     * The structure each atom belongs to.
     *
     * @return a new array, one structure index per atom
     */
    public int[] structureOfAtom() {
        return structureOfAtom.clone();
    }

    /**
     * Atomic numbers of all atoms.
     *
     * @return a new array, one atomic number per atom
     */
    public int[] numbers() {
        return numbers.clone();
    }

    /**
     * {@code atoms × 3} positions of all atoms.
     *
     * @return a new array, row-major
     */
    public double[] positions() {
        return positions.clone();
    }

    /**
     * True when every structure has a reference energy.
     *
     * @return whether {@link #energies()} succeeds
     */
    public boolean hasEnergies() {
        return structures.stream().allMatch(Structure::hasEnergy);
    }

    /**
     * True when every structure has reference forces.
     *
     * @return whether {@link #forces()} succeeds
     */
    public boolean hasForces() {
        return structures.stream().allMatch(s -> s.forces() != null);
    }

    /**
     * Reference energy of each structure.
     *
     * @return a new array, one energy per structure
     * @throws IllegalStateException naming the first structure without one
     */
    public double[] energies() {
        double[] energies = new double[structures.size()];
        for (int k = 0; k < energies.length; k++) {
            if (!structures.get(k).hasEnergy()) {
                throw new IllegalStateException("batch structure " + k + " has no reference energy");
            }
            energies[k] = structures.get(k).energy();
        }
        return energies;
    }

    /**
     * {@code atoms × 3} reference forces of all atoms.
     *
     * @return a new array, row-major, in batch atom order
     * @throws IllegalStateException naming the first structure without them
     */
    public double[] forces() {
        double[] forces = new double[positions.length];
        int offset = 0;
        for (int k = 0; k < structures.size(); k++) {
            double[] f = structures.get(k).forces();
            if (f == null) {
                throw new IllegalStateException("batch structure " + k + " has no reference forces");
            }
            System.arraycopy(f, 0, forces, offset, f.length);
            offset += f.length;
        }
        return forces;
    }
}
