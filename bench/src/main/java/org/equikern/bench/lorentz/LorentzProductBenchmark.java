package org.equikern.bench.lorentz;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.equikern.ops.lorentzproduct.ComplexTensor;
import org.equikern.ops.lorentzproduct.ComplexTensor32;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.ops.lorentzproduct.LorentzProduct;
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
 * The complex CG product of LGN's self interaction, CG(rep_i, rep_i) with fully connected complex
 * weights, on every particle of {@code batch · scale} jets of {@code particles} particles (java
 * host arithmetic; device backends come with the ops' device versions).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class LorentzProductBenchmark {
    private static final LorentzIrreps REPS = LorentzIrreps.parse("2x(0,0)+2x(1,1)");
    private static final LorentzIrreps OUT = LorentzIrreps.parse("2x(0,0)+2x(1,1)+2x(2,2)");

    @Param({"32", "64", "128"})
    public int particles;

    @Param({"f32", "f64"})
    public String precision;

    @Param("1000")
    public int batch;

    @Param("1")
    public double scale;

    private Runnable evaluation;

    @Setup(Level.Trial)
    public void setUp() {
        LorentzProduct product = new LorentzProduct(REPS, REPS, OUT, LorentzProduct.Mode.FULLY_CONNECTED);
        int rows = Math.max(1, (int) Math.round(batch * scale)) * particles;
        Random random = new Random(7);
        ComplexTensor x = gaussian(random, rows * REPS.dim());
        ComplexTensor w = gaussian(random, product.weightLength());
        if ("f64".equals(precision)) {
            ComplexTensor out = ComplexTensor.zeros(rows * OUT.dim());
            evaluation = () -> product.forward(x, x, w, out, rows);
        } else {
            ComplexTensor32 x32 = x.toFloat();
            ComplexTensor32 w32 = w.toFloat();
            ComplexTensor32 out = ComplexTensor32.zeros(rows * OUT.dim());
            evaluation = () -> product.forward(x32, x32, w32, out, rows);
        }
    }

    private static ComplexTensor gaussian(Random random, int n) {
        ComplexTensor t = ComplexTensor.zeros(n);
        for (int i = 0; i < n; i++) {
            t.re()[i] = random.nextGaussian();
            t.im()[i] = random.nextGaussian();
        }
        return t;
    }

    @Benchmark
    public void forward() {
        evaluation.run();
    }
}
