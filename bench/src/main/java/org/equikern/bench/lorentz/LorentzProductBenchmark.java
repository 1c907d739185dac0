package org.equikern.bench.lorentz;

import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.equikern.bench.DeviceSync;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.ops.lorentzproduct.LorentzProduct;
import org.equikern.ops.lorentzproduct.LorentzProductOp;
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
 * The complex CG product of LGN's self interaction, CG(rep_i, rep_i) with fully connected complex
 * weights, on every particle of {@code batch · scale} jets of {@code particles} particles, through
 * {@link LorentzProductOp} on the {@code backend} device.
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

    @Param({"java", "opencl"})
    public String backend;

    @Param("1000")
    public int batch;

    @Param("1")
    public double scale;

    private Device device;
    private LorentzProductOp op;
    private DeviceBuffer x;
    private DeviceBuffer w;
    private DeviceBuffer out;
    private int rows;

    @Setup(Level.Trial)
    public void setUp() {
        LorentzProduct product = new LorentzProduct(REPS, REPS, OUT, LorentzProduct.Mode.FULLY_CONNECTED);
        rows = Math.max(1, (int) Math.round(batch * scale)) * particles;
        Random random = new Random(7);
        DType dtype = JetInputs.dtype(precision);
        device = Devices.open(backend);
        op = LorentzProductOp.on(device, product, dtype);
        // Complex arrays are planar on the device: [re | im].
        x = JetInputs.gaussian(device, dtype, random, 2 * rows * REPS.dim());
        w = JetInputs.gaussian(device, dtype, random, 2 * product.weightLength());
        out = device.allocate(dtype, 2L * rows * OUT.dim());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        op.close();
        device.close();
    }

    @Benchmark
    public void forward() {
        op.forward(x, x, w, out, rows);
        DeviceSync.finish(device);
    }
}
