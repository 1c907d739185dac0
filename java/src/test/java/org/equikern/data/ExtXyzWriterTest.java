package org.equikern.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.equikern.testing.JsonObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer: what it writes reads back exactly, by this reader and by ASE. */
class ExtXyzWriterTest {
    private static final ExtXyz ALL = ExtXyz.DEFAULT.keepingAllArrays();

    private static String write(ExtXyz format, List<Structure> frames) {
        StringWriter out = new StringWriter();
        try (ExtXyzWriter w = format.writer(out)) {
            frames.forEach(w::write);
        }
        return out.toString();
    }

    private static List<Structure> read(ExtXyz format, String text) {
        List<Structure> frames = new java.util.ArrayList<>();
        try (ExtXyzReader r = format.open(new StringReader(text), "written.xyz")) {
            r.forEachRemaining(frames::add);
        }
        return frames;
    }

    private static void assertSameStructure(Structure a, Structure b) {
        assertArrayEquals(a.symbols(), b.symbols());
        assertArrayEquals(a.positions(), b.positions(), 0.0);
        assertArrayEquals(a.cell(), b.cell(), 0.0);
        assertArrayEquals(a.pbc(), b.pbc());
        assertEquals(a.hasEnergy(), b.hasEnergy());
        if (a.hasEnergy()) {
            assertEquals(a.energy(), b.energy(), 0.0);
        }
        assertArrayEquals(a.forces(), b.forces(), 0.0);
        assertEquals(a.arrays(), b.arrays());
        assertEquals(a.info(), b.info());
    }

    @Test
    void aseFilesRoundTripThroughTheWriter() {
        for (String name : new String[] {"cu_al_emt", "mixed"}) {
            List<Structure> frames = ALL.readAll(TestFiles.path(name + ".extxyz"));
            List<Structure> back = read(ALL, write(ALL, frames));
            assertEquals(frames.size(), back.size());
            for (int f = 0; f < frames.size(); f++) {
                assertSameStructure(frames.get(f), back.get(f));
            }
        }
        ExtXyz mace = ExtXyz.DEFAULT.withEnergyKey("REF_energy").withForcesKey("REF_forces");
        String text = write(mace, mace.readAll(TestFiles.path("mace_ref.extxyz")));
        assertTrue(text.contains(":REF_forces:R:3 ") && text.contains(" REF_energy="), text);
    }

