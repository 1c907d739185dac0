package org.equikern.bench;

import java.util.concurrent.TimeUnit;
import org.equikern.gemm.GemmRoute;
import org.equikern.nn.Linear;
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

/**
 * Linear's float32 host methods on a MACE-sized layer ({@code 128x0e+128x1o+128x2e} to itself, one
 * thread). Run once as is and once with {@code -jvmArgsAppend -Dequikern.float32.widen=true} to
 * compare the float32 GEMM path with the widened float64 path.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class LinearBenchmark {
    @Param("128x0e+128x1o+128x2e")
    public String irreps;

    @Param("1000")
    public int batch;

    /**
     * The float32 GEMM route ({@link GemmRoute#PROPERTY}): {@code auto}, {@code java}, {@code vector}
     * or {@code native}; initialized for {@link TimedCase}, which sets only the suite's common parameters.
     */
    @Param("auto")
    public String gemm = "auto";

    private Linear linear;
    private float[] x;
    private float[] w;
    private float[] out;
    private float[] gradX;
    private float[] gradW;

    @Setup(Level.Trial)
    public void setUp() {
        // Read when the layer or plan makes its GEMM scratch, which happens in this fork only.
        System.setProperty(GemmRoute.PROPERTY, gemm);
        linear = Linear.of(irreps, irreps);
        int dim = linear.irrepsIn().dim();
        x = Precision.toFloat(Precision.gaussian(1, (long) batch * dim));
        w = Precision.toFloat(Precision.gaussian(2, linear.weightNumel()));
        out = new float[batch * linear.irrepsOut().dim()];
        gradX = new float[x.length];
        gradW = new float[w.length];
    }

    @Benchmark
    public float[] forward() {
        linear.forward(x, w, null, out, batch);
        return out;
    }

    /** The forward pass, then the input and weight gradients (gradOut = the output). */
    @Benchmark
    public float[] forwardBackward() {
        linear.forward(x, w, null, out, batch);
        linear.backward(x, w, out, gradX, gradW, null, batch);
        return gradW;
    }
}
