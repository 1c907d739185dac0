package org.equikern.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equikern.nn.Activation;
import org.junit.jupiter.api.Test;

/**
 * The table layouts the Java side writes and the kernels read are declared twice, as Java
 * constants and as {@code #define}s in {@code kernels/common/*.h}; this ties each pair together by
 * parsing the headers, so changing one side alone fails here instead of corrupting a kernel's
 * reads.
 */
class KernelLayoutTest {
    private static final Pattern DEFINE = Pattern.compile("^\\s*#define\\s+(\\w+)\\s+(-?\\d+)\\b", Pattern.MULTILINE);

    @Test
    void tensorProductTables() {
        Map<String, Integer> h = defines("tensor_product.h");
        String tables = "org.equikern.ops.tensorproduct.TensorProductTables";
        // The header fields are TP_DIM1 .. TP_COUPLED_CHUNKS, numbered from 0.
        assertEquals(define(h, "TP_COUPLED_CHUNKS") + 1, constant(tables, "HEADER"), "HEADER");
        assertEquals(define(h, "PATH_STRIDE"), constant(tables, "PATH_STRIDE"), "PATH_STRIDE");
        assertEquals(define(h, "BLOCK_STRIDE"), constant(tables, "BLOCK_STRIDE"), "BLOCK_STRIDE");
        assertEquals(define(h, "TP_LANES"), constant(tables, "LANES"), "LANES");
        assertEquals(define(h, "TP_REUSE"), constant(tables, "REUSE"), "REUSE");
        assertEquals(define(h, "TP_MAX_DIM"), constant(tables, "MAX_DIM"), "MAX_DIM");
        assertEquals(define(h, "TP_PATHS"), constant(tables, "PATHS_FIELD"), "PATHS_FIELD");
        assertEquals(define(h, "P_TOFF"), constant(tables, "COUPLED_OFFSET_FIELD"), "COUPLED_OFFSET_FIELD");
    }

    @Test
    void gateChannelRecords() {
        assertEquals(define(defines("gate.h"), "GC_STRIDE"),
                constant("org.equikern.ops.gate.GateTables", "CHANNEL_STRIDE"), "CHANNEL_STRIDE");
    }

    @Test
    void linearRecords() {
        Map<String, Integer> h = defines("linear.h");
        String tables = "org.equikern.ops.linear.LinearTables";
        assertEquals(define(h, "LI_STRIDE"), constant(tables, "INSTRUCTION_STRIDE"), "INSTRUCTION_STRIDE");
        assertEquals(define(h, "LB_STRIDE"), constant(tables, "BLOCK_STRIDE"), "BLOCK_STRIDE");
    }

    @Test
    void gemmTiles() {
        Map<String, Integer> h = defines("gemm_tile.h");
        String tiles = "org.equikern.device.kernel.GemmKernels";
        assertEquals(define(h, "GT_ITEMS"), constant(tiles, "GROUP_ITEMS"), "GROUP_ITEMS");
        // CUDA launches blocks of BLOCK_SIZE threads; the tiles need exactly GT_ITEMS of them.
        assertEquals(define(h, "GT_ITEMS"), constant("org.equikern.device.cuda.CudaDevice", "BLOCK_SIZE"),
                "CudaDevice.BLOCK_SIZE");
        assertEquals(define(h, "GT_COLS"), constant(tiles, "TILE_COLS"), "TILE_COLS");
        // GT_ROWS = GT_ROW_STEP * GT_ROWS_PER_ITEM, GT_ROW_STEP = GT_ITEMS / GT_COLS
        assertEquals(define(h, "GT_ITEMS") / define(h, "GT_COLS") * define(h, "GT_ROWS_PER_ITEM"),
                constant(tiles, "TILE_ROWS"), "TILE_ROWS");
    }

    @Test
    void symmetricContractionMonomials() {
        assertEquals(define(defines("symmetric_contraction.h"), "SM_STRIDE"),
                constant("org.equikern.ops.symmetriccontraction.SymmetricContractionTables", "MONOMIAL_STRIDE"),
                "MONOMIAL_STRIDE");
    }

