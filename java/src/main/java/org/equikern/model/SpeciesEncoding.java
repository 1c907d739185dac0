package org.equikern.model;

import java.util.Arrays;
import java.util.List;
import org.equikern.data.Elements;

/** The one-hot encoding of atoms by their position in {@code chemical_symbols}. */
final class SpeciesEncoding {
    private final List<String> symbols;
    private final int[] indexOfNumber;

    /** @throws IllegalArgumentException as {@link NequipConfig} for bad {@code chemical_symbols} */
    SpeciesEncoding(List<String> symbols) {
        this.symbols = SpeciesChecks.checkedSymbols(symbols);
        this.indexOfNumber = new int[Elements.maxNumber() + 1];
        Arrays.fill(indexOfNumber, -1);
        for (int s = 0; s < symbols.size(); s++) {
            indexOfNumber[Elements.number(symbols.get(s))] = s;
        }
    }

    int count() {
        return symbols.size();
    }

    /**
     * The species index of each atom.
     *
     * @throws IllegalArgumentException naming the first atom whose element is not a species
     */
    int[] indices(int[] numbers) {
        int[] out = new int[numbers.length];
        for (int a = 0; a < numbers.length; a++) {
            int z = numbers[a];
            out[a] = z >= 1 && z < indexOfNumber.length ? indexOfNumber[z] : -1;
            if (out[a] < 0) {
                throw new IllegalArgumentException("atom " + a + " has atomic number " + z
                        + ", which is not in chemical_symbols " + symbols);
            }
        }
        return out;
    }

    /** {@code atoms × count()} one-hot rows of the given species indices. */
    double[] oneHot(int[] indices) {
        double[] out = new double[Math.multiplyExact(indices.length, symbols.size())];
        for (int a = 0; a < indices.length; a++) {
            out[a * symbols.size() + indices[a]] = 1;
        }
        return out;
    }
}
