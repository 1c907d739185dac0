package org.equikern.spark;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.equikern.train.StructurePrediction;

/**
 * The rows {@link PotentialEvaluator#evaluate} returns, one per input row: {@code id};
 * {@code energy} (double), {@code forces} (array&lt;double&gt;, {@code atoms × 3}, atom-major) and
 * {@code atom_energies} (array&lt;double&gt;, per atom; null unless asked for) when the structure was
 * evaluated; {@code error} (its reason) when it was not, the other columns then null.
 */
public final class ResultSchema {
    /** Predicted energy column. */
    public static final String ENERGY = "energy";
    /** Predicted forces column. */
    public static final String FORCES = "forces";
    /** Predicted per-atom energies column. */
    public static final String ATOM_ENERGIES = "atom_energies";

    /** The result schema. */
    public static final StructType RESULTS = new StructType()
            .add(StructureSchema.ID, DataTypes.StringType, true)
            .add(ENERGY, DataTypes.DoubleType, true)
            .add(FORCES, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(ATOM_ENERGIES, DataTypes.createArrayType(DataTypes.DoubleType, false), true)
            .add(StructureSchema.ERROR, DataTypes.StringType, true);

    private ResultSchema() {
    }

    /** The result row of a prediction. */
    static Row prediction(String id, StructurePrediction p) {
        return RowFactory.create(id, p.energy(), SparkArrays.seq(p.forces()),
                p.atomEnergies() == null ? null : SparkArrays.seq(p.atomEnergies()), null);
    }

    /** The result row of an input row that could not be evaluated. */
    static Row error(String id, String reason) {
        return RowFactory.create(id, null, null, null, reason);
    }
}
