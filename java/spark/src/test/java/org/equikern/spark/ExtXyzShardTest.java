package org.equikern.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.equikern.data.Structure;
import org.junit.jupiter.api.Test;

/** Frames of a shard as rows: ids, values, and how far reading goes past malformed input. */
class ExtXyzShardTest {
    private static final String H2 = "2\nProperties=species:S:1:pos:R:3 %s\nH 0 0 0\nH 0 0 0.74\n";
    private static final String CELL = "1\nLattice=\"3 0 0 0 4 0 0 0 5\" pbc=\"T F T\" Properties=species:S:1:pos:R:3\n"
            + "Cu 0.5 1.5 2.5\n";

    private static List<Row> rows(String text) {
        List<Row> out = new ArrayList<>();
        new ExtXyzShard("s.xyz", text).forEachRemaining(out::add);
        return out;
    }

    private static String error(Row row) {
        return row.getString(row.fieldIndex(StructureSchema.ERROR));
    }

    @Test
    void framesBecomeRowsWithTheirValuesAndIds() {
        List<Row> rows = rows(String.format(H2, "id=water-7") + "\n\n" + CELL + String.format(H2, "id=42"));
        assertEquals(List.of("water-7", "s.xyz#1", "42"), rows.stream().map(r -> r.getString(0)).toList());
        Structure cu = StructureSchema.toStructure(rows.get(1));
        assertArrayEquals(new String[] {"Cu"}, cu.symbols());
        assertArrayEquals(new double[] {0.5, 1.5, 2.5}, cu.positions());
        assertArrayEquals(new double[] {3, 0, 0, 0, 4, 0, 0, 0, 5}, cu.cell());
        assertArrayEquals(new boolean[] {true, false, true}, cu.pbc());
        assertNull(rows.get(0).get(rows.get(0).fieldIndex(StructureSchema.CELL)));
        rows.forEach(r -> assertNull(error(r)));
    }

    @Test
    void aMalformedFrameIsAnErrorRowNamingItsLineAndReadingGoesOn() {
        String bad = "2\nProperties=species:S:1:pos:R:3\nH 0 0 0\nXq 0 0 0.74\n";
        List<Row> rows = rows(CELL + bad + CELL);
        assertEquals(3, rows.size());
        assertEquals("s.xyz#1", rows.get(1).getString(0));
        assertEquals("s.xyz:7: ", error(rows.get(1)).substring(0, 9), error(rows.get(1)));
        assertNull(error(rows.get(2)));
        assertEquals("s.xyz#2", rows.get(2).getString(0));
    }

    @Test
    void aBadAtomCountOrACutShardEndsTheShardWithOneErrorRow() {
        List<Row> rows = rows(CELL + "two\nfoo\nH 0 0 0\n" + CELL);
        assertEquals(2, rows.size());
        assertEquals("s.xyz:4: expected the number of atoms of a frame, got 'two'; the rest of the shard is not read",
                error(rows.get(1)));

        rows = rows(CELL + "3\nProperties=species:S:1:pos:R:3\nH 0 0 0\n");
        assertEquals(2, rows.size());
        assertEquals("s.xyz:6: shard ends inside the frame that starts at line 4; the rest of the shard is not read",
                error(rows.get(1)));
    }
}
