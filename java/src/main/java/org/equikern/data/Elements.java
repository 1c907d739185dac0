package org.equikern.data;

import java.util.HashMap;
import java.util.Map;

/** Chemical symbols and atomic numbers, 1 (H) to 118 (Og). */
public final class Elements {
    private static final String[] SYMBOLS = (
            "X H He Li Be B C N O F Ne Na Mg Al Si P S Cl Ar K Ca Sc Ti V Cr Mn Fe Co Ni Cu Zn Ga Ge As Se Br Kr "
            + "Rb Sr Y Zr Nb Mo Tc Ru Rh Pd Ag Cd In Sn Sb Te I Xe Cs Ba La Ce Pr Nd Pm Sm Eu Gd Tb Dy Ho Er Tm Yb "
            + "Lu Hf Ta W Re Os Ir Pt Au Hg Tl Pb Bi Po At Rn Fr Ra Ac Th Pa U Np Pu Am Cm Bk Cf Es Fm Md No Lr Rf "
            + "Db Sg Bh Hs Mt Ds Rg Cn Nh Fl Mc Lv Ts Og").split(" ");
    private static final Map<String, Integer> NUMBERS = new HashMap<>();

    static {
        for (int z = 1; z < SYMBOLS.length; z++) {
            NUMBERS.put(SYMBOLS[z], z);
        }
    }

    private Elements() {
    }

    /**
     * The atomic number of a symbol such as "Cu", or -1 when it names no element (case matters).
     *
     * @param symbol a chemical symbol
     * @return the atomic number, 1..{@link #maxNumber()}, or −1
     */
    public static int number(String symbol) {
        Integer z = NUMBERS.get(symbol);
        return z == null ? -1 : z;
    }

    /**
     * The symbol of atomic number {@code z} (1..118).
     *
     * @param z the atomic number
     * @return the symbol, e.g. {@code "Cu"} for 29
     * @throws IllegalArgumentException for a number outside 1..{@link #maxNumber()}
     */
    public static String symbol(int z) {
        if (z < 1 || z >= SYMBOLS.length) {
            throw new IllegalArgumentException("atomic number " + z + " is outside 1.." + (SYMBOLS.length - 1));
        }
        return SYMBOLS[z];
    }

    /**
     * The largest atomic number known.
     *
     * @return 118
     */
    public static int maxNumber() {
        return SYMBOLS.length - 1;
    }
}
