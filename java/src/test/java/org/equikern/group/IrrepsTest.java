package org.equikern.group;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrrepsTest {
    private static String parseError(String text) {
        return assertThrows(IllegalArgumentException.class, () -> Irreps.parse(text)).getMessage();
    }

    @Test
    void parseErrorsNameTheStringAndPosition() {
        assertEquals("invalid irreps \"3x\" at position 2: missing irrep after 'x'", parseError("3x"));
        assertEquals("invalid irreps \"1q\" at position 1: parity must be 'e', 'o' or 'y', found 'q'",
                parseError("1q"));
        assertEquals("invalid irreps \"-1e\" at position 0: degree l must be a non-negative integer, found '-1'",
                parseError("-1e"));
        assertEquals("invalid irreps \"2x1e+\" at position 5: empty block (nothing between '+' signs or at an end)",
                parseError("2x1e+"));
        assertEquals("invalid irreps \"1e++2o\" at position 3: empty block (nothing between '+' signs or at an end)",
                parseError("1e++2o"));
        assertEquals("invalid irreps \"x1e\" at position 0: missing multiplicity before 'x'", parseError("x1e"));
        assertEquals("invalid irreps \"2xo\" at position 2: expected an irrep like '1o', found 'o'",
                parseError("2xo"));
    }

    @Test
    void parsesE3nnGrammar() {
        Irreps irreps = Irreps.parse(" 2x1e + 3x0o+2y+0x3e");
        assertEquals(List.of(new MulIrrep(2, Irrep.of(1, Parity.EVEN)), new MulIrrep(3, Irrep.of(0, Parity.ODD)),
                new MulIrrep(1, Irrep.of(2, Parity.EVEN)), new MulIrrep(0, Irrep.of(3, Parity.EVEN))),
                irreps.blocks());
        assertEquals(Irrep.of(3, Parity.ODD), Irrep.parse("3y"));
        assertEquals(0, Irreps.parse("").size());
        assertEquals(0, Irreps.parse("").dim());
    }

    @Test
    void dimOffsetsAndCounts() {
        Irreps irreps = Irreps.parse("4x0e+3x1o+2x2e");
        assertEquals(3, irreps.size());
        assertEquals(4 + 9 + 10, irreps.dim());
        assertEquals(0, irreps.offset(0));
        assertEquals(4, irreps.offset(1));
        assertEquals(13, irreps.offset(2));
        assertEquals(23, irreps.offset(3));
        assertEquals(9, irreps.numIrreps());
        assertEquals(2, irreps.lmax());
        assertEquals(-1, Irreps.parse("").lmax());
        assertEquals(10, irreps.get(2).dim());
    }

    @Test
    void toStringRoundTrips() {
        for (String text : new String[] {"1e", "32x0e+16x1o+8x2e", "0x1o+1x1o+3x1o", "2x3e+1x0o+2x3e", ""}) {
            Irreps irreps = Irreps.parse(text);
            assertEquals(irreps, Irreps.parse(irreps.toString()), text);
        }
        assertEquals("1x1e+2x0o", Irreps.parse("1e+2x0o").toString());
        assertEquals("1x1o", Irreps.parse("1y").toString());
    }

    @Test
    void simplifyMergesNeighboursAndDropsEmptyBlocks() {
        assertEquals("3x1e+1x0e+2x1e", Irreps.parse("1e+2x1e+0e+0x2o+2x1e").simplify().toString());
        assertEquals("5x0e", Irreps.parse("2x0e+0x1o+3x0e").simplify().toString());
        assertEquals("", Irreps.parse("0x0e").simplify().toString());
    }

    @Test
    void sortIsStableWithE3nnPermutation() {
        Irreps.Sorted sorted = Irreps.parse("1e+0e+1o+2x0e").sort();
        assertEquals("1x0e+2x0e+1x1o+1x1e", sorted.irreps().toString());
        assertArrayEquals(new int[] {3, 0, 2, 1}, sorted.permutation());
        assertArrayEquals(new int[] {1, 3, 2, 0}, sorted.inverse());
        assertEquals("3x0e+1x1o+1x1e", sorted.irreps().simplify().toString());
    }

    @Test
    void sphericalHarmonicsIrreps() {
        assertEquals("1x0e+1x1o+1x2e+1x3o", Irreps.sphericalHarmonics(3).toString());
        assertEquals(16, Irreps.sphericalHarmonics(3).dim());
    }

    @Test
    void irrepProducts() {
        Irrep a = Irrep.parse("1o");
        Irrep b = Irrep.parse("2e");
        assertEquals(List.of(Irrep.parse("1o"), Irrep.parse("2o"), Irrep.parse("3o")), a.times(b));
        assertEquals(true, a.couplesTo(b, Irrep.parse("3o")));
        assertEquals(false, a.couplesTo(b, Irrep.parse("3e")));
        assertEquals(false, a.couplesTo(b, Irrep.parse("0o")));
    }
}
