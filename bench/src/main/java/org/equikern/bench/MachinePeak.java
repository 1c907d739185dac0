package org.equikern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An estimate of this machine's peak FP32 FLOP/s from {@code /proc/cpuinfo}: cores × clock ×
 * 2 FMA pipes × SIMD lanes × 2 FLOP per FMA. Lanes are 16 with AVX-512 on a full 512-bit
 * datapath, 8 with AVX2+FMA, and 8 on AMD family 25 (Zen 3/4) even with AVX-512, because Zen 4
 * executes 512-bit operations as two 256-bit halves. The clock is the reported {@code cpu MHz}
 * (base or TSC clock under a hypervisor; boost is not counted). FP64 peak is half of it.
 */
final class MachinePeak {
    private static final int FMA_PIPES = 2;
    private static final int FLOP_PER_FMA = 2;

    final String model;
    final String vendor;
    final int family;
    final int modelNumber;
    final int cores;
    final double ghz;
    final int lanes;
    final List<String> simd;

    private MachinePeak(Map<String, String> cpu, int cores) {
        this.model = cpu.getOrDefault("model name", "unknown");
        this.vendor = cpu.getOrDefault("vendor_id", "unknown");
        this.family = Integer.parseInt(cpu.getOrDefault("cpu family", "0"));
        this.modelNumber = Integer.parseInt(cpu.getOrDefault("model", "0"));
        this.cores = cores;
        this.ghz = Double.parseDouble(cpu.getOrDefault("cpu MHz", "0")) / 1000;
        List<String> flags = Arrays.asList(cpu.getOrDefault("flags", "").split("\\s+"));
        this.simd = flags.stream().filter(f -> f.equals("avx2") || f.equals("fma") || f.equals("avx512f")).toList();
        boolean halfWidth512 = vendor.equals("AuthenticAMD") && family <= 25;
        if (flags.contains("avx512f") && !halfWidth512) {
            lanes = 16;
        } else if (flags.contains("avx2") && flags.contains("fma") || flags.contains("avx512f")) {
            lanes = 8;
        } else {
            lanes = 4;
        }
    }

    /** Reads the first processor's entry of {@code /proc/cpuinfo}; cores as the JVM sees them. */
    static MachinePeak read() throws IOException {
        Map<String, String> cpu = new HashMap<>();
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.isBlank()) break;
            int colon = line.indexOf(':');
            if (colon > 0) cpu.put(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
        }
        return new MachinePeak(cpu, Runtime.getRuntime().availableProcessors());
    }

    double fp32Gflops() {
        return cores * ghz * FMA_PIPES * lanes * FLOP_PER_FMA;
    }

    double gflops(boolean float64) {
        return float64 ? fp32Gflops() / 2 : fp32Gflops();
    }

    /** The estimate spelled out, for the report. */
    String formula() {
        return String.format("%d cores × %.3f GHz × %d FMA pipes × %d FP32 lanes × %d FLOP/FMA = %.1f GFLOP/s FP32"
                + " (FP64: half)", cores, ghz, FMA_PIPES, lanes, FLOP_PER_FMA, fp32Gflops());
    }
}