    @Test
    void doublesRoundTripBitForBit() {
        Random rnd = new Random(5);
        double[] pos = new double[3 * 6];
        for (int i = 0; i < pos.length; i++) {
            pos[i] = rnd.nextGaussian() * Math.pow(10, rnd.nextInt(40) - 20);
        }
        pos[0] = Double.MIN_VALUE;
        pos[1] = -Double.MAX_VALUE;
        pos[2] = 1.0 / 3;
        double[] forces = pos.clone();
        String[] symbols = {"H", "C", "Og", "Cu", "Al", "O"};
        Structure s = Structure.builder(symbols, pos).periodicCell(new double[] {1.0 / 7, 0, 0, 0.1, 3, 0, 0, 0, 2})
                .energy(-Math.PI * 1e-7).forces(forces)
                .array("charge", AtomArray.of(1, new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}))
                .array("fixed", AtomArray.of(1, new boolean[] {true, false, true, false, true, false}))
                .array("label", AtomArray.of(1, new String[] {"a", "b", "c", "d", "e", "f"}))
                .array("index", AtomArray.of(2, new long[] {1, -2, 3, 4, 5, 6, 7, 8, 9, 10, 11, Long.MIN_VALUE}))
                .info("note", InfoValue.of("quoted \"text\" with \\ and = signs"))
                .info("tiny", InfoValue.of(4.9e-324)).info("n", InfoValue.of(-3L))
                .info("mask", InfoValue.ofArray(new boolean[] {true, false}))
                .info("v", InfoValue.ofArray(new double[] {1e300, -0.5})).build();
        assertSameStructure(s, read(ALL, write(ALL, List.of(s))).get(0));
    }

    @Test
    void writesTheCommentLineAsAseDoes() {
        Structure s = Structure.builder(new String[] {"Cu"}, new double[] {0, 0.5, 1})
                .periodicCell(new double[] {3.6, 0, 0, 0, 3.6, 0, 0, 0, 3.6}).energy(-3.5)
                .forces(new double[] {0.25, 0, -1}).info("config_type", InfoValue.of("bulk")).build();
        assertEquals("1\nLattice=\"3.6 0.0 0.0 0.0 3.6 0.0 0.0 0.0 3.6\" Properties=species:S:1:pos:R:3:forces:R:3 "
                + "config_type=bulk energy=-3.5 pbc=\"T T T\"\nCu 0.0 0.5 1.0 0.25 0.0 -1.0\n",
                write(ExtXyz.DEFAULT, List.of(s)));
    }

    @Test
    void refusesWhatWouldNotReadBack() {
        Structure.Builder b = Structure.builder(new String[] {"H"}, new double[3]);
        Structure clash = b.info("energy", InfoValue.of(1.0)).build();
        assertThrows(IllegalArgumentException.class, () -> write(ExtXyz.DEFAULT, List.of(clash)));
        Structure empty = Structure.builder(new String[] {"H"}, new double[3]).info("e", InfoValue.of("")).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> write(ExtXyz.DEFAULT, List.of(empty)));
        assertTrue(e.getMessage().contains("'e' is an empty string"), e.getMessage());
        Structure spaced = Structure.builder(new String[] {"H"}, new double[3])
                .array("label", AtomArray.of(1, new String[] {"two words"})).build();
        e = assertThrows(IllegalArgumentException.class, () -> write(ExtXyz.DEFAULT, List.of(spaced)));
        assertTrue(e.getMessage().contains("'label' value 0 ('two words')"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Structure.builder(new String[] {"H"}, new double[3])
                .info("bad key", InfoValue.of(1L)));
        assertTrue(e.getMessage().contains("'bad key' contains ' '"), e.getMessage());
    }

    /** ASE (Debian's python3-ase, which .ci/run installs) reads what this writer wrote as this reader does. */
    @Test
    void aseReadsWhatTheWriterWrote(@TempDir Path dir) throws Exception {
        String python = pythonWithAse();
        assertTrue(python != null, "needs python3 with ase (Debian: apt-get install python3-ase; .ci/run installs it)");
        List<Structure> frames = new java.util.ArrayList<>(ExtXyz.DEFAULT.readAll(TestFiles.path("cu_al_emt.extxyz")));
        frames.addAll(ExtXyz.DEFAULT.readAll(TestFiles.path("mixed.extxyz")));
        Path file = dir.resolve("java.extxyz");
        ExtXyz.DEFAULT.writeAll(file, frames);
        Path script = dir.resolve("read.py");
        Files.writeString(script, String.join("\n",
                "import json, sys",
                "import numpy as np",
                "from ase.io import read",
                "def plain(v):",
                "    return v.tolist() if isinstance(v, (np.ndarray, np.generic)) else v",
                "out = []",
                "for a in read(sys.argv[1], index=':', format='extxyz'):",
                "    d = {'symbols': a.get_chemical_symbols(), 'numbers': a.numbers.tolist(),",
                "         'positions': a.positions.ravel().tolist(), 'pbc': a.pbc.tolist(),",
                "         'info': {k: plain(v) for k, v in a.info.items()}}",
                "    if a.cell.rank == 3: d['cell'] = a.cell.array.ravel().tolist()",
                "    if a.calc is not None and 'energy' in a.calc.results: d['energy'] = float(a.calc.results['energy'])",
                "    if a.calc is not None and 'forces' in a.calc.results:",
                "        d['forces'] = a.calc.results['forces'].ravel().tolist()",
                "    out.append(d)",
                "print(json.dumps({'frames': out}))", ""));
        Process p = new ProcessBuilder(python, script.toString(), file.toString()).redirectErrorStream(false).start();
        String json = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        List<JsonObject> ase = JsonObject.parse(json, "ase").objects("frames");
        assertEquals(frames.size(), ase.size());
        for (int f = 0; f < frames.size(); f++) {
            AseFrames.assertSame(ase.get(f), frames.get(f), "frame " + f);
        }
    }

    private static String pythonWithAse() throws InterruptedException {
        for (String candidate : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import ase").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next candidate
            }
        }
        return null;
    }
}
