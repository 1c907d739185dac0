package org.equikern.device.opencl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.equikern.data.EdgeIndex;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.java.JavaDevice;
import org.equikern.group.Irreps;
import org.equikern.nn.Activation;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.linear.LinearOp;
import org.equikern.ops.normactivation.NormActivationOp;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batch-summed gradients (weights and biases) over a batch of several reduction chunks
 * (kernels/common/reduction.h: 1024 samples per first-pass item, a shorter last one): equal to
 * the Java backend, and bit for bit equal from run to run, in both precisions.
 */
class OpenClBatchReductionTest {
    /** Three chunks of 1024, the last one partial. */
    private static final int BATCH = 2 * 1024 + 517;

    private static Device opencl;
    private static Device java;

    @BeforeAll
    static void open() {
        opencl = Devices.open("opencl:0");
        java = new JavaDevice();
    }

    @AfterAll
    static void close() {
        opencl.close();
        java.close();
    }

    private static double[] random(long seed, int n) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] values = new double[n];
        for (int i = 0; i < n; i++) values[i] = random.nextDouble(-1, 1);
        return values;
    }

    private static DeviceBuffer upload(Device device, DType dtype, double[] values) {
        if (dtype == DType.FLOAT64) return device.upload(values);
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
        return device.upload(f);
    }

    /** A gradient computed on a device in a precision; buffers are closed with the device's scope. */
    @FunctionalInterface
    interface Gradient {
        DeviceBuffer[] run(Device device, DType dtype);
    }

    private static Gradient linear() {
        Linear layer = Linear.builder(Irreps.parse("8x0e+4x1o"), Irreps.parse("6x0e+5x1o")).biases(true).build();
        int in = layer.irrepsIn().dim();
        int out = layer.irrepsOut().dim();
        return (d, t) -> {
            LinearOp op = LinearOp.on(d, layer, t);
            DeviceBuffer gw = d.allocate(t, layer.weightNumel());
            DeviceBuffer gb = d.allocate(t, layer.biasNumel());
            op.backward(upload(d, t, random(1, BATCH * in)), upload(d, t, random(2, layer.weightNumel())),
                    upload(d, t, random(3, BATCH * out)), null, gw, gb, BATCH);
            return new DeviceBuffer[] {gw, gb};
        };
    }

    private static Gradient normActivation() {
        NormActivation layer = NormActivation.builder(Irreps.parse("3x0e+2x1o+1x2e"), Activation.SILU).bias(true)
                .build();
        int dim = layer.irrepsIn().dim();
        return (d, t) -> {
            NormActivationOp op = NormActivationOp.on(d, layer, t);
            DeviceBuffer gb = d.allocate(t, layer.biasNumel());
            op.backward(upload(d, t, random(4, BATCH * dim)), upload(d, t, random(5, layer.biasNumel())),
                    upload(d, t, random(6, BATCH * dim)), d.allocate(t, (long) BATCH * dim), gb, BATCH);
            return new DeviceBuffer[] {gb};
        };
    }

    private static Gradient symmetricContraction() {
        SymmetricContraction layer = SymmetricContraction.of("2x0e+2x1o", "2x0e+2x1o", 2, 3);
        int in = layer.irrepsIn().dim();
        int out = layer.irrepsOut().dim();
        int[] elements = new SplittableRandom(7).ints(BATCH, 0, layer.numElements()).toArray();
        return (d, t) -> {
            SymmetricContractionOp op = SymmetricContractionOp.on(d, layer, t);
            DeviceBuffer gw = d.allocate(t, layer.weightNumel());
            op.backward(upload(d, t, random(8, BATCH * in)), d.upload(elements),
                    upload(d, t, random(9, layer.weightNumel())), upload(d, t, random(10, BATCH * out)), null, gw,
                    BATCH);
            return new DeviceBuffer[] {gw};
        };
    }

    /** uvu and uvw paths in one plan: the element kernels (tp_grad_w_shared, conv_grad_w_shared). */
    private static Plan mixedModes() {
        return Plan.of(TensorProductSpec.builder("4x0e+3x1o", "0e+1o", "4x0e+3x1o+2x0e").sharedWeights(true)
                .instruction(0, 0, 0, "uvu", true).instruction(1, 0, 1, "uvu", true)
                .instruction(1, 1, 2, "uvw", true).build());
    }

    private static Gradient tensorProduct() {
        Plan plan = mixedModes();
        return (d, t) -> {
            TensorProductOp op = TensorProductOp.on(d, plan);
            DeviceBuffer gw = d.allocate(t, plan.weightNumel());
            op.backward(upload(d, t, random(11, BATCH * plan.dim1())), upload(d, t, random(12, BATCH * plan.dim2())),
                    upload(d, t, random(13, plan.weightNumel())), upload(d, t, random(14, BATCH * plan.dimOut())),
                    null, null, gw, BATCH);
            return new DeviceBuffer[] {gw};
        };
    }

    private static Gradient convolution() {
        Plan plan = mixedModes();
        int nodes = 50;
        SplittableRandom random = new SplittableRandom(15);
        EdgeIndex graph = EdgeIndex.of(nodes, random.ints(BATCH, 0, nodes).toArray(),
                random.ints(BATCH, 0, nodes).toArray());
        return (d, t) -> {
            TensorProductOp op = TensorProductOp.on(d, plan);
            DeviceGraph g = DeviceGraph.upload(d, graph);
            DeviceBuffer gw = d.allocate(t, plan.weightNumel());
            op.convolveBackward(upload(d, t, random(16, nodes * plan.dim1())),
                    upload(d, t, random(17, BATCH * plan.dim2())), upload(d, t, random(18, plan.weightNumel())), g,
                    upload(d, t, random(19, nodes * plan.dimOut())), null, null, gw);
            return new DeviceBuffer[] {gw};
        };
    }

    static Stream<Arguments> cases() {
        return Stream.of(DType.FLOAT32, DType.FLOAT64).flatMap(t -> Stream.of(
                Arguments.of("linear_grad_w, linear_grad_bias", linear(), t),
                Arguments.of("norm_activation_grad_bias", normActivation(), t),
                Arguments.of("symmetric_contraction_grad_w", symmetricContraction(), t),
                Arguments.of("tp_grad_w_shared", tensorProduct(), t),
                Arguments.of("conv_grad_w_shared", convolution(), t)));
    }

    private static double[] read(DeviceBuffer buffer) {
        if (buffer.dtype() == DType.FLOAT64) return buffer.toDoubleArray();
        float[] f = buffer.toFloatArray();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) d[i] = f[i];
        return d;
    }

    /** The gradients; the device's buffers and ops of the run are released when the test class closes the device. */
    private static double[][] download(Device device, DType dtype, Gradient gradient) {
        DeviceBuffer[] buffers = gradient.run(device, dtype);
        double[][] out = new double[buffers.length][];
        for (int i = 0; i < buffers.length; i++) out[i] = read(buffers[i]);
        return out;
    }

    @ParameterizedTest(name = "{0} {2}")
    @MethodSource("cases")
    void slicedSumsMatchJavaAndRepeatBitForBit(String kernels, Gradient gradient, DType dtype) {
        double[][] expected = download(java, DType.FLOAT64, gradient);
        double[][] first = download(opencl, dtype, gradient);
        double[][] second = download(opencl, dtype, gradient);
        double tolerance = dtype == DType.FLOAT64 ? 1e-10 : 2e-3;
        for (int k = 0; k < expected.length; k++) {
            assertArrayEquals(first[k], second[k], 0.0, kernels + ": run to run");
            assertEquals(expected[k].length, first[k].length);
            double scale = 0;
            for (double v : expected[k]) scale = Math.max(scale, Math.abs(v));
            assertTrue(scale > 1, kernels + ": a batch sum of order sqrt(batch), not " + scale);
            assertArrayEquals(expected[k], first[k], tolerance * scale, kernels + " against the Java backend");
        }
    }
}
