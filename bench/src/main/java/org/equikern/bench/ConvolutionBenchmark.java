package org.equikern.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.Summation;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
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
 * {@link Workload#FUSED_CONV}: the fused equivariant convolution on a random graph (1 000 nodes,
 * 20 000 edges at scale 1), per-edge weights, deterministic summation; compare with
 * {@code bench/oracle/e3nn_conv.py} (e3nn's gather → tensor product → index_add).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g", "--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED"})
public class ConvolutionBenchmark {
    @Param("fused_conv")
    public String workload;

    @Param({"f32", "f64"})
    public String precision;

    @Param({"java", "opencl"})
    public String backend;

    @Param("1")
    public double scale;

    private Device device;
    private TensorProductOp op;
    private DeviceGraph graph;
    private DeviceBuffer x;
    private DeviceBuffer sh;
    private DeviceBuffer w;
    private DeviceBuffer out;
    private DeviceBuffer gradOut;
    private DeviceBuffer gradX;
    private DeviceBuffer gradSh;
    private DeviceBuffer gradW;

    @Setup(Level.Trial)
    public void setUp() {
        Workload conv = Workload.of(workload);
        Plan plan = conv.plan();
        int edges = conv.batch(scale);
        int nodes = conv.nodes(scale);
        SplittableRandom random = new SplittableRandom(42);
        int[] src = new int[edges];
        int[] dst = new int[edges];
        for (int e = 0; e < edges; e++) {
            src[e] = random.nextInt(nodes);
            dst[e] = random.nextInt(nodes);
        }
        DType dtype = Precision.dtype(precision);
        device = Devices.open(backend);
        op = TensorProductOp.on(device, plan);
        graph = DeviceGraph.upload(device, EdgeIndex.of(nodes, src, dst));
        x = Precision.upload(device, dtype, 1, (long) nodes * plan.dim1());
        sh = Precision.upload(device, dtype, 2, (long) edges * plan.dim2());
        w = Precision.upload(device, dtype, 3, (long) edges * plan.weightNumel());
        gradOut = Precision.upload(device, dtype, 4, (long) nodes * plan.dimOut());
        out = device.allocate(dtype, (long) nodes * plan.dimOut());
        gradX = device.allocate(dtype, (long) nodes * plan.dim1());
        gradSh = device.allocate(dtype, (long) edges * plan.dim2());
        gradW = device.allocate(dtype, (long) edges * plan.weightNumel());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        op.close();
        graph.close();
        device.close();
    }

    @Benchmark
    public void forward() {
        op.convolve(x, sh, w, graph, out, Summation.DETERMINISTIC);
        finish();
    }

    @Benchmark
    public void forwardBackward() {
        op.convolve(x, sh, w, graph, out, Summation.DETERMINISTIC);
        op.convolveBackward(x, sh, w, graph, gradOut, gradX, gradSh, gradW);
        finish();
    }

    private void finish() {
        DeviceSync.finish(device);
    }
}
