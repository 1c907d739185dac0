package org.equikern.bench;

import java.util.concurrent.TimeUnit;
import org.equikern.gemm.GemmRoute;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The tensor-product workloads of {@link Workload}, forward and forward+backward, per backend and
 * precision. Inputs live on the device before timing starts; one operation is one call on the
 * whole batch, so items/s is {@code batch / time}. {@code scale} shrinks the batch (smoke tests).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class TensorProductBenchmark {
    @Param({"nequip_conv_uvu", "mace_large_uvu", "fctp_uvw_32", "fctp_uvw_128"})
    public String workload;

    @Param({"f32", "f64"})
    public String precision;

    @Param({"java", "opencl"})
    public String backend;

    @Param("1")
    public double scale;

    /**
     * The float32 GEMM route ({@link GemmRoute#PROPERTY}): {@code auto}, {@code java}, {@code vector}
     * or {@code native}; initialized for {@link TimedCase}, which sets only the suite's common parameters.
     */
    @Param("auto")
    public String gemm = "auto";

    private TensorProductFixture fixture;

    @Setup(Level.Trial)
    public void setUp() {
        // Read when the layer or plan makes its GEMM scratch, which happens in this fork only.
        System.setProperty(GemmRoute.PROPERTY, gemm);
        fixture = new TensorProductFixture(Workload.of(workload), backend, Precision.dtype(precision), scale);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fixture.close();
    }

    @Benchmark
    public void forward() {
        fixture.forward();
    }

    @Benchmark
    public void forwardBackward() {
        fixture.forwardBackward();
    }
}
