package org.equikern.spark;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.equikern.data.Structure;

/**
 * The structures table that {@link PotentialEvaluator} reads, as Parquet or as any DataFrame:
 * <table>
 *   <caption>columns</caption>
 *   <tr><th>column</th><th>type</th><th>content</th></tr>
 *   <tr><td>{@code id}</td><td>string</td><td>the key the results are written under; unique</td></tr>
 *   <tr><td>{@code species}</td><td>array&lt;string&gt;</td><td>chemical symbols, one per atom ("Cu")</td></tr>
 *   <tr><td>{@code positions}</td><td>array&lt;double&gt;</td><td>{@code atoms × 3} Cartesian positions, atom-major (Å)</td></tr>
 *   <tr><td>{@code cell}</td><td>array&lt;double&gt;, nullable</td><td>9 values, lattice vectors as rows; null for none</td></tr>
 *   <tr><td>{@code pbc}</td><td>array&lt;boolean&gt;, nullable</td><td>3 periodicity flags; null for none</td></tr>
 * </table>
 * A table may carry an optional {@code error} string column: a row whose {@code error} is not null
 * could not be read (the extended XYZ reader sets it for a malformed frame) and goes to the errors
 * output as it is.
 */
public final class StructureSchema {
    /** Key column. */
    public static final String ID = "id";
    /** Chemical symbols column. */
    public static final String SPECIES = "species";
    /** Flattened positions column. */
    public static final String POSITIONS = "positions";
    /** Flattened cell column. */
    public static final String CELL = "cell";
    /** Periodicity flags column. */
    public static final String PBC = "pbc";
    /** The reason a row could not be read or evaluated; null when it could. */
    public static final String ERROR = "error";

    /** The documented structures schema, without {@value #ERROR}. */
    public static final StructType STRUCTURES = new StructType(new StructField[] {
        DataTypes.createStructField(ID, DataTypes.StringType, false),
        DataTypes.createStructField(SPECIES, DataTypes.createArrayType(DataTypes.StringType, false), false),
        DataTypes.createStructField(POSITIONS, DataTypes.createArrayType(DataTypes.DoubleType, false), false),
        DataTypes.createStructField(CELL, DataTypes.createArrayType(DataTypes.DoubleType, false), true),
        DataTypes.createStructField(PBC, DataTypes.createArrayType(DataTypes.BooleanType, false), true),
    });

    /**
     * The columns of {@link #STRUCTURES}, all nullable (a row that could not be read has no structure),
     * and the {@value #ERROR} column: the table the evaluator consumes.
     */
    public static final StructType STRUCTURES_WITH_ERRORS = new StructType(Arrays.stream(STRUCTURES.fields())
            .map(f -> new StructField(f.name(), f.dataType(), true, f.metadata()))
            .toArray(StructField[]::new)).add(ERROR, DataTypes.StringType, true);

    private StructureSchema() {
    }

    /** A row of {@link #STRUCTURES} holding {@code structure} under {@code id}. */
    public static Row toRow(String id, Structure structure) {
        return new GenericRowWithSchema(values(id, structure, false), STRUCTURES);
    }

    /** A row of {@link #STRUCTURES_WITH_ERRORS} holding {@code structure} under {@code id}, read without error. */
    static Row readRow(String id, Structure structure) {
        return new GenericRowWithSchema(values(id, structure, true), STRUCTURES_WITH_ERRORS);
    }

    /** A row of {@link #STRUCTURES_WITH_ERRORS} for an entry that could not be read. */
    static Row errorRow(String id, String error) {
        return new GenericRowWithSchema(new Object[] {id, null, null, null, null, error}, STRUCTURES_WITH_ERRORS);
    }

    private static Object[] values(String id, Structure structure, boolean withError) {
        double[] cell = structure.cell();
        Object[] values = {id, SparkArrays.seq(structure.symbols()), SparkArrays.seq(structure.positions()),
            cell == null ? null : SparkArrays.seq(cell), cell == null ? null : SparkArrays.seq(structure.pbc())};
        return withError ? Arrays.copyOf(values, values.length + 1) : values;
    }

    /**
     * The structure a row of {@link #STRUCTURES} holds.
     *
     * @throws IllegalArgumentException naming the column and the value when the row is not a valid structure
     */
    public static Structure toStructure(Row row) {
        List<String> species = row.getList(row.fieldIndex(SPECIES));
        List<Double> positions = row.getList(row.fieldIndex(POSITIONS));
        if (species == null || positions == null) {
            throw new IllegalArgumentException(SPECIES + " and " + POSITIONS + " must not be null");
        }
        Structure.Builder b = Structure.builder(species.toArray(String[]::new), SparkArrays.doubles(POSITIONS, positions));
        List<Double> cell = row.getList(row.fieldIndex(CELL));
        if (cell != null) {
            b.cell(SparkArrays.doubles(CELL, cell));
        }
        List<Boolean> pbc = row.getList(row.fieldIndex(PBC));
        if (pbc != null) {
            b.pbc(SparkArrays.booleans(PBC, pbc));
        }
        return b.build();
    }

    /**
     * Checks that {@code schema} has the columns of {@link #STRUCTURES} with their types (nullability
     * aside: Parquet files read back have every column nullable), and a string {@value #ERROR} column
     * if it has one.
     *
     * @throws IllegalArgumentException naming the first missing or mistyped column
     */
    public static void check(StructType schema) {
        for (StructField f : STRUCTURES_WITH_ERRORS.fields()) {
            boolean present = schema.getFieldIndex(f.name()).isDefined();
            if (!present && f.name().equals(ERROR)) {
                continue;
            }
            DataType found = present ? schema.fields()[schema.fieldIndex(f.name())].dataType() : null;
            // simpleString leaves out nullability: array<double> whether elements may be null or not.
            if (found == null || !found.simpleString().equals(f.dataType().simpleString())) {
                throw new IllegalArgumentException("structures table: column '" + f.name() + "' must be "
                        + f.dataType().simpleString() + ", found " + (found == null ? "none" : found.simpleString()));
            }
        }
    }
}
