package org.equikern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.equikern.testing.JsonObject;

/** Compares structures with what ASE held after reading a file (the generator's {@code as_read}). */
final class AseFrames {
    private AseFrames() {
    }

    /** Geometry, energy, forces exactly; {@code info} entries (all but those ASE files as results) by value. */
    static void assertSame(JsonObject ase, Structure s, String where) {
        assertEquals(ase.list("symbols"), List.of(s.symbols()), where);
        assertArrayEquals(ase.ints("numbers"), s.numbers(), where);
        assertArrayEquals(ase.doubles("positions"), s.positions(), 0.0, where);
        List<?> pbc = ase.list("pbc");
        assertArrayEquals(new boolean[] {(Boolean) pbc.get(0), (Boolean) pbc.get(1), (Boolean) pbc.get(2)}, s.pbc(),
                where);
        if (ase.has("cell")) {
            assertArrayEquals(ase.doubles("cell"), s.cell(), 0.0, where);
        } else {
            assertNull(s.cell(), where);
        }
        if (ase.has("energy")) {
            assertEquals(ase.number("energy"), s.energy(), 0.0, where);
        } else {
            assertFalse(s.hasEnergy(), where);
        }
        if (ase.has("forces")) {
            assertArrayEquals(ase.doubles("forces"), s.forces(), 0.0, where);
        }
        JsonObject info = ase.object("info");
        for (Map.Entry<String, InfoValue> e : s.info().entrySet()) {
            assertInfo(info, e.getKey(), e.getValue(), where);
        }
    }

    private static void assertInfo(JsonObject info, String key, InfoValue v, String where) {
        String at = where + " info " + key;
        switch (v.type()) {
            case STRING:
                assertEquals(info.string(key), v.asString(), at);
                break;
            case LOGICAL:
                assertEquals(info.bool(key), v.asBoolean(), at);
                break;
            default:
                if (v.isScalar()) {
                    assertEquals(info.number(key), v.asDouble(), 0.0, at);
                } else {
                    assertArrayEquals(info.doubles(key), v.doubles(), 0.0, at);
                }
        }
    }
}
