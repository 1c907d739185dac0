package org.equikern.device.cuda;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.equikern.device.DType;
import org.equikern.nativeloader.CudaArchitectures;
import org.equikern.nativeloader.KernelResourceException;
import org.equikern.nativeloader.KernelResources;
import org.junit.jupiter.api.Test;

/**
 * Every kernels/cuda/*.cu is packaged as f32 and f64 fatbins with SASS for every architecture of
 * kernels/cuda-architectures.txt and PTX for the lowest, when the build had nvcc (same lookup as kernels/build-cuda.sh); without nvcc, asking for a
 * binary fails naming the missing resource.
 */
class CudaKernelBinariesTest {
    private static boolean nvccAvailable() {
        Stream<String> path = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator));
        String cudaHome = System.getenv("CUDA_HOME");
        return Stream.concat(path, cudaHome == null ? Stream.empty() : Stream.of(cudaHome + "/bin"))
                .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, "nvcc")));
    }

    private static List<String> cudaSources() throws Exception {
        URL dir = CudaKernelBinariesTest.class.getResource("/kernels/cuda");
        assertTrue(dir != null, "kernels/cuda is not packaged");
        try (Stream<Path> files = Files.list(Path.of(dir.toURI()))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cu"))
                    .map(n -> n.substring(0, n.length() - 3)).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void everyCudaSourceHasFatbinsForBothPrecisions() throws Exception {
        List<String> sources = cudaSources();
        assertFalse(sources.isEmpty());
        boolean nvcc = nvccAvailable();
        for (String name : sources) {
            for (DType precision : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
                String binary = name + "." + precision.label();
                if (!nvcc) {
                    assertThrows(KernelResourceException.class, () -> KernelResources.cudaBinary(binary));
                    continue;
                }
                List<FatbinEntries.Entry> entries = FatbinEntries.read(KernelResources.cudaBinary(binary));
                assertTrue(entries.contains(new FatbinEntries.Entry("ptx", CudaArchitectures.minimum())),
                        binary + " lacks PTX for the lowest architecture: " + entries);
                for (int sm : CudaArchitectures.capabilities()) {
                    assertTrue(entries.contains(new FatbinEntries.Entry("elf", sm)), binary + " lacks sm_" + sm
                            + ": " + entries);
                }
            }
        }
    }
}
