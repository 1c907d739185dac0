package org.equikern.data.synthetic;

/**
 * Periodic cells of the diamond lattice: n×n×n conventional cubic cells of 8 atoms each
 * (a face-centred cubic lattice with a two-atom basis at 0 and (¼, ¼, ¼)·a).
 */
public final class DiamondLattice {
    /** The lattice constant of silicon in Å, where Stillinger–Weber silicon has its minimum. */
    public static final double SILICON_LATTICE_CONSTANT = 5.431;

    private static final double[][] BASIS = {
        {0, 0, 0}, {0, 0.5, 0.5}, {0.5, 0, 0.5}, {0.5, 0.5, 0},
        {0.25, 0.25, 0.25}, {0.25, 0.75, 0.75}, {0.75, 0.25, 0.75}, {0.75, 0.75, 0.25},
    };

    private final int cells;
    private final double latticeConstant;

    /**
     * @param cells           conventional cells along each axis, at least 1
     * @param latticeConstant the cubic cell edge in Å, positive and finite
     */
    public DiamondLattice(int cells, double latticeConstant) {
        if (cells < 1) {
            throw new IllegalArgumentException("diamond lattice: cells = " + cells + ", must be at least 1");
        }
        if (!(latticeConstant > 0) || !Double.isFinite(latticeConstant)) {
            throw new IllegalArgumentException("diamond lattice: latticeConstant = " + latticeConstant
                    + ", must be positive and finite");
        }
        this.cells = cells;
        this.latticeConstant = latticeConstant;
    }

    /**
     * Number of atoms: 8·cells³.
     *
     * @return the atom count
     * @throws ArithmeticException when it overflows an int
     */
    public int atoms() {
        return Math.multiplyExact(8, Math.multiplyExact(cells, Math.multiplyExact(cells, cells)));
    }

    /**
     * The cubic supercell, lattice vectors as rows.
     *
     * @return a new array of 9 values in Å
     */
    public double[] cell() {
        double edge = cells * latticeConstant;
        return new double[] {edge, 0, 0, 0, edge, 0, 0, 0, edge};
    }

    /**
     * {@code atoms × 3} positions inside the supercell.
     *
     * @return a new array of {@code atoms() × 3} values in Å
     */
    public double[] positions() {
        double[] positions = new double[Math.multiplyExact(atoms(), 3)];
        int p = 0;
        for (int i = 0; i < cells; i++) {
            for (int j = 0; j < cells; j++) {
                for (int k = 0; k < cells; k++) {
                    for (double[] b : BASIS) {
                        positions[p++] = (i + b[0]) * latticeConstant;
                        positions[p++] = (j + b[1]) * latticeConstant;
                        positions[p++] = (k + b[2]) * latticeConstant;
                    }
                }
            }
        }
        return positions;
    }
}
