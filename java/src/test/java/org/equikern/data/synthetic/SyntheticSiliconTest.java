package org.equikern.data.synthetic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.equikern.data.Structure;
import org.equikern.testing.PythonWithAse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator's frames: labelled by the potential, distorted as asked, reproducible, readable by ASE. */
class SyntheticSiliconTest {
    private static final SyntheticSilicon.Settings SMALL =
            SyntheticSilicon.Settings.DEFAULT.withTemperatures(300, 1200).withSteps(20, 10, 2);

    @Test
    void framesCarryThePotentialsLabelsAndTheirSettings() {
        List<Structure> frames = SyntheticSilicon.generate(SMALL, 5, 11);
        assertEquals(5, frames.size());
        for (int f = 0; f < frames.size(); f++) {
            Structure s = frames.get(f);
            int trajectory = f / 2;
            assertEquals(trajectory, s.info().get("trajectory").asDouble());
            assertEquals(trajectory % 2 == 0 ? 300 : 1200, s.info().get("temperature").asDouble());
            int vacancies = (int) s.info().get("vacancies").asDouble();
            assertTrue(vacancies >= 0 && vacancies <= SMALL.maxVacancies());
            assertEquals(64 - vacancies, s.atoms());
            double[] cell = s.cell();
            for (int a = 0; a < 9; a++) {
                double perfect = a % 4 == 0 ? 2 * DiamondLattice.SILICON_LATTICE_CONSTANT : 0;
                assertEquals(perfect, cell[a], 2 * SMALL.maxStrain() * 2 * DiamondLattice.SILICON_LATTICE_CONSTANT);
            }
            SwResult label = StillingerWeber.evaluate(new PeriodicCell(cell, s.positions()));
            assertEquals(label.energy(), s.energy(), 0.0);
            assertArrayEquals(label.forces(), s.forces(), 0.0);
            assertArrayEquals(label.atomEnergies(), s.arrays().get(SyntheticSilicon.TRUE_ENERGIES).reals(), 0.0);
        }
        assertNotEquals(frames.get(0).energy(), frames.get(1).energy());
    }

    @Test
    void theSameSeedGivesTheSameFramesAndAnotherSeedOthers() {
        List<Structure> a = SyntheticSilicon.generate(SMALL, 3, 21);
        List<Structure> b = SyntheticSilicon.generate(SMALL, 3, 21);
        List<Structure> c = SyntheticSilicon.generate(SMALL, 3, 22);
        for (int f = 0; f < 3; f++) {
            assertArrayEquals(a.get(f).positions(), b.get(f).positions(), 0.0);
            assertEquals(a.get(f).energy(), b.get(f).energy(), 0.0);
        }
        assertNotEquals(a.get(0).energy(), c.get(0).energy());
    }

    @Test
    void aseReadsTheWrittenFrames(@TempDir Path dir) throws Exception {
        List<Structure> frames = SyntheticSilicon.generate(SMALL, 2, 5);
        Path file = dir.resolve("si.extxyz");
        SyntheticSilicon.write(file, frames);
        assertEquals(frames.get(1).energy(), SyntheticSilicon.format().readAll(file).get(1).energy(), 0.0);
        Path script = dir.resolve("read.py");
        Files.writeString(script, String.join("\n",
                "import sys",
                "from ase.io import read",
                "for a in read(sys.argv[1], index=':', format='extxyz'):",
                "    e = a.get_potential_energy()",
                "    t = a.arrays['true_energies']",
                "    f = a.get_forces()",
                "    print(len(a), repr(e), repr(float(t.sum())), repr(float(f[0][0])), repr(a.info['temperature']))",
                ""));
        Process p = new ProcessBuilder(PythonWithAse.interpreter(), script.toString(), file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        String[] lines = out.strip().split("\n");
        assertEquals(2, lines.length, out);
        for (int f = 0; f < 2; f++) {
            Structure s = frames.get(f);
            String[] v = lines[f].split(" ");
            assertEquals(s.atoms(), Integer.parseInt(v[0]));
            assertEquals(s.energy(), Double.parseDouble(v[1]), 0.0);
            assertEquals(s.energy(), Double.parseDouble(v[2]), 1e-9);
            assertEquals(s.forces()[0], Double.parseDouble(v[3]), 0.0);
            assertEquals(300, Double.parseDouble(v[4]), 0.0);
        }
    }

    @Test
    void badSettingsAreNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SMALL.withTemperatures(300, -5));
        assertTrue(e.getMessage().contains("-5.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SyntheticSilicon.Settings(2, new double[] {300}, 1.5,
                0, 1, 0.01, 0, 1, 1));
        assertTrue(e.getMessage().contains("maxStrain = 1.5"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SyntheticSilicon.generate(SMALL, 0, 1));
        assertTrue(e.getMessage().contains("frames = 0"), e.getMessage());
    }

    @Test
    void strainAndVacanciesChangeTheCellAsAsked() throws IOException {
        PeriodicCell diamond = PeriodicCell.of(new DiamondLattice(2, 5.431));
        PeriodicCell strained = diamond.strained(new double[] {0.01, 0.002, 0, 0.002, 0, 0, 0, 0, -0.01});
        assertArrayEquals(new double[] {10.862 * 1.01, 10.862 * 0.002, 0, 10.862 * 0.002, 10.862, 0, 0, 0,
            10.862 * 0.99}, strained.cell(), 1e-12);
        PeriodicCell holes = diamond.withVacancies(3, new java.util.Random(0));
        assertEquals(61, holes.atoms());
        assertThrows(IllegalArgumentException.class, () -> diamond.withVacancies(64, new java.util.Random(0)));
    }
}
