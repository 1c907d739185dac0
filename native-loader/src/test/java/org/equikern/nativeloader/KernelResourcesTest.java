package org.equikern.nativeloader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class KernelResourcesTest {
    @Test
    void inlinesRelativeIncludesOnceWithLineMarkers() {
        String source = KernelResources.openClSource("fixture");
        assertEquals(String.join("\n",
                "#line 1 \"opencl/fixture.cl\"",
                "/* entry */",
                "#line 1 \"common/a.h\"",
                "#ifndef A_H",
                "#define A_H",
                "#line 1 \"common/b.h\"",
                "#line 2 \"common/b.h\"",
                "int b;",
                "",
                "#line 4 \"common/a.h\"",
                "int a;",
                "#endif",
                "",
                "#line 3 \"opencl/fixture.cl\"",
                "#line 4 \"opencl/fixture.cl\"",
                "kernel_body;",
                "",
                ""), source);
    }

    @Test
    void missingIncludeNamesTheFileAndItsIncluder() {
        KernelResourceException e = assertThrows(KernelResourceException.class,
                () -> KernelResources.openClSource("broken"));
        assertEquals("kernel source /kernels/common/absent.h not found on the classpath "
                + "(included from /kernels/opencl/broken.cl)", e.getMessage());
    }

    @Test
    void missingCudaBinaryNamesTheResource() {
        KernelResourceException e = assertThrows(KernelResourceException.class,
                () -> KernelResources.cudaBinary("nothing.f32"));
        assertTrue(e.getMessage().startsWith(
                "CUDA kernel binary /kernels/cuda-bin/nothing.f32.fatbin not found on the classpath: "
                        + "this jar was built without nvcc"), e.getMessage());
    }

    @Test
    void pathsCannotLeaveTheKernelRoot() {
        assertEquals("common/a.h", KernelResources.normalize("opencl/../common/./a.h"));
        KernelResourceException e = assertThrows(KernelResourceException.class,
                () -> KernelResources.source("../secret.txt"));
        assertEquals("kernel path '../secret.txt' leaves /kernels/", e.getMessage());
    }
}
