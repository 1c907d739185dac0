package org.equikern.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.OpLifecycle;
import org.equikern.device.kernel.GemmKernels;
import org.equikern.nn.Linear;
import org.equikern.nn.SymmetricContraction;
import org.equikern.ops.linear.LinearOp;
import org.equikern.ops.symmetriccontraction.SymmetricContractionOp;
import org.equikern.runtime.Devices;

/**
 * Times the GEMM-shaped ops' forward + backward on one device with each choice of
 * {@link GemmKernels} (tiled, elements), float32, and writes a Markdown table: which kernels are
 * faster there. Each op is made under the property it is timed with (the choice is read when an op
 * is made); the minimum of a few calls after a warm-up is reported, with the median beside it.
 *
 * <pre>java -cp benchmarks.jar org.equikern.bench.GemmKernelsTiming DEVICE OUT.md</pre>
 */
public final class GemmKernelsTiming {
    private static final int WARMUP = 2;
    private static final int CALLS = 5;
    private static final DType DTYPE = DType.FLOAT32;

    /** One timed case: a name, its size, and a way to make its step on a named device. */
    private record Case(String name, String size, StepFactory factory) {}

    /** One forward + backward, finished on the device; closing frees its device. */
    private interface Step extends AutoCloseable {
        void run();

        @Override
        void close();
    }

    @FunctionalInterface
    private interface StepFactory {
        Step make(String deviceName);
    }

    private GemmKernelsTiming() {}

    /**
     * Runs the cases and writes the table.
     *
     * @param args the device name (e.g. {@code opencl}) and the output file
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) throw new IllegalArgumentException("usage: GemmKernelsTiming DEVICE OUT.md");
        List<String> rows = new ArrayList<>();
        for (Case c : cases()) {
            double[] elements = time(c, args[0], GemmKernels.ELEMENTS);
            double[] tiled = time(c, args[0], GemmKernels.TILED);
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.2f (%.2f) | %.2f (%.2f) | %.2f× | %s |", c.name(),
                    c.size(), elements[0], elements[1], tiled[0], tiled[1], tiled[0] / elements[0],
                    tiled[0] < elements[0] ? "tiled" : "elements"));
            System.out.println(rows.get(rows.size() - 1));
        }
        List<String> lines = new ArrayList<>();
        lines.add("| op (f32, forward + backward) | size | elements ms, min (median) | tiled ms, min (median)"
                + " | tiled / elements | faster |");
        lines.add("|---|---|---:|---:|---:|---|");
        lines.addAll(rows);
        Files.write(Path.of(args[1]), lines);
    }

    private static List<Case> cases() {
        int linearBatch = 1000;
        Linear linear = Linear.of("128x0e+128x1o+128x2e", "128x0e+128x1o+128x2e");
        int uvwBatch = 1000;
        Workload uvw = Workload.of("fctp_uvw_32");
        Workload mace = Workload.of("mace_symmetric_contraction");
        SymmetricContraction sc = mace.symmetricContraction();
        int nodes = mace.batch(1);
        return List.of(
                new Case("Linear", "128x0e+128x1o+128x2e, " + linearBatch + " samples",
                        name -> linearStep(name, linear, linearBatch)),
                new Case("tensor product, shared uvw", uvw.id() + ", " + uvwBatch + " samples",
                        name -> tensorProductStep(name, uvw, uvwBatch)),
                new Case("symmetric contraction", mace.id() + ", " + nodes + " nodes",
                        name -> contractionStep(name, sc, nodes)));
    }

    private static Step linearStep(String deviceName, Linear linear, int batch) {
        Device device = Devices.open(deviceName);
        LinearOp op = LinearOp.on(device, linear, DTYPE);
        DeviceBuffer x = Precision.upload(device, DTYPE, 1, (long) batch * linear.irrepsIn().dim());
        DeviceBuffer w = Precision.upload(device, DTYPE, 2, linear.weightNumel());
        DeviceBuffer gradOut = Precision.upload(device, DTYPE, 3, (long) batch * linear.irrepsOut().dim());
        DeviceBuffer out = device.allocate(DTYPE, (long) batch * linear.irrepsOut().dim());
        DeviceBuffer gradX = device.allocate(DTYPE, (long) batch * linear.irrepsIn().dim());
        DeviceBuffer gradW = device.allocate(DTYPE, linear.weightNumel());
        return step(device, op, () -> {
            op.forward(x, w, null, out, batch);
            op.backward(x, w, gradOut, gradX, gradW, null, batch);
        });
    }

    private static Step tensorProductStep(String deviceName, Workload workload, int batch) {
        TensorProductFixture fixture = new TensorProductFixture(workload, deviceName, DTYPE,
                (double) batch / workload.batch());
        return new Step() {
            @Override
            public void run() {
                fixture.forwardBackward();
            }

            @Override
            public void close() {
                fixture.close();
            }
        };
    }

    private static Step contractionStep(String deviceName, SymmetricContraction sc, int nodes) {
        Device device = Devices.open(deviceName);
        SymmetricContractionOp op = SymmetricContractionOp.on(device, sc, DTYPE);
        int[] types = new int[nodes];
        for (int n = 0; n < nodes; n++) types[n] = n % sc.numElements();
        DeviceBuffer x = Precision.upload(device, DTYPE, 1, (long) nodes * sc.irrepsIn().dim());
        DeviceBuffer elements = device.upload(types);
        DeviceBuffer w = Precision.upload(device, DTYPE, 2, sc.weightNumel());
        DeviceBuffer gradOut = Precision.upload(device, DTYPE, 3, (long) nodes * sc.irrepsOut().dim());
        DeviceBuffer out = device.allocate(DTYPE, (long) nodes * sc.irrepsOut().dim());
        DeviceBuffer gradX = device.allocate(DTYPE, (long) nodes * sc.irrepsIn().dim());
        DeviceBuffer gradW = device.allocate(DTYPE, sc.weightNumel());
        return step(device, op, () -> {
            op.forward(x, elements, w, out, nodes);
            op.backward(x, elements, w, gradOut, gradX, gradW, nodes);
        });
    }

    /** {@code calls}, then waiting for the device; closing closes the op, then the device. */
    private static Step step(Device device, OpLifecycle op, Runnable calls) {
        return new Step() {
            @Override
            public void run() {
                calls.run();
                DeviceSync.finish(device);
            }

            @Override
            public void close() {
                try {
                    op.close();
                } finally {
                    device.close();
                }
            }
        };
    }

    /** {min, median} milliseconds of the case's step with {@code kernels} forced. */
    private static double[] time(Case c, String deviceName, GemmKernels kernels) {
        System.setProperty(GemmKernels.PROPERTY, kernels.name().toLowerCase(Locale.ROOT));
        try (Step step = c.factory().make(deviceName)) {
            for (int i = 0; i < WARMUP; i++) step.run();
            double[] ms = new double[CALLS];
            for (int i = 0; i < CALLS; i++) {
                long start = System.nanoTime();
                step.run();
                ms[i] = (System.nanoTime() - start) / 1e6;
            }
            Arrays.sort(ms);
            return new double[] {ms[0], ms[CALLS / 2]};
        } finally {
            System.clearProperty(GemmKernels.PROPERTY);
        }
    }
}
