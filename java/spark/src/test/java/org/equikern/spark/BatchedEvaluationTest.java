package org.equikern.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Row;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.model.PairPotential;
import org.equikern.train.PairDatasets;
import org.equikern.train.PotentialEvaluation;
import org.junit.jupiter.api.Test;

/** One partition's evaluation without Spark: batching, error rows, and a batch the model rejects. */
class BatchedEvaluationTest {
    private static final PairPotential TEACHER = PairDatasets.teacher();

    private static List<Row> evaluate(List<Row> input, int batchSize) {
        List<Row> out = new ArrayList<>();
        new BatchedEvaluation(TEACHER, input.iterator(), batchSize, false).forEachRemaining(out::add);
        return out;
    }

    private static PotentialEvaluation alone(Structure s) {
        return TEACHER.evaluate(AtomicBatch.of(List.of(s), PairDatasets.CUTOFF));
    }

    @Test
    void anElementTheModelDoesNotKnowFailsOnlyItsStructure() {
        List<Structure> structures = PairDatasets.generate(5, 4, 9);
        String[] copper = new String[4];
        Arrays.fill(copper, "Cu");
        Structure cu = Structure.builder(copper, structures.get(2).positions())
                .periodicCell(structures.get(2).cell()).build();
        List<Row> input = new ArrayList<>();
        for (int s = 0; s < structures.size(); s++) {
            input.add(StructureSchema.readRow("s" + s, s == 2 ? cu : structures.get(s)));
        }
        input.add(StructureSchema.errorRow("unread", "s.xyz:9: bad line"));

        List<Row> out = evaluate(input, 3);
        assertEquals(6, out.size());
        for (Row r : out) {
            String id = r.getString(0);
            if (id.equals("s2")) {
                assertNull(r.get(1));
                assertTrue(r.getString(4).contains("not among the model's species"), r.getString(4));
            } else if (id.equals("unread")) {
                assertEquals("s.xyz:9: bad line", r.getString(4));
            } else {
                PotentialEvaluation reference = alone(structures.get(Integer.parseInt(id.substring(1))));
                assertNull(r.get(4));
                assertEquals(reference.energies()[0], r.getDouble(1), 1e-12 * Math.abs(reference.energies()[0]));
                assertArrayEquals(reference.forces(), SparkArrays.doubles("forces", r.getList(2)), 1e-12);
            }
        }
    }

    @Test
    void errorRowsCountTowardsABatchSoNoneIsBufferedPastIt() {
        List<Row> input = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            input.add(StructureSchema.errorRow("e" + i, "bad"));
        }
        input.add(StructureSchema.readRow("ok", PairDatasets.generate(1, 3, 4).get(0)));
        int[] taken = {0};
        Iterator<Row> counted = new Iterator<>() {
            private final Iterator<Row> rows = input.iterator();

            @Override
            public boolean hasNext() {
                return rows.hasNext();
            }

            @Override
            public Row next() {
                taken[0]++;
                return rows.next();
            }
        };
        BatchedEvaluation results = new BatchedEvaluation(TEACHER, counted, 4, false);
        assertEquals("e0", results.next().getString(0));
        assertEquals(4, taken[0]);
        List<String> ids = new ArrayList<>();
        results.forEachRemaining(r -> ids.add(r.getString(0)));
        assertEquals(List.of("e1", "e2", "e3", "e4", "e5", "e6", "e7", "e8", "e9", "ok"), ids);
    }
}
