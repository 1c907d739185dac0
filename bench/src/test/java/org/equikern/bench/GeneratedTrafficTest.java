package org.equikern.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.equikern.group.Irreps;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * The traffic model on a plan small enough to count the generated code's loads by hand:
 * 2x0e ⊗ 0e → 2x0e channel-wise (one uvu path, 2 pairs, per-sample weights [2, 1]).
 */
class GeneratedTrafficTest {
    private final GeneratedTraffic traffic = new GeneratedTraffic(Plan.of(TensorProductSpec.channelWise(
            Irreps.parse("2x0e"), Irreps.parse("0e"), Irreps.parse("2x0e"))));

    @Test
    void countsTheLoadsTheGeneratedKernelsIssue() {
        // x1 2 + x2 1 + weights 2 + out 2
        assertEquals(7, traffic.forwardMinimum());
        // each output channel: one pair loading a0, b0 and its weight; then 2 outputs written
        assertEquals(2 * 3 + 2, traffic.forwardIssued());
        // + grad_out 2 read, grad x1 2, grad x2 1, grad w 2 written
        assertEquals(7 + 2 + 2 + 1 + 2, traffic.trainingMinimum());
        // the forward, then grad_x1 (x2, weights, grad_out; writes 2), grad_x2 (x1, weights, grad_out;
        // writes 1), grad_w (x1, x2, grad_out; writes 2), each reading its rows once
        assertEquals(7 + 7 + 7 + 7, traffic.trainingUnique());
        // grad_x1: 2 items × (b0, f, g0); grad_x2: 1 item × 2 pairs × (a0, f, g0); grad_w: 2 × (a0, b0, g0);
        // writes 2 + 1 + 2
        assertEquals(8 + 6 + 6 + 6 + 5, traffic.trainingIssued());
    }

    @Test
    void convolutionsCountEdgeRowsAndNodeRows() {
        // per edge at degree 2: x[src] 2, attributes 1, weights 2, two indices, out row 2 / 2
        assertEquals(8, traffic.convolutionMinimum(2), 0);
        // + the CSR order index per edge and one offset per node
        assertEquals(9.5, traffic.convolutionGeneratedUnique(2), 0);
        // the forward's 6 loads, 2 indices for each of 2 channel items, (out row + offset) per node
        assertEquals(6 + 4 + 1.5, traffic.convolutionGeneratedIssued(2), 0);
    }

    @Test
    void theFusedBackwardReadsEachEdgeRowOnce() {
        // per edge at degree 2: grad_out[dst] 2, attributes 1 + their gradient 1, weights 2 + their
        // gradient 2, two indices, x row and its gradient (2 + 2) / 2
        assertEquals(2 + 2 + 4 + 2 + 2, traffic.convolutionBackwardMinimum(2), 0);
        assertEquals(8 + 12, traffic.convolutionTrainingMinimum(2), 0);
        // the forward 9.5, the backward minimum 12, its CSR order index and the offset per node 1.5
        assertEquals(9.5 + 12 + 1.5, traffic.convolutionTrainingFused(2), 0);
        // grad_x: 1 + 2 + 2 + 2 + (2 + 1) / 2; grad_attrs: 2 + 2 + 2 + 2 + 1; grad_w: 2 + 1 + 2 + 2 + 2
        assertEquals(9.5 + 8.5 + 9 + 9, traffic.convolutionTrainingThreeKernels(2), 0);
    }
}
