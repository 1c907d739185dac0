package org.equikern.faults;

import static org.equikern.faults.HostCopies.download;
import static org.equikern.faults.HostCopies.upload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.Irreps;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.runtime.Devices;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Several threads run a weighted fully connected tensor product (forward and backward) while
 * another closes the device, the op or a worker's scope at a random moment: every result is bit
 * for bit the single-threaded one or the call fails with {@link IllegalStateException}; nothing
 * hangs, crashes the JVM or stays allocated.
 */
class LifecycleFaultsTest {
    private static final int WORKERS = 3;
    private static final int BATCH = 8;
    private static final Plan PLAN = Plan.of(TensorProductSpec.fullyConnected(Irreps.parse("4x0e+2x1o+0x2e"),
            Irreps.parse("1x0e+1x1o"), Irreps.parse("3x0e+2x1o+1x1e")).toBuilder().sharedWeights(false).build());

    @ParameterizedTest
    @CsvSource({"java, FLOAT64, 12", "java, FLOAT32, 12", "opencl:0, FLOAT64, 8", "opencl:0, FLOAT32, 8"})
    void closingUnderConcurrentCallsGivesExactResultsOrIllegalState(String name, DType dtype, int rounds)
            throws InterruptedException {
        long seed = Seeds.SEED + name.hashCode() + dtype.ordinal();
        Random random = new Random(seed);
        FaultRecorder recorder = new FaultRecorder(seed);
        double[][] inputs = {gaussian(random, BATCH * PLAN.dim1()), gaussian(random, BATCH * PLAN.dim2()),
            gaussian(random, BATCH * PLAN.weightNumel()), gaussian(random, BATCH * PLAN.dimOut())};
        for (int round = 0; round < rounds; round++) {
            int target = random.nextInt(3);
            long delayMicros = random.nextInt(40_000);
            String input = name + " " + dtype + " round " + round + ": close " + new String[] {"device", "op", "scope"}[target]
                    + " after " + delayMicros + " µs";
            recorder.count("lifecycle." + new String[] {"device", "op", "scope"}[target]);
            Device device = Devices.open(name);
            TensorProductOp op = TensorProductOp.on(device, PLAN);
            double[][] expected = run(op, dtype, inputs);
            List<String> problems = new ArrayList<>();
            List<MemoryScope> scopes = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) scopes.add(device.openScope());
            List<Thread> workers = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                MemoryScope scope = scopes.get(w);
                workers.add(new Thread(() -> work(op, scope, dtype, inputs, expected, problems), "fault-worker-" + w));
            }
            workers.forEach(Thread::start);
            TimeUnit.MICROSECONDS.sleep(delayMicros);
            try {
                if (target == 0) device.close();
                else if (target == 1) op.close();
                else scopes.get(random.nextInt(WORKERS)).close();
            } catch (RuntimeException e) {
                problems.add("close threw " + e);
            }
            for (Thread t : workers) {
                t.join(FaultRecorder.TIME_LIMIT.toMillis());
                if (t.isAlive()) problems.add(t.getName() + " still running " + FaultRecorder.TIME_LIMIT + " after the close");
            }
            scopes.forEach(MemoryScope::close);
            op.close();
            if (!device.isClosed() && device.liveBufferCount() != 0) {
                problems.add("buffers live after op and scopes closed: " + device.liveBufferNames());
            }
            device.close();
            synchronized (problems) {
                for (String p : problems) recorder.failure("lifecycle", input, p);
            }
        }
        recorder.assertNoFaults("lifecycle " + name + " " + dtype);
    }

    /** Loops forward + backward until a call is refused; records any other outcome that is not exact. */
    private static void work(TensorProductOp op, MemoryScope scope, DType dtype, double[][] inputs, double[][] expected,
            List<String> problems) {
        try {
            for (int i = 0; i < 200; i++) {
                double[][] got = run(op, scope, dtype, inputs);
                for (int k = 0; k < got.length; k++) {
                    if (!Arrays.equals(expected[k], got[k])) {
                        synchronized (problems) {
                            problems.add("result " + k + " of call " + i + " differs from the single-threaded one");
                        }
                        return;
                    }
                }
            }
        } catch (IllegalStateException refused) {
            // closed while in use: the allowed outcome
        } catch (Throwable e) {
            synchronized (problems) {
                problems.add("unexpected " + e);
            }
        }
    }

    private static double[][] run(TensorProductOp op, DType dtype, double[][] inputs) {
        try (MemoryScope scope = op.device().openScope()) {
            return run(op, scope, dtype, inputs);
        }
    }

    private static double[][] run(TensorProductOp op, MemoryScope scope, DType dtype, double[][] in) {
        DeviceBuffer x1 = upload(scope, dtype, in[0]), x2 = upload(scope, dtype, in[1]), w = upload(scope, dtype, in[2]);
        DeviceBuffer gradOut = upload(scope, dtype, in[3]);
        DeviceBuffer out = scope.allocate(dtype, (long) BATCH * PLAN.dimOut());
        DeviceBuffer gradX1 = scope.allocate(dtype, (long) BATCH * PLAN.dim1());
        DeviceBuffer gradW = scope.allocate(dtype, (long) BATCH * PLAN.weightNumel());
        op.forward(x1, x2, w, out, BATCH);
        op.backward(x1, x2, w, gradOut, gradX1, null, gradW, BATCH);
        double[][] result = {download(out), download(gradX1), download(gradW)};
        for (DeviceBuffer b : new DeviceBuffer[] {x1, x2, w, gradOut, out, gradX1, gradW}) b.close();
        return result;
    }

    private static double[] gaussian(Random random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextGaussian();
        return v;
    }
}
