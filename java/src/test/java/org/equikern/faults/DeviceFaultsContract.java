package org.equikern.faults;

import static org.equikern.faults.HostCopies.download;
import static org.equikern.faults.HostCopies.upload;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceKind;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.group.ShNormalization;
import org.equikern.group.SphericalHarmonics;
import org.equikern.nn.Activation;
import org.equikern.nn.Gate;
import org.equikern.nn.Linear;
import org.equikern.nn.NormActivation;
import org.equikern.ops.gate.GateOp;
import org.equikern.ops.harmonics.SphericalHarmonicsOp;
import org.equikern.ops.linear.LinearOp;
import org.equikern.ops.normactivation.NormActivationOp;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.runtime.Devices;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Generated bad calls of a device's buffers and ops, in both precisions: nulls in every argument
 * position, wrong lengths and dtypes, buffers of another device or closed, aliased outputs, bad
 * batches, closed ops, huge allocations, NaN/Inf inputs. Each is rejected naming the argument (and
 * leaves no buffer live), or, when valid, gives what the host layer computes.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DeviceFaultsContract {
    private static final int CASES_PER_OP = 60;
    private static final String[] FAULTS = {"valid", "null", "length", "dtype", "foreign", "closed", "alias", "batch",
        "nonfinite"};

    private Device device;
    private Device foreign;
    private final Random random = new Random(Seeds.SEED + 2);
    private FaultRecorder recorder;

    /** The device under test. */
    protected abstract Device openDevice();

    @BeforeAll
    void open() {
        device = openDevice();
        foreign = Devices.open("java");
        recorder = new FaultRecorder(Seeds.SEED + 2).watching(device);
    }

    @AfterAll
    void close() {
        device.close();
        foreign.close();
    }

    /** One argument of an op call: its name, length for the valid call, and whether the op writes it. */
    private record Slot(String name, long length, boolean output, boolean nullable) {
    }

    /** The call under test, given its buffers (in slot order) and the batch. */
    private interface Invocation {
        void call(DeviceBuffer[] args, int batch);
    }

    /** The host result of a valid call's first output, from the host arrays of its inputs. */
    private interface HostReference {
        double[] compute(double[][] inputs, int batch);
    }

    private record OpCall(String label, Slot[] slots, Invocation invocation, HostReference reference) {
    }

    @Test
    void badBuffersAndAllocationsAreRejectedByName() {
        for (DType dtype : DType.values()) {
            // Java arrays end at 2^31 elements; a kernel device's largest buffer is its driver's choice (PoCL
            // allows 8 GiB on some hosts, less on others), so there the length past its whole memory is the
            // one every driver must reject.
            long pastLimit = device.kind() == DeviceKind.JAVA ? (long) Integer.MAX_VALUE + 1
                    : device.globalMemoryBytes() / dtype.bytes() + 1;
            long[] lengths = {-1, Integer.MIN_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE / 8, 1L << 40,
                pastLimit};
            for (long length : lengths) {
                recorder.mustReject("device.allocate", device.name() + ".allocate(" + dtype + ", " + length + ")",
                        () -> device.allocate(dtype, length), "length", String.valueOf(length));
            }
        }
        recorder.mustReject("device.allocate", "allocate(null, 4)", () -> device.allocate(null, 4), "dtype");
        recorder.mustReject("device.upload", "upload((double[]) null)", () -> device.upload((double[]) null), "values");
        recorder.mustReject("device.upload", "upload((float[]) null)", () -> device.upload((float[]) null), "values");
        recorder.mustReject("device.upload", "upload((int[]) null)", () -> device.upload((int[]) null), "values");
        for (int i = 0; i < 60; i++) {
            try (MemoryScope scope = device.openScope()) {
                int n = random.nextInt(5) + 1;
                DeviceBuffer buffer = scope.allocate(DType.FLOAT32, n);
                int wrong = n + (random.nextBoolean() ? 1 : -1) * (random.nextInt(3) + 1);
                int size = Math.max(0, wrong);
                String input = buffer.name() + " with arrays of " + size;
                recorder.mustReject("buffer.copy", "copyFrom " + input, () -> {
                    buffer.copyFrom(new float[size]);
                    return null;
                }, "src", "length", String.valueOf(size));
                recorder.mustReject("buffer.copy", "copyTo " + input, () -> {
                    buffer.copyTo(new float[size]);
                    return null;
                }, "dst", "length", String.valueOf(size));
                recorder.mustReject("buffer.copy", "copyFrom(null) " + input, () -> {
                    buffer.copyFrom((float[]) null);
                    return null;
                }, "src");
                recorder.mustReject("buffer.dtype", "toDoubleArray of " + input, buffer::toDoubleArray, "FLOAT32", "dtype");
                recorder.mustReject("buffer.dtype", "copyFrom(int[]) " + input, () -> {
                    buffer.copyFrom(new int[n]);
                    return null;
                }, "FLOAT32", "dtype");
                buffer.close();
                recorder.mustReject("buffer.closed", "toFloatArray of closed " + input, buffer::toFloatArray,
                        buffer.name(), "closed");
                recorder.mustReject("buffer.closed", "zero of closed " + input, () -> {
                    buffer.zero();
                    return null;
                }, buffer.name(), "closed");
            }
        }
        MemoryScope closedScope = device.openScope();
        closedScope.close();
        recorder.mustReject("scope.closed", "allocate in a closed scope", () -> closedScope.allocate(DType.FLOAT32, 3),
                "closed");
        recorder.assertNoFaults(device.name() + " buffers");
    }

    @Test
    void badOpCallsAreRejectedByNameInBothPrecisions() {
        for (DType dtype : new DType[] {DType.FLOAT64, DType.FLOAT32}) {
            List<OpCall> calls = opCalls(dtype);
            for (OpCall call : calls) {
                warmUp(call, dtype);
                for (int i = 0; i < CASES_PER_OP; i++) generatedCall(call, dtype, FAULTS[i % FAULTS.length]);
            }
            closeOps.forEach(Closer::close);
            closeOps.clear();
            if (device.liveBufferCount() != 0) {
                recorder.failure("op.close", device.name() + " " + dtype, "buffers live after every op and scope closed: "
                        + device.liveBufferNames());
            }
        }
        recorder.assertNoFaults(device.name() + " ops");
    }

    /** Ops opened by {@link #opCalls}, closed after their cases. */
    private final List<Closer> closeOps = new ArrayList<>();

    private interface Closer extends AutoCloseable {
        @Override
        void close();
    }

    /** One valid call outside the recorder: an op may allocate its scratch on first use and keep it until closed. */
    private void warmUp(OpCall call, DType dtype) {
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer[] args = new DeviceBuffer[call.slots().length];
            for (int s = 0; s < args.length; s++) args[s] = upload(scope, dtype, gaussian((int) call.slots()[s].length()));
            call.invocation().call(args, 3);
        }
    }

    private List<OpCall> opCalls(DType dtype) {
        List<OpCall> calls = new ArrayList<>();
        int batch = 3;
        TensorProduct tp = new TensorProduct(TensorProductSpec.fullyConnected(Irreps.parse("2x0e+0x1o+2x1o"),
                Irreps.parse("1x0e+1x1o"), Irreps.parse("2x0e+1x1o+0x2e+1x1e")));
        Plan plan = tp.plan();
        long weights = (plan.sharedWeights() ? 1 : batch) * (long) plan.weightNumel();
        TensorProductOp tpOp = TensorProductOp.on(device, plan);
        closeOps.add(tpOp::close);
        calls.add(new OpCall("TensorProductOp.forward", new Slot[] {
            new Slot("x1", batch * plan.dim1(), false, false), new Slot("x2", batch * plan.dim2(), false, false),
            new Slot("weights", weights, false, false),
            new Slot("out", batch * plan.dimOut(), true, false)},
            (a, b) -> tpOp.forward(a[0], a[1], a[2], a[3], b), (in, b) -> tp.forward(in[0], in[1], in[2], b)));
        calls.add(new OpCall("TensorProductOp.backward", new Slot[] {
            new Slot("x1", batch * plan.dim1(), false, false), new Slot("x2", batch * plan.dim2(), false, false),
            new Slot("weights", weights, false, false),
            new Slot("gradOut", batch * plan.dimOut(), false, false),
            new Slot("gradX1", batch * plan.dim1(), true, true), new Slot("gradX2", batch * plan.dim2(), true, true),
            new Slot("gradWeights", weights, true, true)},
            (a, b) -> tpOp.backward(a[0], a[1], a[2], a[3], a[4], a[5], a[6], b),
            (in, b) -> tp.backward(in[0], in[1], in[2], in[3], b).x1()));
        SphericalHarmonics sh = SphericalHarmonics.of(3, ShNormalization.COMPONENT, true);
        SphericalHarmonicsOp shOp = SphericalHarmonicsOp.on(device, sh, dtype);
        closeOps.add(shOp::close);
        calls.add(new OpCall("SphericalHarmonicsOp.forward", new Slot[] {
            new Slot("vectors", 3L * batch, false, false), new Slot("out", (long) batch * sh.dim(), true, false)},
            (a, b) -> shOp.forward(a[0], a[1], b), (in, b) -> {
                double[] out = new double[b * sh.dim()];
                sh.compute(in[0], out, b);
                return out;
            }));
        Linear linear = Linear.builder(Irreps.parse("3x0e+2x1o+0x2e"), Irreps.parse("2x0e+0x0o+1x1o")).biases(true).build();
        LinearOp linearOp = LinearOp.on(device, linear, dtype);
        closeOps.add(linearOp::close);
        calls.add(new OpCall("LinearOp.forward", new Slot[] {
            new Slot("x", (long) batch * linear.irrepsIn().dim(), false, false),
            new Slot("weights", linear.weightNumel(), false, false), new Slot("bias", linear.biasNumel(), false, false),
            new Slot("out", (long) batch * linear.irrepsOut().dim(), true, false)},
            (a, b) -> linearOp.forward(a[0], a[1], a[2], a[3], b), (in, b) -> {
                double[] out = new double[b * linear.irrepsOut().dim()];
                linear.forward(in[0], in[1], in[2], out, b);
                return out;
            }));
        Gate gate = Gate.of("3x0e+2x0o", List.of(Activation.SILU, Activation.TANH), "2x0e+1x0e",
                List.of(Activation.SIGMOID, Activation.TANH), "2x1o+1x2e");
        GateOp gateOp = GateOp.on(device, gate, dtype);
        closeOps.add(gateOp::close);
        calls.add(new OpCall("GateOp.forward", new Slot[] {
            new Slot("x", (long) batch * gate.irrepsIn().dim(), false, false),
            new Slot("out", (long) batch * gate.irrepsOut().dim(), true, false)},
            (a, b) -> gateOp.forward(a[0], a[1], b), (in, b) -> {
                double[] out = new double[b * gate.irrepsOut().dim()];
                gate.forward(in[0], out, b);
                return out;
            }));
        NormActivation norm = NormActivation.builder(Irreps.parse("2x0e+1x1o+0x2e+1x2e"), Activation.SILU).bias(true).build();
        NormActivationOp normOp = NormActivationOp.on(device, norm, dtype);
        closeOps.add(normOp::close);
        calls.add(new OpCall("NormActivationOp.forward", new Slot[] {
            new Slot("x", (long) batch * norm.irrepsIn().dim(), false, false),
            new Slot("bias", norm.biasNumel(), false, false),
            new Slot("out", (long) batch * norm.irrepsOut().dim(), true, false)},
            (a, b) -> normOp.forward(a[0], a[1], a[2], b), (in, b) -> {
                double[] out = new double[b * norm.irrepsOut().dim()];
                norm.forward(in[0], in[1], out, b);
                return out;
            }));
        return calls;
    }

    private void generatedCall(OpCall call, DType dtype, String fault) {
        int batch = 3;
        Slot[] slots = call.slots();
        double[][] host = new double[slots.length][];
        for (int s = 0; s < slots.length; s++) host[s] = gaussian((int) slots[s].length());
        try (MemoryScope scope = device.openScope(); MemoryScope foreignScope = foreign.openScope()) {
            DeviceBuffer[] args = new DeviceBuffer[slots.length];
            for (int s = 0; s < slots.length; s++) args[s] = upload(scope, dtype, host[s]);
            int s = random.nextInt(slots.length);
            int callBatch = batch;
            String[] names = {slots[s].name()};
            String what;
            switch (fault) {
                case "null":
                    args[s] = null;
                    what = slots[s].name() + " = null";
                    break;
                case "length": {
                    long length = Math.max(0, slots[s].length() + (random.nextBoolean() ? 1 : -1) * (random.nextInt(4) + 1));
                    args[s] = scope.allocate(dtype, length);
                    what = slots[s].name() + ".length = " + length;
                    break;
                }
                case "dtype": {
                    DType other = dtype == DType.FLOAT64 ? (random.nextBoolean() ? DType.FLOAT32 : DType.INT32)
                            : (random.nextBoolean() ? DType.FLOAT64 : DType.INT32);
                    args[s] = scope.allocate(other, slots[s].length());
                    what = slots[s].name() + " of " + other;
                    break;
                }
                case "foreign":
                    args[s] = foreignScope.allocate(dtype, slots[s].length());
                    what = slots[s].name() + " on " + foreign.name();
                    break;
                case "closed":
                    args[s].close();
                    names = new String[] {slots[s].name(), args[s].name()};
                    what = slots[s].name() + " closed";
                    break;
                case "alias": {
                    int out = outputSlot(slots);
                    int in = random.nextInt(slots.length);
                    if (in == out) in = (out + 1) % slots.length;
                    args[out] = args[in];
                    names = new String[] {"alias", slots[out].name()};
                    what = slots[out].name() + " is " + slots[in].name();
                    break;
                }
                case "batch":
                    callBatch = new int[] {-1, Integer.MIN_VALUE, Integer.MAX_VALUE, batch + 1, 100_000_000}[random.nextInt(5)];
                    names = slotNames(slots, "batch", " n ", "n =", String.valueOf(callBatch));
                    what = "batch = " + callBatch;
                    break;
                default:
                    what = fault;
            }
            if ("nonfinite".equals(fault)) {
                host[0][random.nextInt(host[0].length)] = random.nextBoolean() ? Double.NaN : Double.POSITIVE_INFINITY;
                args[0] = upload(scope, dtype, host[0]);
            }
            String input = device.name() + " " + dtype + " " + call.label() + ": " + what;
            DeviceBuffer[] finalArgs = args;
            int b = callBatch;
            if ("valid".equals(fault) || "nonfinite".equals(fault) || "null".equals(fault) && slots[s].nullable()) {
                int out = outputSlot(slots);
                recorder.mayPass("op." + fault, input, () -> {
                    call.invocation().call(finalArgs, b);
                    return finalArgs[out] == null ? null : download(finalArgs[out]);
                }, result -> {
                    if (result != null) matchesHost(call, host, batch, dtype, result);
                }, names);
            } else {
                recorder.mustReject("op." + fault, input, () -> {
                    call.invocation().call(finalArgs, b);
                    return null;
                }, names);
            }
        }
    }

    /** Equal to the host layer where the input is finite; NaN where a non-finite input reaches (not checked further). */
    private static void matchesHost(OpCall call, double[][] host, int batch, DType dtype, double[] result) {
        double[] expected = call.reference().compute(host, batch);
        double tolerance = dtype == DType.FLOAT64 ? 1e-12 : 1e-5;
        assertEquals(expected.length, result.length, "length");
        for (int i = 0; i < expected.length; i++) {
            if (!Double.isFinite(expected[i])) {
                assertEquals(Double.isNaN(expected[i]), Double.isNaN(result[i]), "NaN at " + i + ": " + result[i]);
                continue;
            }
            assertEquals(expected[i], result[i], tolerance * (1 + Math.abs(expected[i])), "element " + i);
        }
    }

    private static int outputSlot(Slot[] slots) {
        for (int s = 0; s < slots.length; s++) if (slots[s].output()) return s;
        throw new AssertionError("no output");
    }

    private static String[] slotNames(Slot[] slots, String... more) {
        List<String> names = new ArrayList<>(List.of(more));
        for (Slot slot : slots) names.add(slot.name());
        return names.toArray(new String[0]);
    }

    private double[] gaussian(int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }
}
