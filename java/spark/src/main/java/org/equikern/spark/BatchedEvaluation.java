package org.equikern.spark;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.spark.sql.Row;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.train.Predictor;
import org.equikern.train.StructurePrediction;

/**
 * The result rows of one partition, computed lazily: input rows are taken {@code batchSize} at a
 * time, and the valid structures among them are batched into one graph and evaluated in one call. A
 * row that is not a valid structure, or carries a reader's error, becomes an error row without
 * stopping the partition. When the model rejects a batch (an element it was not trained on, say),
 * each of its structures is evaluated alone so that only the rejected ones become error rows. Output
 * order is input order within each batch, errors first.
 */
final class BatchedEvaluation implements Iterator<Row> {
    private final Predictor potential;
    private final Iterator<Row> input;
    private final int batchSize;
    private final boolean atomEnergies;
    private final ArrayDeque<Row> ready = new ArrayDeque<>();

    BatchedEvaluation(Predictor potential, Iterator<Row> input, int batchSize, boolean atomEnergies) {
        this.potential = potential;
        this.input = input;
        this.batchSize = batchSize;
        this.atomEnergies = atomEnergies;
    }

    @Override
    public boolean hasNext() {
        if (ready.isEmpty() && input.hasNext()) {
            fill();
        }
        return !ready.isEmpty();
    }

    @Override
    public Row next() {
        if (!hasNext()) {
            throw new NoSuchElementException("no more results in this partition");
        }
        return ready.poll();
    }

    /** Reads up to one batch of rows, keeps the error rows and evaluates the structures together. */
    private void fill() {
        List<String> ids = new ArrayList<>(batchSize);
        List<Structure> structures = new ArrayList<>(batchSize);
        // Error rows count towards the limit too, so a partition of bad rows is not buffered whole.
        while (structures.size() + ready.size() < batchSize && input.hasNext()) {
            Row row = input.next();
            String id = row.getString(row.fieldIndex(StructureSchema.ID));
            String error = row.getString(row.fieldIndex(StructureSchema.ERROR));
            if (error != null) {
                ready.add(ResultSchema.error(id, error));
                continue;
            }
            try {
                if (id == null) {
                    throw new IllegalArgumentException(StructureSchema.ID + " is null");
                }
                structures.add(StructureSchema.toStructure(row));
                ids.add(id);
            } catch (IllegalArgumentException e) {
                ready.add(ResultSchema.error(id, e.getMessage()));
            }
        }
        if (!structures.isEmpty()) {
            evaluate(ids, structures);
        }
    }

    private void evaluate(List<String> ids, List<Structure> structures) {
        List<StructurePrediction> predictions;
        try {
            predictions = predict(structures);
        } catch (IllegalArgumentException rejected) {
            if (structures.size() == 1) {
                ready.add(ResultSchema.error(ids.get(0), rejected.getMessage()));
                return;
            }
            for (int i = 0; i < structures.size(); i++) {
                evaluate(ids.subList(i, i + 1), structures.subList(i, i + 1));
            }
            return;
        }
        for (int i = 0; i < predictions.size(); i++) {
            ready.add(ResultSchema.prediction(ids.get(i), predictions.get(i)));
        }
    }

    private List<StructurePrediction> predict(List<Structure> structures) {
        AtomicBatch batch = AtomicBatch.of(structures, potential.cutoff());
        return StructurePrediction.split(batch, potential.evaluate(batch), atomEnergies);
    }
}
