package org.equikern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.equikern.testing.JsonObject;
import org.junit.jupiter.api.Test;

/** The reader against the values ASE read from the files it wrote, and against malformed input. */
class ExtXyzReaderTest {
    private static List<Structure> read(ExtXyz format, String text) {
        List<Structure> frames = new ArrayList<>();
        try (ExtXyzReader r = format.open(new StringReader(text), "test.xyz")) {
            r.forEachRemaining(frames::add);
        }
        return frames;
    }

    @Test
    void readsWhatAseWroteAsAseReadsIt() {
        for (String name : new String[] {"cu_al_emt", "mixed"}) {
            List<Structure> frames = ExtXyz.DEFAULT.readAll(TestFiles.path(name + ".extxyz"));
            List<JsonObject> ase = TestFiles.json(name + ".ase.txt").objects("frames");
            assertEquals(ase.size(), frames.size());
            for (int f = 0; f < frames.size(); f++) {
                AseFrames.assertSame(ase.get(f), frames.get(f), name + " frame " + f);
            }
        }
    }

    @Test
    void keepsPerFrameValuesTypedAsAseTypesThem() {
        Structure mol = ExtXyz.DEFAULT.readAll(TestFiles.path("mixed.extxyz")).get(0);
        Map<String, InfoValue> info = mol.info();
        assertEquals("ethanol \"gas\" phase", info.get("name").asString());
        assertTrue(info.get("is_training").asBoolean());
        assertEquals(42L, info.get("step").asLong());
        assertEquals(300.5, info.get("temperature").asDouble());
        assertArrayEquals(new long[] {1, 2, 3}, info.get("weights").longs());
        assertArrayEquals(new double[] {0.1, -0.25, 3.0e-5}, info.get("dipole").doubles());
        assertEquals("plain", info.get("tag").asString());
        assertEquals(ValueType.REAL, info.get("free_energy").type());
        assertFalse(info.containsKey("energy"), "the energy key is read into energy(), not info");
        assertNull(mol.cell());
        assertFalse(mol.isPeriodic());
        Structure slab = ExtXyz.DEFAULT.readAll(TestFiles.path("mixed.extxyz")).get(2);
        assertArrayEquals(new boolean[] {true, true, false}, slab.pbc());
    }

    @Test
    void extraPerAtomColumnsAreDroppedUnlessAskedFor() {
        Structure md = ExtXyz.DEFAULT.readAll(TestFiles.path("mixed.extxyz")).get(1);
        assertTrue(md.arrays().isEmpty(), md.arrays().keySet().toString());
        JsonObject ase = TestFiles.json("mixed.ase.txt").objects("frames").get(1);
        Structure kept = ExtXyz.DEFAULT.keepingArrays("momenta").readAll(TestFiles.path("mixed.extxyz")).get(1);
        assertEquals(List.of("momenta"), new ArrayList<>(kept.arrays().keySet()));
        assertEquals(3, kept.arrays().get("momenta").columns());
        assertArrayEquals(ase.object("arrays").doubles("momenta"), kept.arrays().get("momenta").reals(), 0.0);
        Structure slab = ExtXyz.DEFAULT.keepingAllArrays().readAll(TestFiles.path("mixed.extxyz")).get(2);
        assertEquals(List.of("tags", "energies"), new ArrayList<>(slab.arrays().keySet()));
        assertEquals(ValueType.INTEGER, slab.arrays().get("tags").type());
        assertArrayEquals(TestFiles.json("mixed.ase.txt").objects("frames").get(2).object("arrays").ints("tags"),
                java.util.Arrays.stream(slab.arrays().get("tags").integers()).mapToInt(x -> (int) x).toArray());
    }

    @Test
    void callerChoosesTheEnergyAndForcesKeys() {
        List<JsonObject> emt = TestFiles.json("cu_al_emt.ase.txt").objects("frames");
        ExtXyz mace = ExtXyz.DEFAULT.withEnergyKey("REF_energy").withForcesKey("REF_forces");
        List<Structure> frames = mace.readAll(TestFiles.path("mace_ref.extxyz"));
        assertEquals(2, frames.size());
        for (int f = 0; f < 2; f++) {
            assertEquals(emt.get(f).number("energy"), frames.get(f).energy(), 0.0);
            assertArrayEquals(emt.get(f).doubles("forces"), frames.get(f).forces(), 0.0);
        }
        Structure plain = ExtXyz.DEFAULT.readAll(TestFiles.path("mace_ref.extxyz")).get(0);
        assertFalse(plain.hasEnergy());
        assertNull(plain.forces());
        assertEquals(emt.get(0).number("energy"), plain.info().get("REF_energy").asDouble(), 0.0);
    }

    @Test
    void streamsFramesLazily() {
        try (Stream<Structure> frames = ExtXyz.DEFAULT.stream(TestFiles.path("cu_al_emt.extxyz"))) {
            assertEquals(List.of(8, 8, 8), frames.map(Structure::atoms).collect(Collectors.toList()));
        }
        // the second frame is malformed, yet the first is delivered before that is found out
        String text = "1\n\nH 0 0 0\n1\n\nH 0 0\n";
        try (ExtXyzReader r = ExtXyz.DEFAULT.open(new StringReader(text), "test.xyz")) {
            assertEquals(1, r.next().atoms());
            assertTrue(r.hasNext());
            assertThrows(ExtXyzFormatException.class, r::next);
        }
    }

