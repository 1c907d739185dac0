package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.equikern.data.AtomicBatch;
import org.equikern.data.NeighbourList;
import org.equikern.data.Structure;
import org.equikern.train.Adam;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.api.Test;

/**
 * A tiny {@link NequipModel} learns energies and forces of a smooth analytic pair potential with Adam:
 * the energy+force loss falls at least tenfold in 30 full-batch steps.
 */
class NequipTrainingTest {
    private static final double CUTOFF = 3.0;

    @Test
    void adamReducesTheLossTenfold() {
        List<Structure> structures = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(17);
        for (int k = 0; k < 4; k++) {
            structures.add(labelled(randomStructure(random)));
        }
        AtomicBatch batch = AtomicBatch.of(structures, CUTOFF);
        NequipConfig config = NequipConfig.builder().rMax(CUTOFF).numLayers(2).lMax(1).numFeatures(8).numBasis(6)
                .invariantLayers(1).invariantNeurons(16)
                .avgNumNeighbors((double) batch.graph().edgeCount() / batch.atomCount())
                .chemicalSymbols(List.of("Si", "C")).build();
        NequipModel model = NequipModel.create(config, 2);
        Adam adam = new Adam(model.parameters(), Adam.Options.adam().learningRate(0.02));
        EnergyForceLoss lossFunction = EnergyForceLoss.mse(1, 1);
        double first = Double.NaN;
        double last = Double.NaN;
        for (int step = 0; step < 30; step++) {
            PotentialEvaluation ev = model.evaluate(batch);
            EnergyForceLoss.Result loss = lossFunction.evaluate(batch.atomsPerStructure(), ev.energies(),
                    batch.energies(), ev.forces(), batch.forces());
            if (step == 0) {
                first = loss.value();
            }
            last = loss.value();
            model.parameters().zeroGrad();
            ev.backward(loss.gradEnergy(), loss.gradForces());
            adam.step();
        }
        assertTrue(last < first / 10, "loss " + first + " -> " + last);
    }

    /** A cubic periodic cell with 4 atoms of two species, no two closer than 1.2. */
    private static Structure randomStructure(SplittableRandom random) {
        double side = 3.4;
        String[] symbols = {"Si", "C", "C", "Si"};
        double[] positions = new double[12];
        for (int a = 0; a < 4; a++) {
            boolean placed = false;
            while (!placed) {
                for (int c = 0; c < 3; c++) {
                    positions[3 * a + c] = random.nextDouble(side);
                }
                placed = true;
                for (int b = 0; b < a; b++) {
                    placed &= minimumImageDistance(positions, a, b, side) > 1.2;
                }
            }
        }
        return Structure.builder(symbols, positions).periodicCell(new double[] {side, 0, 0, 0, side, 0, 0, 0, side})
                .build();
    }

    private static double minimumImageDistance(double[] p, int a, int b, double side) {
        double sum = 0;
        for (int c = 0; c < 3; c++) {
            double d = p[3 * a + c] - p[3 * b + c];
            d -= side * Math.rint(d / side);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }

    /**
     * The structure with the energy {@code ½ Σ_edges φ(r)} and forces of the pair potential
     * {@code φ(r) = (rc − r)³ (1.8 − r)}, summed over the directed edges within the cutoff.
     */
    private static Structure labelled(Structure s) {
        NeighbourList edges = NeighbourList.of(s, CUTOFF);
        double[] vectors = edges.vectors();
        int[] senders = edges.senders();
        int[] receivers = edges.receivers();
        double energy = 0;
        double[] forces = new double[3 * s.atoms()];
        for (int e = 0; e < edges.edgeCount(); e++) {
            double r = edges.distances()[e];
            double u = CUTOFF - r;
            energy += 0.5 * u * u * u * (1.8 - r);
            double dPhi = -3 * u * u * (1.8 - r) - u * u * u;
            for (int c = 0; c < 3; c++) {
                double g = 0.5 * dPhi * vectors[3 * e + c] / r; // ∂(½φ)/∂pos[receiver]
                forces[3 * receivers[e] + c] -= g;
                forces[3 * senders[e] + c] += g;
            }
        }
        return s.toBuilder().energy(energy).forces(forces).build();
    }
}
