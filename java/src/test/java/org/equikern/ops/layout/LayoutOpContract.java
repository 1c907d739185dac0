package org.equikern.ops.layout;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.OpContract;
import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.group.MulIrrep;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link LayoutOp} against the block transposition written out here (per block,
 * {@code [mul][2l+1]} to {@code [2l+1][mul]}), in both precisions and at each batch size of
 * {@link OpContract#BATCHES}: results must be exact. Subclassed once per backend.
 */
public abstract class LayoutOpContract extends OpContract {
    private static final Irreps IRREPS = Irreps.parse("3x0e+2x1o+5x2e+1x3o+0x1e+4x1o");

    /** {@code rows} vectors transposed block by block from mul_ir to ir_mul. */
    private static double[] transposed(double[] mulIr, int rows) {
        double[] irMul = new double[mulIr.length];
        int dim = IRREPS.dim();
        for (int r = 0; r < rows; r++) {
            int offset = r * dim;
            for (MulIrrep block : IRREPS) {
                int d = block.irrep().dim();
                for (int u = 0; u < block.mul(); u++) {
                    for (int i = 0; i < d; i++) irMul[offset + i * block.mul() + u] = mulIr[offset + u * d + i];
                }
                offset += block.dim();
            }
        }
        return irMul;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"FLOAT64", "FLOAT32"})
    void convertsBothWaysExactly(DType dtype) {
        SplittableRandom random = new SplittableRandom(21);
        try (LayoutOp op = LayoutOp.on(device, IRREPS, dtype)) {
            for (int rows : BATCHES) {
                double[] mulIr = rounded(dtype, gaussian(random, rows * IRREPS.dim()));
                double[] irMul = transposed(mulIr, rows);
                try (MemoryScope scope = device.openScope()) {
                    DeviceBuffer there = scope.allocate(dtype, mulIr.length);
                    DeviceBuffer back = scope.allocate(dtype, mulIr.length);
                    op.convert(upload(scope, dtype, mulIr), IrrepsLayout.MUL_IR, there, IrrepsLayout.IR_MUL, rows);
                    assertArrayEquals(irMul, download(there), "ir_mul, rows " + rows);
                    op.convert(there, IrrepsLayout.IR_MUL, back, IrrepsLayout.MUL_IR, rows);
                    assertArrayEquals(mulIr, download(back), "mul_ir, rows " + rows);
                    op.convert(back, IrrepsLayout.MUL_IR, there, IrrepsLayout.MUL_IR, rows);
                    assertArrayEquals(mulIr, download(there), "same layout, rows " + rows);
                }
            }
        }
    }

    @Test
    void checksItsArgumentsBeforeRunning() {
        assertEquals("LayoutOp: irreps must not be null",
                assertThrows(IllegalArgumentException.class, () -> LayoutOp.on(device, null, DType.FLOAT64))
                        .getMessage());
        try (LayoutOp op = LayoutOp.on(device, IRREPS, DType.FLOAT64); MemoryScope scope = device.openScope()) {
            DeviceBuffer src = scope.allocate(DType.FLOAT64, 2L * IRREPS.dim());
            DeviceBuffer shortDst = scope.allocate(DType.FLOAT64, 3);
            assertEquals("LayoutOp.convert: dst " + shortDst.name() + ": expected " + 2 * IRREPS.dim()
                    + " elements (rows 2 * irreps.dim " + IRREPS.dim() + "), got 3",
                    assertThrows(IllegalArgumentException.class,
                            () -> op.convert(src, IrrepsLayout.MUL_IR, shortDst, IrrepsLayout.IR_MUL, 2))
                            .getMessage());
            assertEquals("LayoutOp.convert: layouts must not be null, got from MUL_IR, to null",
                    assertThrows(IllegalArgumentException.class,
                            () -> op.convert(src, IrrepsLayout.MUL_IR, src, null, 2)).getMessage());
            assertThrows(IllegalArgumentException.class,
                    () -> op.convert(src, IrrepsLayout.MUL_IR, src, IrrepsLayout.IR_MUL, 2));
            assertThrows(IllegalArgumentException.class,
                    () -> op.convert(src, IrrepsLayout.MUL_IR, src, IrrepsLayout.IR_MUL, -1));
        }
    }
}
