package org.equikern.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.equikern.data.Structure;
import org.junit.jupiter.api.Test;

/** Rows of the documented schema and the check of a table's columns. */
class StructureSchemaTest {
    @Test
    void aStructureSurvivesTheRoundTripThroughARow() {
        Structure s = Structure.builder(new String[] {"Cu", "O"}, new double[] {0, 0, 0, 1, 2, 3})
                .cell(new double[] {4, 0, 0, 0, 5, 0, 0, 0, 6}).pbc(true, true, false).build();
        Row row = StructureSchema.toRow("cuo", s);
        assertEquals(StructureSchema.STRUCTURES, row.schema());
        Structure back = StructureSchema.toStructure(row);
        assertArrayEquals(s.symbols(), back.symbols());
        assertArrayEquals(s.positions(), back.positions());
        assertArrayEquals(s.cell(), back.cell());
        assertArrayEquals(s.pbc(), back.pbc());
    }

    @Test
    void checkNamesAMissingOrMistypedColumnAndIgnoresNullability() {
        StructType nullable = new StructType().add("id", DataTypes.StringType)
                .add("species", DataTypes.createArrayType(DataTypes.StringType, true))
                .add("positions", DataTypes.createArrayType(DataTypes.DoubleType, true))
                .add("cell", DataTypes.createArrayType(DataTypes.DoubleType, true))
                .add("pbc", DataTypes.createArrayType(DataTypes.BooleanType, true))
                .add("energy", DataTypes.DoubleType);
        StructureSchema.check(nullable);
        StructureSchema.check(StructureSchema.STRUCTURES_WITH_ERRORS);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StructureSchema.check(new StructType(nullable.fields()).add("error", DataTypes.IntegerType)));
        assertEquals("structures table: column 'error' must be string, found int", e.getMessage());
        StructType noCell = new StructType(Arrays.stream(nullable.fields())
                .filter(f -> !f.name().equals("cell")).toArray(StructField[]::new));
        e = assertThrows(IllegalArgumentException.class, () -> StructureSchema.check(noCell));
        assertEquals("structures table: column 'cell' must be array<double>, found none", e.getMessage());
    }

    @Test
    void aRowThatIsNotAStructureIsRejectedNamingTheColumn() {
        Row row = new GenericRowWithSchema(new Object[] {"x",
            SparkArrays.seq(new String[] {"H"}), SparkArrays.seq(new double[] {0, 0}), null, null},
            StructureSchema.STRUCTURES);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StructureSchema.toStructure(row));
        assertTrue(e.getMessage().contains("positions"), e.getMessage());
    }
}
