package org.equikern.model;

import java.util.ArrayList;
import java.util.List;
import org.equikern.data.Structure;

/**
 * The per-species energy shifts (E0) that NequIP and MACE fit before training: the least-squares
 * solution of {@code E_k ≈ Σ_s N_ks E0_s}, where {@code N_ks} counts the atoms of species s in
 * structure k. The result is the {@code per_species_shifts} of a {@link NequipConfig}.
 */
public final class PerSpeciesShifts {
    /** A pivot below this fraction of the largest diagonal entry counts as a linear dependence. */
    private static final double RANK_TOLERANCE = 1e-12;

    private PerSpeciesShifts() {
    }

    /**
     * Fits the shifts by solving the normal equations {@code (NᵀN) E0 = NᵀE}.
     *
     * @param structures       structures with reference energies, their atoms all among the species
     * @param chemicalSymbols  the species, in the order of the result
     * @return the shift E0 of each species, in the unit of the reference energies
     * @throws IllegalArgumentException for a structure without an energy or with an unknown element,
     *                                  or when the compositions do not determine every shift (a species
     *                                  that never occurs, or compositions in fixed proportions)
     */
    public static List<Double> fit(List<Structure> structures, List<String> chemicalSymbols) {
        if (structures == null || structures.isEmpty()) {
            throw new IllegalArgumentException("structures must not be empty");
        }
        SpeciesEncoding encoding = new SpeciesEncoding(chemicalSymbols);
        int n = encoding.count();
        double[][] normal = new double[n][n + 1];
        for (int k = 0; k < structures.size(); k++) {
            Structure s = structures.get(k);
            if (!s.hasEnergy()) {
                throw new IllegalArgumentException("structure " + k + " has no reference energy");
            }
            double[] counts = new double[n];
            for (int index : encoding.indices(s.numbers())) {
                counts[index]++;
            }
            for (int a = 0; a < n; a++) {
                for (int b = 0; b < n; b++) {
                    normal[a][b] += counts[a] * counts[b];
                }
                normal[a][n] += counts[a] * s.energy();
            }
        }
        return solve(normal, chemicalSymbols);
    }

    /** Gaussian elimination with partial pivoting on the augmented matrix {@code [A | b]}. */
    private static List<Double> solve(double[][] m, List<String> symbols) {
        int n = m.length;
        double largest = 0;
        for (int a = 0; a < n; a++) {
            largest = Math.max(largest, m[a][a]);
            if (m[a][a] == 0) {
                throw new IllegalArgumentException("species '" + symbols.get(a)
                        + "' occurs in no structure: its shift is undetermined");
            }
        }
        for (int col = 0; col < n; col++) {
            int pivot = col;
            for (int row = col + 1; row < n; row++) {
                if (Math.abs(m[row][col]) > Math.abs(m[pivot][col])) {
                    pivot = row;
                }
            }
            if (Math.abs(m[pivot][col]) <= RANK_TOLERANCE * largest) {
                throw new IllegalArgumentException("the compositions of the structures are linearly dependent"
                        + " (e.g. every structure has the same proportions of " + symbols
                        + "): the shifts are undetermined");
            }
            double[] swap = m[col];
            m[col] = m[pivot];
            m[pivot] = swap;
            for (int row = col + 1; row < n; row++) {
                double f = m[row][col] / m[col][col];
                for (int c = col; c <= n; c++) {
                    m[row][c] -= f * m[col][c];
                }
            }
        }
        double[] x = new double[n];
        for (int row = n - 1; row >= 0; row--) {
            double sum = m[row][n];
            for (int c = row + 1; c < n; c++) {
                sum -= m[row][c] * x[c];
            }
            x[row] = sum / m[row][row];
        }
        List<Double> out = new ArrayList<>(n);
        for (double v : x) {
            out.add(v);
        }
        return out;
    }
}
