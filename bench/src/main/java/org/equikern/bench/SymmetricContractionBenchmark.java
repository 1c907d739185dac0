package org.equikern.bench;

import java.util.concurrent.TimeUnit;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.opencl.OpenClDevice;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;
import org.equikern.runtime.Devices;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@link Workload#MACE_SYMMETRIC_CONTRACTION}: MACE's symmetric contraction at its default sizes
 * (128 channels of {@code 0e+1o+2e+3o}, correlation 3, output {@code 128x0e+128x1o}, 10 element
 * types), 1 000 nodes at scale 1.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
public class SymmetricContractionBenchmark {
    /** Built once per JVM: computing the coupling basis takes a fraction of a second. */
    private static final SymmetricContraction LAYER = Workload.MACE_SYMMETRIC_CONTRACTION.symmetricContraction();

    @Param("mace_symmetric_contraction")
    public String workload;

    @Param({"f32", "f64"})
    public String precision;

    @Param({"java", "opencl"})
    public String backend;

    @Param("1")
    public double scale;

    private Device device;
    private SymmetricContractionOp op;
    private int nodes;
    private DeviceBuffer x;
    private DeviceBuffer elements;
    private DeviceBuffer weights;
    private DeviceBuffer out;
    private DeviceBuffer gradOut;
    private DeviceBuffer gradX;
    private DeviceBuffer gradW;

    @Setup(Level.Trial)
    public void setUp() {
        DType dtype = Precision.dtype(precision);
        nodes = Workload.of(workload).batch(scale);
        int[] types = new int[nodes];
        for (int n = 0; n < nodes; n++) types[n] = n % LAYER.numElements();
        device = Devices.open(backend);
        op = SymmetricContractionOp.on(device, LAYER, dtype);
        x = Precision.upload(device, dtype, 1, (long) nodes * LAYER.irrepsIn().dim());
        elements = device.upload(types);
        weights = Precision.upload(device, dtype, 2, LAYER.weightNumel());
        gradOut = Precision.upload(device, dtype, 3, (long) nodes * LAYER.irrepsOut().dim());
        out = device.allocate(dtype, (long) nodes * LAYER.irrepsOut().dim());
        gradX = device.allocate(dtype, (long) nodes * LAYER.irrepsIn().dim());
        gradW = device.allocate(dtype, LAYER.weightNumel());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        op.close();
        device.close();
    }

    @Benchmark
    public void forward() {
        op.forward(x, elements, weights, out, nodes);
        finish();
    }

    @Benchmark
    public void forwardBackward() {
        op.forward(x, elements, weights, out, nodes);
        op.backward(x, elements, weights, gradOut, gradX, gradW, nodes);
        finish();
    }

    private void finish() {
        DeviceSync.finish(device);
    }
}
