package org.equikern.train;

import java.util.Arrays;
import java.util.List;
import java.util.TreeSet;
import org.equikern.data.NeighbourList;
import org.equikern.data.Structure;

/**
 * What NequIP and MACE compute from the training set before they build a model: the species present,
 * the average number of neighbours within the cutoff (the normalization of a convolution's sum over
 * edges), per-species energy shifts E0 fitted by least squares so that {@code E_s ≈ Σ_species
 * count_s,species · E0_species}, and the RMS of the force components (a scale for the model's output).
 *
 * <p>The shifts are the minimum-norm least-squares solution ({@code numpy.linalg.lstsq}'s). When the
 * compositions do not determine them, for example when every structure has the same stoichiometry,
 * {@link #shiftsRank()} is below the number of species and {@link #shiftsDetermined()} is false: the
 * shifts still reproduce the fitted energies as well as any others, but their split between species
 * is arbitrary, which a command line should say. Immutable.
 */
public final class DatasetStatistics {
    private final int[] species;
    private final double averageNeighbours;
    private final double[] shifts;
    private final int shiftsRank;
    private final double forceRms;
    private final double cutoff;

    private DatasetStatistics(double cutoff, int[] species, double averageNeighbours, double[] shifts, int shiftsRank,
            double forceRms) {
        this.cutoff = cutoff;
        this.species = species;
        this.averageNeighbours = averageNeighbours;
        this.shifts = shifts;
        this.shiftsRank = shiftsRank;
        this.forceRms = forceRms;
    }

    /**
     * Statistics of {@code structures} (at least one) with neighbours within {@code cutoff}. Shifts
     * are fitted over the structures with an energy (zero when none has one); the force RMS over
     * those with forces (NaN when none has them).
     *
     * @param structures the structures
     * @param cutoff the neighbour cutoff, positive and finite
     * @return the statistics
     * @throws IllegalArgumentException for no structures or a bad cutoff
     */
    public static DatasetStatistics of(List<Structure> structures, double cutoff) {
        if (structures.isEmpty()) {
            throw new IllegalArgumentException("structures: at least one is needed for dataset statistics");
        }
        int[] species = speciesOf(structures);
        long atoms = 0;
        long edges = 0;
        double forceSquares = 0;
        long forceComponents = 0;
        for (Structure s : structures) {
            atoms += s.atoms();
            edges += NeighbourList.of(s, cutoff).edgeCount();
            if (s.forces() != null) {
                for (double f : s.forces()) {
                    forceSquares += f * f;
                }
                forceComponents += s.forces().length;
            }
        }
        MinimumNormLeastSquares fit = fitShifts(structures, species);
        double forceRms = forceComponents == 0 ? Double.NaN : Math.sqrt(forceSquares / forceComponents);
        return new DatasetStatistics(cutoff, species, (double) edges / atoms, fit.solution(), fit.rank(), forceRms);
    }

    private static int[] speciesOf(List<Structure> structures) {
        TreeSet<Integer> set = new TreeSet<>();
        for (Structure s : structures) {
            for (int z : s.numbers()) {
                set.add(z);
            }
        }
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    private static MinimumNormLeastSquares fitShifts(List<Structure> structures, int[] species) {
        List<Structure> withEnergy = structures.stream().filter(Structure::hasEnergy).toList();
        int columns = species.length;
        double[] counts = new double[Math.multiplyExact(withEnergy.size(), columns)];
        double[] energies = new double[withEnergy.size()];
        for (int r = 0; r < energies.length; r++) {
            Structure s = withEnergy.get(r);
            energies[r] = s.energy();
            for (int z : s.numbers()) {
                counts[r * columns + Arrays.binarySearch(species, z)] += 1;
            }
        }
        return MinimumNormLeastSquares.solve(counts, energies, columns);
    }

    /**
     * The cutoff the neighbour counts were taken at.
     *
     * @return the cutoff
     */
    public double cutoff() {
        return cutoff;
    }

    /**
     * The atomic numbers present, ascending.
     *
     * @return a new array
     */
    public int[] species() {
        return species.clone();
    }

    /**
     * Directed edges per atom within the cutoff, over the whole set.
     *
     * @return the average count
     */
    public double averageNeighbours() {
        return averageNeighbours;
    }

    /**
     * The fitted energy per atom of each species, in the order of {@link #species()}.
     *
     * @return a new array
     */
    public double[] shifts() {
        return shifts.clone();
    }

    /**
     * The rank of the composition matrix of the shift fit.
     *
     * @return the rank
     */
    public int shiftsRank() {
        return shiftsRank;
    }

    /**
     * Whether the compositions determine every shift (full column rank).
     *
     * @return whether the fit is determined
     */
    public boolean shiftsDetermined() {
        return shiftsRank == species.length;
    }

    /**
     * √(mean F²) over all force components (NaN without forces).
     *
     * @return the RMS, or NaN
     */
    public double forceRms() {
        return forceRms;
    }
}
