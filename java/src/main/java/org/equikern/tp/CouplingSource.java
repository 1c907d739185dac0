package org.equikern.tp;

import org.equikern.group.Coupling;
import org.equikern.group.Irrep;
import org.equikern.group.Wigner3j;

/**
 * Where a {@link Plan} takes each path's coupling coefficients from: O(3)'s real Wigner 3j
 * ({@link #WIGNER_3J}, e3nn's convention) by default, another group's Clebsch–Gordan coefficients
 * for another group. The plan copies the coefficients into its paths, and backends only ever read
 * the paths, so a new source needs no backend change.
 */
@FunctionalInterface
public interface CouplingSource {
    /** O(3): the real Wigner 3j symbol of the three irreps' degrees. */
    CouplingSource WIGNER_3J = (in1, in2, out) -> Wigner3j.of(in1.l(), in2.l(), out.l());

    /**
     * The coupling of {@code in1 ⊗ in2 → out}; its indices must lie within the irreps' dimensions.
     *
     * @param in1 the first input's irrep
     * @param in2 the second input's irrep
     * @param out the output irrep
     * @return the sparse coupling tensor
     * @throws IllegalArgumentException when the three irreps do not couple
     */
    Coupling coupling(Irrep in1, Irrep in2, Irrep out);
}
