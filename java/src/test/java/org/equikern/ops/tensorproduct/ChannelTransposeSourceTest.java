package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.equikern.gemm.VectorApi;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The generated row moves between {@code mul_ir} and {@code ir_mul}, compiled on the Vector API
 * (the tests resolve {@code jdk.incubator.vector}) and in plain Java, against index arithmetic:
 * blocks of 1, 3, 5 and 7 components with multiplicities under a vector, at one vector, past one
 * and two vectors with a remainder, and zero, at offsets inside larger arrays.
 */
class ChannelTransposeSourceTest {
    private static final int[] MULS = {1, 3, 16, 17, 37, 0};
    private static final int[] DIMS = {1, 3, 5, 7};
    private static final int SOURCE_BASE = 5;
    private static final int DESTINATION_BASE = 3;

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void rowMovesMatchIndexArithmetic(boolean vectorApi) throws ReflectiveOperationException {
        if (vectorApi) assertTrue(VectorApi.isAvailable(), "surefire runs with --add-modules jdk.incubator.vector");
        int[] blocks = blocks();
        int dim = rowLength(blocks);
        Class<?> moves = compile(blocks, vectorApi);
        float[] mulIr = new float[SOURCE_BASE + dim + 2];
        for (int i = 0; i < mulIr.length; i++) mulIr[i] = i + 1;
        float[] expectedIrMul = untouched(DESTINATION_BASE + dim + 4);
        float[] expectedMulIr = untouched(SOURCE_BASE + dim + 2);
        for (int b = 0; b < blocks.length; b += 3) {
            int offset = blocks[b], mul = blocks[b + 1], d = blocks[b + 2];
            for (int u = 0; u < mul; u++) {
                for (int c = 0; c < d; c++) {
                    int from = SOURCE_BASE + offset + d * u + c;
                    expectedIrMul[DESTINATION_BASE + offset + c * mul + u] = mulIr[from];
                    expectedMulIr[from] = mulIr[from];
                }
            }
        }
        float[] irMul = untouched(expectedIrMul.length);
        call(moves, "toIrMul", mulIr, SOURCE_BASE, irMul, DESTINATION_BASE);
        assertArrayEquals(expectedIrMul, irMul, "mul_ir to ir_mul, vector " + vectorApi);
        float[] back = untouched(expectedMulIr.length);
        call(moves, "toMulIr", irMul, DESTINATION_BASE, back, SOURCE_BASE);
        assertArrayEquals(expectedMulIr, back, "ir_mul back to mul_ir, vector " + vectorApi);
    }

    /** Every multiplicity with every number of components, as {@code [offset, mul, dim]} triples. */
    private static int[] blocks() {
        int[] blocks = new int[3 * MULS.length * DIMS.length];
        int b = 0, offset = 0;
        for (int dim : DIMS) {
            for (int mul : MULS) {
                blocks[b++] = offset;
                blocks[b++] = mul;
                blocks[b++] = dim;
                offset += mul * dim;
            }
        }
        return blocks;
    }

    private static int rowLength(int[] blocks) {
        int length = 0;
        for (int b = 0; b < blocks.length; b += 3) length += blocks[b + 1] * blocks[b + 2];
        return length;
    }

    /** An array of NaN, so that a move writing outside its blocks shows. */
    private static float[] untouched(int length) {
        float[] a = new float[length];
        Arrays.fill(a, Float.NaN);
        return a;
    }

    /** A class with the row methods {@code toIrMul} and {@code toMulIr} of {@code blocks}. */
    private static Class<?> compile(int[] blocks, boolean vectorApi) {
        ChannelTransposeSource moves = new ChannelTransposeSource(vectorApi);
        moves.row("toIrMul", blocks, true);
        moves.row("toMulIr", blocks, false);
        String species = vectorApi
                ? "import jdk.incubator.vector.FloatVector;\nimport jdk.incubator.vector.VectorSpecies;\n" : "";
        String source = "package org.equikern.generated;\n" + species + moves.imports()
                + "final class RowMoves {\n"
                + (vectorApi ? "private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;\n" : "")
                + moves.emit() + "}\n";
        return InMemoryCompiler.compile("org.equikern.generated", "RowMoves", source, vectorApi);
    }

    private static void call(Class<?> moves, String name, float[] src, int sb, float[] dst, int db)
            throws ReflectiveOperationException {
        Method row = moves.getDeclaredMethod(name, float[].class, int.class, float[].class, int.class);
        row.setAccessible(true);
        try {
            row.invoke(null, src, sb, dst, db);
        } catch (InvocationTargetException e) {
            throw new AssertionError(name + " threw", e.getCause());
        }
    }
}
