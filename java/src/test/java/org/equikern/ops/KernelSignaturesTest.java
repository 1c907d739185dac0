package org.equikern.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.equikern.device.DType;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.device.kernel.KernelSignature.Param;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.nativeloader.KernelResources;
import org.equikern.ops.tensorproduct.generated.TensorProductKernels;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * Every kernel signature the operations declare in Java names a kernel of its program with the
 * same parameters, in the OpenCL source and in the CUDA source: a launch checked against the
 * signature then passes what the kernel reads. Kernels of the generated tensor-product program are
 * checked against the program generated for a plan of every mode, in both dialects.
 */
class KernelSignaturesTest {
    private static final Pattern KERNEL = Pattern.compile("KERNEL\\s+void\\s+(\\w+)\\s*\\(([^)]*)\\)");

    @Test
    void everyDeclaredKernelMatchesItsCDeclaration() {
        List<KernelSignature> declared = declaredSignatures();
        assertFalse(declared.isEmpty(), "no KernelSignature constants found under org.equikern.ops");
        for (KernelSignature signature : declared) {
            boolean generated = signature.program().equals(TensorProductKernels.PROGRAM);
            String opencl = generated ? generatedSource(KernelDialect.OPENCL_C)
                    : KernelResources.openClSource(signature.program());
            String cuda = generated ? generatedSource(KernelDialect.CUDA_C)
                    : KernelResources.source("cuda/" + signature.program() + ".cu");
            assertEquals(signature.params(), kernels(opencl).get(signature.name()),
                    signature.name() + " in kernels/opencl/" + signature.program() + ".cl");
            assertEquals(signature.params(), kernels(cuda).get(signature.name()),
                    signature.name() + " in kernels/cuda/" + signature.program() + ".cu");
        }
    }

    /** The generated tensor-product program of a plan with every mode's paths, in {@code dialect}. */
    private static String generatedSource(KernelDialect dialect) {
        TensorProductSpec spec = TensorProductSpec.builder("2x0e+2x1o", "2x0e+2x1o", "2x0e+2x1o+4x1o+1x1e+4x0e+2x1e")
                .instruction(0, 0, 0, "uvw", true).instruction(1, 0, 1, "uvu", true)
                .instruction(0, 1, 1, "uvv", true).instruction(1, 1, 0, "uuw", true)
                .instruction(1, 1, 5, "uuu", true).instruction(0, 1, 2, "uvuv", true)
                .instruction(1, 1, 3, "uvu<v", true).instruction(1, 1, 4, "u<vw", true).build();
        return TensorProductKernels.program(Plan.of(spec), DType.FLOAT32, dialect).source();
    }

    /** The reductions launch {@code sum_slices} of whichever program they reduce in. */
    @Test
    void sumSlicesMatchesReductionH() {
        List<Param> sumSlices = kernels(KernelResources.source("common/reduction.h")).get("sum_slices");
        assertEquals(List.of(Param.INT, Param.INT, Param.REAL_BUFFER, Param.REAL_BUFFER), sumSlices);
    }

    /** The static KernelSignature constants of every main class under org.equikern.ops. */
    private static List<KernelSignature> declaredSignatures() {
        List<KernelSignature> out = new ArrayList<>();
        for (JavaClass c : new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.equikern.ops")) {
            for (Field f : c.reflect().getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) && f.getType() == KernelSignature.class) {
                    try {
                        f.setAccessible(true);
                        out.add((KernelSignature) f.get(null));
                    } catch (IllegalAccessException e) {
                        throw new AssertionError(c.getName() + "." + f.getName(), e);
                    }
                }
            }
        }
        return out;
    }

    /** Each {@code KERNEL void name(...)} of {@code source} (comments removed) with its parameter kinds. */
    private static Map<String, List<Param>> kernels(String source) {
        assertNotNull(source);
        Matcher m = KERNEL.matcher(source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", ""));
        Map<String, List<Param>> out = new HashMap<>();
        while (m.find()) {
            List<Param> params = new ArrayList<>();
            for (String p : m.group(2).split(",")) params.add(kind(p.trim()));
            out.put(m.group(1), params);
        }
        return out;
    }

    private static Param kind(String declaration) {
        boolean real = declaration.matches(".*\\bREAL\\b.*");
        if (declaration.contains("*")) return real ? Param.REAL_BUFFER : Param.INT_BUFFER;
        if (real) return Param.REAL;
        if (declaration.matches(".*\\blong\\b.*")) return Param.LONG;
        if (declaration.matches(".*\\bint\\b.*")) return Param.INT;
        throw new AssertionError("unknown parameter kind: " + declaration);
    }
}
