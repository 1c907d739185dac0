package org.equikern.data.synthetic;

import java.util.Arrays;
import java.util.Random;

/**
 * Atoms in a periodic cell (lattice vectors as rows) and the distortions the generator applies to
 * them: homogeneous strain and vacancies. Immutable.
 */
public record PeriodicCell(double[] cell, double[] positions) {
    /**
     * Copies the arrays; {@code cell} holds 9 values, {@code positions} atoms × 3.
     *
     * @param cell the lattice vectors as rows, 9 values in Å
     * @param positions {@code atoms × 3} values in Å
     * @throws IllegalArgumentException for a cell without 9 values or positions not a multiple of 3
     */
    public PeriodicCell {
        if (cell == null || cell.length != 9) {
            throw new IllegalArgumentException("periodic cell: cell must hold 9 values, got "
                    + (cell == null ? "null" : cell.length + ""));
        }
        if (positions == null || positions.length % 3 != 0) {
            throw new IllegalArgumentException("periodic cell: positions must hold atoms × 3 values, got "
                    + (positions == null ? "null" : positions.length + ""));
        }
        cell = cell.clone();
        positions = positions.clone();
    }

    /**
     * The perfect lattice of {@code lattice}.
     *
     * @param lattice the lattice
     * @return its cell and atom positions
     */
    public static PeriodicCell of(DiamondLattice lattice) {
        return new PeriodicCell(lattice.cell(), lattice.positions());
    }

    /**
     * The cell, lattice vectors as rows (a copy).
     *
     * @return a new array of 9 values
     */
    @Override
    public double[] cell() {
        return cell.clone();
    }

    /**
     * {@code atoms × 3} positions (a copy).
     *
     * @return a new array of {@code atoms × 3} values
     */
    @Override
    public double[] positions() {
        return positions.clone();
    }

    /**
     * Number of atoms.
     *
     * @return the atom count
     */
    public int atoms() {
        return positions.length / 3;
    }

    /**
     * The cell and positions deformed by x → (I + ε)·x for the symmetric strain tensor ε
     * (row-major 3×3).
     *
     * @param strain ε, 9 values, row-major
     * @return the deformed cell
     * @throws IllegalArgumentException unless strain holds 9 values
     */
    public PeriodicCell strained(double[] strain) {
        if (strain == null || strain.length != 9) {
            throw new IllegalArgumentException("strain must hold 9 values, got "
                    + (strain == null ? "null" : strain.length + ""));
        }
        double[] deformation = strain.clone();
        for (int d = 0; d < 3; d++) {
            deformation[4 * d] += 1;
        }
        return new PeriodicCell(transformRows(cell, deformation), transformRows(positions, deformation));
    }

    /**
     * A random symmetric strain tensor with each independent component uniform in ±{@code maxStrain}.
     *
     * @param random the source of the components
     * @param maxStrain the bound, in [0, 1)
     * @return a new array of 9 values, row-major and symmetric
     * @throws IllegalArgumentException for a bound outside [0, 1)
     */
    public static double[] randomStrain(Random random, double maxStrain) {
        if (!(maxStrain >= 0) || maxStrain >= 1) {
            throw new IllegalArgumentException("maxStrain = " + maxStrain + ", must be in [0, 1)");
        }
        double[] strain = new double[9];
        for (int a = 0; a < 3; a++) {
            for (int b = a; b < 3; b++) {
                double e = maxStrain * (2 * random.nextDouble() - 1);
                strain[3 * a + b] = e;
                strain[3 * b + a] = e;
            }
        }
        return strain;
    }

    /**
     * This cell without {@code count} atoms drawn uniformly at random.
     *
     * @param count the number of atoms removed, 0 ≤ count &lt; atoms()
     * @param random the source of the choice
     * @return the cell with the remaining atoms, in their original order
     * @throws IllegalArgumentException for a count outside that range
     */
    public PeriodicCell withVacancies(int count, Random random) {
        if (count < 0 || count >= atoms()) {
            throw new IllegalArgumentException("vacancies = " + count + ", must be in [0, " + atoms() + ")");
        }
        boolean[] removed = new boolean[atoms()];
        for (int left = count; left > 0; ) {
            int i = random.nextInt(atoms());
            if (!removed[i]) {
                removed[i] = true;
                left--;
            }
        }
        double[] kept = new double[3 * (atoms() - count)];
        int p = 0;
        for (int i = 0; i < atoms(); i++) {
            if (!removed[i]) {
                System.arraycopy(positions, 3 * i, kept, p, 3);
                p += 3;
            }
        }
        return new PeriodicCell(cell, kept);
    }

    /** Each row x of {@code rows} replaced by M·x. */
    private static double[] transformRows(double[] rows, double[] m) {
        double[] out = new double[rows.length];
        for (int r = 0; r < rows.length; r += 3) {
            for (int a = 0; a < 3; a++) {
                out[r + a] = m[3 * a] * rows[r] + m[3 * a + 1] * rows[r + 1] + m[3 * a + 2] * rows[r + 2];
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PeriodicCell p && Arrays.equals(cell, p.cell) && Arrays.equals(positions, p.positions);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(cell) + Arrays.hashCode(positions);
    }

    @Override
    public String toString() {
        return "PeriodicCell[" + atoms() + " atoms, cell=" + Arrays.toString(cell) + "]";
    }
}
