package org.equikern.model;

import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.equikern.data.Elements;

/**
 * The checks of the species fields every atom-centred model's configuration has; messages read
 * {@code "field = value: problem"}.
 */
final class SpeciesChecks {
    private SpeciesChecks() {
    }

    /** {@code chemical_symbols} checked: non-empty, known elements, no repeats; a copy. */
    static List<String> checkedSymbols(List<String> symbols) {
        if (symbols == null || symbols.isEmpty()) {
            throw new IllegalArgumentException("chemical_symbols = " + symbols + " must name at least one element");
        }
        Set<String> seen = new HashSet<>();
        for (String s : symbols) {
            if (s == null || Elements.number(s) < 1) {
                throw new IllegalArgumentException("chemical_symbols = " + symbols + ": '" + s
                        + "' is not an element symbol");
            }
            if (!seen.add(s)) {
                throw new IllegalArgumentException("chemical_symbols = " + symbols + ": '" + s + "' is repeated");
            }
        }
        return List.copyOf(symbols);
    }

    /** {@code per_species_shifts} checked against {@code species}; an empty list means zero for every species. */
    static List<Double> checkedShifts(List<Double> shifts, int species) {
        if (shifts == null || shifts.isEmpty()) {
            return List.copyOf(Collections.nCopies(species, 0.0));
        }
        if (shifts.size() != species) {
            throw new IllegalArgumentException("per_species_shifts = " + shifts + " has " + shifts.size()
                    + " values; chemical_symbols has " + species + " species");
        }
        for (Double s : shifts) {
            if (s == null || !Double.isFinite(s)) {
                throw new IllegalArgumentException("per_species_shifts = " + shifts + ": " + s + " is not finite");
            }
        }
        return List.copyOf(shifts);
    }
}
