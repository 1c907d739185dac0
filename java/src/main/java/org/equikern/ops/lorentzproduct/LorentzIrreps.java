package org.equikern.ops.lorentzproduct;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equikern.group.lorentz.LorentzIrrep;

/**
 * A direct sum of SL(2,C) irreps with channel multiplicities, e.g. {@code "2x(0,0)+3x(1,1)"}: the
 * feature layout of one sample, segments in order, each {@code [mul][dim]} (channel-major, component
 * in LGN's canonical basis). Immutable.
 */
public final class LorentzIrreps {
    private static final Pattern TERM = Pattern.compile("\\s*(\\d+)x\\((\\d+),(\\d+)\\)\\s*");

    private final List<Integer> muls;
    private final List<LorentzIrrep> irreps;
    private final int[] offsets;
    private final int dim;

    private LorentzIrreps(List<Integer> muls, List<LorentzIrrep> irreps) {
        this.muls = Collections.unmodifiableList(muls);
        this.irreps = Collections.unmodifiableList(irreps);
        offsets = new int[muls.size()];
        long total = 0;
        for (int s = 0; s < muls.size(); s++) {
            offsets[s] = (int) total;
            total += (long) muls.get(s) * irreps.get(s).dim();
            if (total > Integer.MAX_VALUE - 8) {
                throw new IllegalArgumentException("irreps of dimension " + total + " exceed the array limit");
            }
        }
        dim = (int) total;
    }

    /**
     * Parses {@code "MULx(k,n)+…"}.
     *
     * @param text e.g. {@code "4x(0,0)+2x(1,1)"}
     * @return the irreps
     * @throws IllegalArgumentException naming the bad term, a multiplicity below 1, or an empty text
     */
    public static LorentzIrreps parse(String text) {
        List<Integer> muls = new ArrayList<>();
        List<LorentzIrrep> irreps = new ArrayList<>();
        for (String term : text.split("\\+")) {
            Matcher m = TERM.matcher(term);
            if (!m.matches()) {
                throw new IllegalArgumentException("bad Lorentz irreps term '" + term + "' in '" + text
                        + "'; expected MULx(k,n)");
            }
            int mul = Integer.parseInt(m.group(1));
            if (mul < 1) throw new IllegalArgumentException("multiplicity " + mul + " in '" + text + "' must be >= 1");
            muls.add(mul);
            irreps.add(LorentzIrrep.of(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))));
        }
        return new LorentzIrreps(muls, irreps);
    }

    /**
     * The number of segments.
     *
     * @return the segment count
     */
    public int size() {
        return muls.size();
    }

    /**
     * Multiplicity of segment s.
     *
     * @param s the segment, 0 ≤ s &lt; {@link #size()}
     * @return its multiplicity, ≥ 1
     */
    public int mul(int s) {
        return muls.get(s);
    }

    /**
     * Irrep of segment s.
     *
     * @param s the segment, 0 ≤ s &lt; {@link #size()}
     * @return its irrep
     */
    public LorentzIrrep irrep(int s) {
        return irreps.get(s);
    }

    /**
     * Offset of segment s within a sample.
     *
     * @param s the segment, 0 ≤ s &lt; {@link #size()}
     * @return its offset in complex entries
     */
    public int offset(int s) {
        return offsets[s];
    }

    /**
     * Complex entries per sample: Σ mul·dim.
     *
     * @return the dimension
     */
    public int dim() {
        return dim;
    }

    /**
     * The first segment holding {@code irrep}, or -1.
     *
     * @param irrep the irrep
     * @return the segment index, or −1
     */
    public int indexOf(LorentzIrrep irrep) {
        return irreps.indexOf(irrep);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LorentzIrreps && ((LorentzIrreps) o).muls.equals(muls)
                && ((LorentzIrreps) o).irreps.equals(irreps);
    }

    @Override
    public int hashCode() {
        return 31 * muls.hashCode() + irreps.hashCode();
    }

    /** {@code MULx(k,n)+…}, parseable. */
    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        for (int s = 0; s < muls.size(); s++) {
            if (s > 0) b.append('+');
            b.append(muls.get(s)).append('x').append(irreps.get(s));
        }
        return b.toString();
    }
}
