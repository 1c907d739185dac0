package org.equikern.ops.tensorproduct.generated;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equikern.device.DType;
import org.equikern.device.kernel.GeneratedProgram;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.group.Wigner3j;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * The generated source of a tiny plan (1x1o x 1x1o -> 1x1e, uvw): the forward's unrolled sums
 * carry exactly the Wigner 3j nonzeros times the path coefficient as literals, and nothing but
 * the kernels' buffer arguments is ever indexed.
 */
class TensorProductKernelsTest {
    /**
     * Rows of the kernels' buffers, their index arguments and the staged convolution's local-memory
     * array (sized at generation time): the only names a generated kernel may subscript.
     */
    private static final Set<String> BUFFER_ROWS = Set.of("x1s", "x2s", "ws", "gs", "dst", "partial", "from", "to",
            "order", "offsets", "gws", "stage");
    private static final Pattern SUBSCRIPT = Pattern.compile("([A-Za-z_][A-Za-z_0-9]*)\\s*\\[");
    /** A literal times two registers: one term of the forward's sums. */
    private static final Pattern FORWARD_TERM = Pattern.compile("(-?[0-9.]+(?:E-?[0-9]+)?)(f?) \\* a\\d \\* b\\d");

    private final TensorProductSpec spec = TensorProductSpec.builder("1x1o", "1x1o", "1x1e")
            .instruction(0, 0, 0, "uvw", true).build();
    private final Plan plan = Plan.of(spec);

    @Test
    void forwardTermsAreTheWigner3jNonzerosAsLiterals() {
        Wigner3j w = Wigner3j.of(1, 1, 1);
        List<Double> expected = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                for (int k = 0; k < 3; k++) {
                    if (w.get(i, j, k) != 0) expected.add(w.get(i, j, k) * spec.coefficient(0));
                }
            }
        }
        // the symbol of (1, 1, 1) is the Levi-Civita tensor over sqrt(6): six nonzeros
        assertEquals(6, expected.size());
        for (double e : expected) assertEquals(1 / Math.sqrt(6), Math.abs(e) / spec.coefficient(0), 1e-15);

        for (DType precision : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            String source = TensorProductKernels.program(plan, precision, KernelDialect.OPENCL_C).source();
            String forward = source.substring(source.indexOf("tp_gen_forward"), source.indexOf("tp_gen_grad_x1"));
            List<Double> literals = new ArrayList<>();
            Matcher m = FORWARD_TERM.matcher(forward);
            while (m.find()) {
                assertEquals(precision == DType.FLOAT32 ? "f" : "", m.group(2), m.group());
                literals.add(Double.parseDouble(m.group(1)));
            }
            List<Double> rounded = new ArrayList<>();
            for (double e : expected) rounded.add(precision == DType.FLOAT32 ? (double) (float) e : e);
            rounded.sort(null);
            literals.sort(null);
            if (precision == DType.FLOAT32) {
                for (int n = 0; n < literals.size(); n++) literals.set(n, (double) (float) (double) literals.get(n));
            }
            assertEquals(rounded, literals, precision + " forward literals");
        }
    }

    @Test
    void onlyBufferArgumentsAreIndexed() {
        for (KernelDialect dialect : KernelDialect.values()) {
            for (DType precision : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
                String source = TensorProductKernels.program(plan, precision, dialect).source();
                Matcher m = SUBSCRIPT.matcher(source);
                int subscripts = 0;
                while (m.find()) {
                    assertTrue(BUFFER_ROWS.contains(m.group(1)), dialect + " " + precision + " indexes " + m.group());
                    subscripts++;
                }
                assertTrue(subscripts > 0, "the kernels read their buffers");
                assertFalse(source.contains("REAL acc["), "no accumulator arrays");
            }
        }
    }

    @Test
    void eachDialectDeclaresItsKernels() {
        GeneratedProgram cuda = TensorProductKernels.program(plan, DType.FLOAT32, KernelDialect.CUDA_C);
        GeneratedProgram openCl = TensorProductKernels.program(plan, DType.FLOAT64, KernelDialect.OPENCL_C);
        assertTrue(cuda.source().contains("#define KERNEL extern \"C\" __global__"));
        assertTrue(openCl.source().contains("#define KERNEL __kernel"));
        assertTrue(openCl.source().contains("cl_khr_fp64"));
        for (String kernel : List.of("tp_gen_forward", "tp_gen_grad_x1", "tp_gen_grad_x2", "tp_gen_grad_weights",
                "tp_gen_conv_forward", "tp_gen_conv_backward", "tp_gen_conv_grad_weights")) {
            assertTrue(cuda.source().contains("KERNEL void " + kernel + "("), kernel);
            assertTrue(openCl.source().contains("KERNEL void " + kernel + "("), kernel);
        }
    }

    @Test
    void anIntegerPrecisionIsRejected() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> TensorProductKernels.program(plan, DType.INT32, KernelDialect.OPENCL_C)).getMessage();
        assertEquals("precision must be FLOAT32 or FLOAT64, got INT32", message);
    }
}
