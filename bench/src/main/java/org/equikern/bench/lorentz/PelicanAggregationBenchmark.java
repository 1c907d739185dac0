package org.equikern.bench.lorentz;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.equikern.bench.DeviceSync;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.ops.pelican.Aggregation;
import org.equikern.ops.pelican.PelicanAggregation;
import org.equikern.ops.pelican.PelicanAggregationOp;
import org.equikern.ops.pelican.PelicanMap;
import org.equikern.runtime.Devices;
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
 * PELICAN's 2→2 aggregation (15 ops, masked mean, (n/N_avg)^α) on one channel of
 * {@code batch · scale} jets of {@code particles} particles, a tenth of them padding, through
 * {@link PelicanAggregationOp} on the {@code backend} device. The output holds 15 values per
 * particle pair: at 128 particles and batch 1,000 that is 2 GB in float64, hence the heap.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx12g"})
public class PelicanAggregationBenchmark {
    @Param({"32", "64", "128"})
    public int particles;

    @Param({"f32", "f64"})
    public String precision;

    @Param({"java", "opencl"})
    public String backend;

    @Param("1000")
    public int batch;

    @Param("1")
    public double scale;

    private Device device;
    private PelicanAggregationOp op;
    private DeviceBuffer in;
    private DeviceBuffer counts;
    private DeviceBuffer alpha;
    private DeviceBuffer out;
    private int jets;

    @Setup(Level.Trial)
    public void setUp() {
        PelicanAggregation aggregation = new PelicanAggregation(PelicanMap.TWO_TO_TWO, 1, Aggregation.MEAN, 49);
        jets = Math.max(1, (int) Math.round(batch * scale));
        Random random = new Random(11);
        int[] n = new int[jets];
        for (int b = 0; b < jets; b++) n[b] = particles - random.nextInt(Math.max(1, particles / 10));
        DType dtype = JetInputs.dtype(precision);
        device = Devices.open(backend);
        op = PelicanAggregationOp.on(device, aggregation, dtype);
        in = JetInputs.gaussian(device, dtype, random, aggregation.inputLength(jets, particles));
        alpha = JetInputs.gaussian(device, dtype, random, aggregation.alphaLength());
        counts = device.upload(n);
        out = device.allocate(dtype, aggregation.outputLength(jets, particles));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        op.close();
        device.close();
    }

    @Benchmark
    public void forward() {
        op.forward(in, counts, alpha, out, jets, particles);
        DeviceSync.finish(device);
    }
}