    @Test
    void radialBasisKinds() {
        Map<String, Integer> h = defines("edge_embedding.h");
        String tables = "org.equikern.ops.edgeembedding.RadialTables";
        assertEquals(define(h, "BASIS_BESSEL"), constant(tables, "BESSEL"), "BESSEL");
        assertEquals(define(h, "BASIS_GAUSSIAN"), constant(tables, "GAUSSIAN"), "GAUSSIAN");
    }

    /** The kernels switch on {@code ACT_<NAME>}, the Java tables write {@link Activation#ordinal()}. */
    @Test
    void activationOrdinals() {
        Map<String, Integer> h = defines("activation.h");
        for (Activation a : Activation.values()) {
            assertEquals(define(h, "ACT_" + a.name()), a.ordinal(), "ACT_" + a.name());
        }
        assertEquals(Activation.values().length, h.keySet().stream().filter(k -> k.startsWith("ACT_")).count(),
                "one ACT_ define per activation");
    }

    /** The PELICAN map table and scratch widths, and the ordinals of its package-private enums. */
    @Test
    void pelicanTables() {
        Map<String, Integer> h = defines("pelican.h");
        String tables = "org.equikern.ops.pelican.PelicanTables";
        assertEquals(define(h, "PM_HEADER"), constant(tables, "HEADER"), "HEADER");
        assertEquals(define(h, "PM_OP_STRIDE"), constant(tables, "OP_STRIDE"), "OP_STRIDE");
        assertEquals(define(h, "PV_STRIDE"), constant(tables, "VECTOR_STRIDE"), "VECTOR_STRIDE");
        assertEquals(define(h, "PSC_STRIDE"), constant(tables, "SCALAR_STRIDE"), "SCALAR_STRIDE");
        assertEquals(define(h, "PJ_STRIDE"), constant(tables, "ADJOINT_STRIDE"), "ADJOINT_STRIDE");
        assertOrdinals(h, "PS_", "org.equikern.ops.pelican.Source");
        assertOrdinals(h, "PP_", "org.equikern.ops.pelican.Place");
    }

    @Test
    void lorentzProductTerms() {
        assertEquals(define(defines("lorentz_product.h"), "LP_TERM_STRIDE"),
                constant("org.equikern.ops.lorentzproduct.LorentzProductTables", "TERM_STRIDE"), "TERM_STRIDE");
    }

    /** Each constant of the enum {@code className} has {@code #define <prefix><NAME> <ordinal>}. */
    private static void assertOrdinals(Map<String, Integer> defines, String prefix, String className) {
        try {
            for (Object constant : Class.forName(className).getEnumConstants()) {
                Enum<?> e = (Enum<?>) constant;
                assertEquals(define(defines, prefix + e.name()), e.ordinal(), prefix + e.name());
            }
        } catch (ClassNotFoundException e) {
            throw new AssertionError(className, e);
        }
    }

    /** The integer {@code #define}s of {@code kernels/common/<header>}, read as the kernels are packaged. */
    private static Map<String, Integer> defines(String header) {
        String resource = "kernels/common/" + header;
        try (InputStream in = KernelLayoutTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertNotNull(in, resource);
            Matcher m = DEFINE.matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            Map<String, Integer> out = new HashMap<>();
            while (m.find()) out.put(m.group(1), Integer.valueOf(m.group(2)));
            return out;
        } catch (IOException e) {
            throw new AssertionError("cannot read " + resource, e);
        }
    }

    /** The value of {@code #define name}; fails when the header lacks it. */
    private static int define(Map<String, Integer> defines, String name) {
        Integer value = defines.get(name);
        assertNotNull(value, "#define " + name);
        return value;
    }

    /** A table class's layout constant; they stay package-private to their operation. */
    private static int constant(String className, String field) {
        try {
            Field f = Class.forName(className).getDeclaredField(field);
            f.setAccessible(true);
            return f.getInt(null);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(className + "." + field, e);
        }
    }
}
