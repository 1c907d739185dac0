package org.equikern.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.model.PairPotential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cutting a batch evaluation into per-structure predictions, and finding a checkpoint's weights. */
class StructurePredictionTest {
    /** Three structures of 2, 3 and 1 atoms. */
    private static final List<Structure> STRUCTURES = List.of(
            PairDatasets.generate(1, 2, 1).get(0), PairDatasets.generate(1, 3, 2).get(0),
            PairDatasets.generate(1, 1, 3).get(0));

    /** An evaluation whose values name their place: energy s+1, force component 10·i, atom energy 100·a. */
    private static PotentialEvaluation numbered() {
        return new PotentialEvaluation() {
            @Override
            public double[] energies() {
                return new double[] {1, 2, 3};
            }

            @Override
            public double[] atomEnergies() {
                return new double[] {0, 100, 200, 300, 400, 500};
            }

            @Override
            public double[] forces() {
                double[] f = new double[18];
                for (int i = 0; i < f.length; i++) {
                    f[i] = 10 * i;
                }
                return f;
            }

            @Override
            public void backward(double[] gradEnergies, double[] gradForces) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void splitCutsEachStructuresSliceOutOfTheBatch() {
        AtomicBatch batch = AtomicBatch.of(STRUCTURES, PairDatasets.CUTOFF);
        List<StructurePrediction> p = StructurePrediction.split(batch, numbered(), true);
        assertEquals(3, p.size());
        assertSame(batch.structures().get(1), p.get(1).structure());
        assertEquals(2, p.get(1).energy());
        assertArrayEquals(new double[] {60, 70, 80, 90, 100, 110, 120, 130, 140}, p.get(1).forces());
        assertArrayEquals(new double[] {200, 300, 400}, p.get(1).atomEnergies());
        assertArrayEquals(new double[] {150, 160, 170}, p.get(2).forces());
        assertArrayEquals(new double[] {500}, p.get(2).atomEnergies());
        assertNull(StructurePrediction.split(batch, numbered(), false).get(0).atomEnergies());
    }

    @Test
    void batchedPredictionsEqualEachStructureEvaluatedAlone() {
        PairPotential teacher = PairDatasets.teacher();
        AtomicBatch batch = AtomicBatch.of(STRUCTURES, PairDatasets.CUTOFF);
        List<StructurePrediction> batched = StructurePrediction.split(batch, teacher.evaluate(batch), false);
        for (int s = 0; s < STRUCTURES.size(); s++) {
            PotentialEvaluation alone = teacher.evaluate(AtomicBatch.of(List.of(STRUCTURES.get(s)), PairDatasets.CUTOFF));
            assertEquals(alone.energies()[0], batched.get(s).energy(), 1e-12 * Math.abs(alone.energies()[0]));
            assertArrayEquals(alone.forces(), batched.get(s).forces(), 1e-12);
            Structure labelled = batched.get(s).labelled();
            assertEquals(batched.get(s).energy(), labelled.energy());
            assertArrayEquals(STRUCTURES.get(s).positions(), labelled.positions());
        }
        assertThrows(UnsupportedOperationException.class, () -> StructurePrediction.split(batch, teacher.evaluate(batch), true));
    }

    @Test
    void modelDirectoryIsTheCheckpointItselfOrItsBest(@TempDir Path dir) throws IOException {
        Files.createDirectories(dir.resolve("run/best"));
        Files.writeString(dir.resolve("run/best").resolve(Checkpoint.WEIGHTS), "");
        assertEquals(dir.resolve("run/best"), Checkpoint.modelDirectory(dir.resolve("run")));
        assertEquals(dir.resolve("run/best"), Checkpoint.modelDirectory(dir.resolve("run/best")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Checkpoint.modelDirectory(dir));
        assertEquals("checkpoint " + dir + ": holds neither model.safetensors nor best/model.safetensors", e.getMessage());
    }
}
