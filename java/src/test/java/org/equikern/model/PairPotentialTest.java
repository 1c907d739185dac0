package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.train.PairDatasets;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.api.Test;

class PairPotentialTest {
    private static final double H = 1e-5;

    private static PairPotential model() {
        return new PairPotential(new int[] {10, 18}, new double[] {-1.0, -2.5}, PairDatasets.CUTOFF, 5, 6, 0.7, 0.5, 3);
    }

    private static List<Structure> structures() {
        return PairDatasets.generate(2, 5, 11);
    }

    @Test
    void dimerEnergyIsShiftsPlusOnePairTerm() {
        PairPotential m = model();
        double r = 1.9;
        Structure dimer = Structure.builder(new String[] {"Ne", "Ar"}, new double[] {0, 0, 0, r, 0, 0}).build();
        double[] w = m.parameters().get(PairPotential.WEIGHTS).values();
        int row = m.pairIndex(0, 1);
        double rc = PairDatasets.CUTOFF;
        double x = r / rc;
        double envelope = 1 - 28 * Math.pow(x, 6) + 48 * Math.pow(x, 7) - 21 * Math.pow(x, 8);
        double phi = 0;
        for (int k = 1; k <= 5; k++) {
            phi += w[row * 5 + k - 1] * (2 / rc) * Math.sin(k * Math.PI * r / rc) / r * envelope;
        }
        double energy = m.evaluate(AtomicBatch.of(List.of(dimer), rc)).energies()[0];
        assertEquals(-1.0 - 2.5 + 0.7 * phi, energy, 1e-13);
    }

    @Test
    void pairRowsCoverEveryUnorderedPairOnce() {
        PairPotential m = new PairPotential(new int[] {1, 6, 8}, new double[3], 3, 2, 6, 1, 1, 0);
        assertEquals(0, m.pairIndex(0, 0));
        assertEquals(2, m.pairIndex(2, 0));
        assertEquals(3, m.pairIndex(1, 1));
        assertEquals(4, m.pairIndex(1, 2));
        assertEquals(5, m.pairIndex(2, 2));
        assertEquals(6, m.parameters().get(PairPotential.WEIGHTS).shape()[0]);
    }

    @Test
    void forcesAreCentralDifferencesOfTheEnergy() {
        PairPotential m = model();
        List<Structure> batch = structures();
        double[] forces = m.evaluate(AtomicBatch.of(batch, m.cutoff())).forces();
        int offset = 0;
        for (Structure s : batch) {
            for (int i = 0; i < 3 * s.atoms(); i++) {
                double numeric = -(energy(m, moved(s, i, H)) - energy(m, moved(s, i, -H))) / (2 * H);
                assertEquals(numeric, forces[offset + i], 1e-7, "force component " + (offset + i));
            }
            offset += 3 * s.atoms();
        }
    }

    @Test
    void backwardIsCentralDifferencesOfTheSeededLoss() {
        PairPotential m = model();
        AtomicBatch batch = AtomicBatch.of(structures(), m.cutoff());
        Random random = new Random(5);
        double[] gE = random.doubles(batch.structureCount(), -1, 1).toArray();
        double[] gF = random.doubles(3L * batch.atomCount(), -1, 1).toArray();
        m.parameters().zeroGrad();
        m.evaluate(batch).backward(gE, gF);
        double[] w = m.parameters().get(PairPotential.WEIGHTS).values();
        double[] grad = m.parameters().get(PairPotential.WEIGHTS).grad().clone();
        for (int i = 0; i < w.length; i++) {
            double saved = w[i];
            w[i] = saved + H;
            double plus = seeded(m.evaluate(batch), gE, gF);
            w[i] = saved - H;
            double minus = seeded(m.evaluate(batch), gE, gF);
            w[i] = saved;
            assertEquals((plus - minus) / (2 * H), grad[i], 1e-8, "weight " + i);
        }
    }

    @Test
    void unknownSpeciesIsRejectedNamingTheAtom() {
        Structure h = Structure.builder(new String[] {"Ne", "H"}, new double[] {0, 0, 0, 1.5, 0, 0}).build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model().evaluate(AtomicBatch.of(List.of(h), 3)));
        assertEquals("PairPotential: atom 1 has atomic number 1, not among the model's species [10, 18]", e.getMessage());
    }

    private static double seeded(PotentialEvaluation e, double[] gE, double[] gF) {
        double sum = 0;
        for (int s = 0; s < gE.length; s++) {
            sum += gE[s] * e.energies()[s];
        }
        for (int i = 0; i < gF.length; i++) {
            sum += gF[i] * e.forces()[i];
        }
        return sum;
    }

    private static double energy(PairPotential m, Structure s) {
        return m.evaluate(AtomicBatch.of(List.of(s), m.cutoff())).energies()[0];
    }

    private static Structure moved(Structure s, int component, double h) {
        double[] p = s.positions();
        p[component] += h;
        return Structure.builder(s.symbols(), p).periodicCell(s.cell()).build();
    }
}