    @Test
    void commentLinesFollowAsesQuotingAndTyping() {
        String comment = "Lattice=\"2 0 0 0 2 0 0 0 2\" Properties=species:S:1:pos:R:3:force:R:3 "
                + "s='single quoted' b={1 2 3} c=[1.5,2.5] e=\"a \\\"q\\\" \\\\ b\" flag yes=True t=T "
                + "spaced = 7 eq=a=b x=1e3 n=nan big=99999999999999999999 pbc=\"T F T\" energy=-1.25";
        Structure s = read(ExtXyz.DEFAULT.withForcesKey("force"), "1\n" + comment + "\nh 0.5 0 0 1 2 3\n").get(0);
        Map<String, InfoValue> info = s.info();
        assertEquals("single quoted", info.get("s").asString());
        assertArrayEquals(new long[] {1, 2, 3}, info.get("b").longs());
        assertArrayEquals(new double[] {1.5, 2.5}, info.get("c").doubles());
        assertEquals("a \"q\" \\ b", info.get("e").asString());
        assertTrue(info.get("flag").asBoolean());
        assertTrue(info.get("yes").asBoolean());
        assertTrue(info.get("t").asBoolean());
        assertEquals(7L, info.get("spaced").asLong());
        assertEquals("a=b", info.get("eq").asString());
        assertEquals(1000.0, info.get("x").asDouble());
        assertTrue(Double.isNaN(info.get("n").asDouble()));
        assertEquals(1e20, info.get("big").asDouble());   // too big for a long: a real, as in ASE
        assertArrayEquals(new boolean[] {true, false, true}, s.pbc());
        assertEquals(-1.25, s.energy());
        assertArrayEquals(new String[] {"H"}, s.symbols());
        assertArrayEquals(new double[] {1, 2, 3}, s.forces());
        assertArrayEquals(new double[] {2, 0, 0, 0, 2, 0, 0, 0, 2}, s.cell());
    }

    @Test
    void plainXyzAndAtomicNumbersWork() {
        Structure plain = read(ExtXyz.DEFAULT, "2\nwater fragment\nO 0 0 0\nH 0 0 0.96\n").get(0);
        assertArrayEquals(new int[] {8, 1}, plain.numbers());
        assertEquals(Map.of("water", InfoValue.of(true), "fragment", InfoValue.of(true)), plain.info());
        Structure z = read(ExtXyz.DEFAULT, "1\nProperties=Z:I:1:pos:R:3\n29 1 2 3\n").get(0);
        assertArrayEquals(new String[] {"Cu"}, z.symbols());
        assertEquals(0, read(ExtXyz.DEFAULT, "\n\n").size());
        assertEquals(0, read(ExtXyz.DEFAULT, "0\n\n").get(0).atoms());
    }

    @Test
    void malformedInputNamesFileLineAndField() {
        String props = "Properties=species:S:1:pos:R:3:forces:R:3";
        assertError("test.xyz:4: Properties says 7 columns, line has 6",
                "2\n" + props + "\nH 0 0 0 1 1 1\nH 0 0 1 1 1\n");
        assertError("test.xyz:3: column 6 (forces:R:3): 'x' is not a real", "1\n" + props + "\nH 0 0 0 1 x 1\n");
        assertError("test.xyz:1: expected the number of atoms of a frame, got 'two'", "two\n\nH 0 0 0\n");
        assertError("test.xyz:6: file ends after 1 of the 3 atom lines of the frame that starts at line 4",
                "1\n\nH 0 0 0\n3\n\nH 0 0 0\n");
        assertError("test.xyz:2: Lattice=\"1 0 0 0 1 0\" must be 9 numbers", "1\nLattice=\"1 0 0 0 1 0\"\nH 0 0 0\n");
        assertError("test.xyz:2: pbc=\"T X T\" must be three of T/F",
                "1\nLattice=\"1 0 0 0 1 0 0 0 1\" pbc=\"T X T\"\nH 0 0 0\n");
        assertError("test.xyz:2: Properties=species:S:1:pos:R has 5 ':'-separated fields",
                "1\nProperties=species:S:1:pos:R\nH 0 0 0\n");
        assertError("test.xyz:2: Properties=species:S:1:pos:Q:3: 'pos' has type 'Q'",
                "1\nProperties=species:S:1:pos:Q:3\nH 0 0 0\n");
        assertError("test.xyz:2: Properties column pos:R:2 must be pos:R:3", "1\nProperties=species:S:1:pos:R:2\nH 0 0\n");
        assertError("test.xyz:2: Properties has no pos:R:3 column", "1\nProperties=species:S:1\nH\n");
        assertError("test.xyz:3: species 'Qq' names no element", "1\n\nQq 0 0 0\n");
        assertError("test.xyz:2: the value of 'a' opens with a quote", "1\na=\"open\nH 0 0 0\n");
        assertError("test.xyz:2: energy=\"x\" must be a number", "1\nenergy=x\nH 0 0 0\n");
        assertError("test.xyz:2: Structure: periodic along lattice vector 0 but no cell", "1\npbc=\"T T T\"\nH 0 0 0\n");
        assertError("test.xyz:2: Structure: position component 2 (row 0, column 2) is Infinity", "1\n\nH 0 0 inf\n");
    }

    private static void assertError(String expected, String text) {
        ExtXyzFormatException e = assertThrows(ExtXyzFormatException.class, () -> read(ExtXyz.DEFAULT, text));
        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertEquals("test.xyz", e.source());
    }
}
