package org.equikern.device;

import org.equikern.group.Irreps;
import org.equikern.group.IrrepsLayout;
import org.equikern.nn.Linear;
import org.equikern.ops.linear.LinearOp;
import org.equikern.ops.lorentznet.LgebOp;
import org.equikern.ops.lorentzproduct.ComplexLinear;
import org.equikern.ops.lorentzproduct.ComplexLinearOp;
import org.equikern.ops.lorentzproduct.LorentzInvariants;
import org.equikern.ops.lorentzproduct.LorentzInvariantsOp;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.ops.lorentzproduct.LorentzProduct;
import org.equikern.ops.lorentzproduct.LorentzProductOp;
import org.equikern.ops.loss.EnergyForceLossOp;
import org.equikern.ops.minkowski.MinkowskiGramOp;
import org.equikern.ops.optimizer.OptimizerOp;
import org.equikern.ops.pelican.Aggregation;
import org.equikern.ops.pelican.PelicanAggregation;
import org.equikern.ops.pelican.PelicanAggregationOp;
import org.equikern.ops.pelican.PelicanMap;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Closing devices, ops and buffers, and the bounds on what a device keeps: a close racing a
 * working thread never crashes and never gives a wrong result, closed is closed everywhere (each
 * message naming the user's object), pools stay under their byte limit and scopes let go of
 * closed buffers. Each test opens its own devices ({@link #openDevice()}); the tensor product's
 * run in both irreps layouts. Subclassed per backend.
 */
public abstract class LifecycleContract {
    private static final Plan FULLY_CONNECTED = Plan.of(TensorProductSpec.fullyConnected(
            Irreps.parse("8x0e+4x1o"), Irreps.parse("1x0e+1x1o"), Irreps.parse("6x0e+4x1o")));
    private static final int BATCH = 16;

    /** A new device of the backend under test; the test closes it. */
    protected abstract Device openDevice();

    /**
     * 50 rounds: a thread loops forward, backward and a read-back on a fully connected product
     * while the device is closed after a random 0–40 ms. Every call must either give the result
     * it gives alone or fail with an IllegalStateException naming the device or the buffer.
     */
    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void closingWhileAnotherThreadComputesNeverCrashesNorCorrupts(IrrepsLayout layout) throws Exception {
        SplittableRandom random = new SplittableRandom(1);
        int completed = 0;
        for (int round = 0; round < 50; round++) {
            Device device = openDevice();
            TensorProductOp op = TensorProductOp.on(device, FULLY_CONNECTED, layout);
            MemoryScope scope = device.openScope();
            DeviceBuffer x1 = scope.upload(floats(random, BATCH * FULLY_CONNECTED.dim1()));
            DeviceBuffer x2 = scope.upload(floats(random, BATCH * FULLY_CONNECTED.dim2()));
            DeviceBuffer w = scope.upload(floats(random, FULLY_CONNECTED.weightNumel()));
            DeviceBuffer out = scope.allocate(DType.FLOAT32, (long) BATCH * FULLY_CONNECTED.dimOut());
            DeviceBuffer gx1 = scope.allocate(DType.FLOAT32, x1.length());
            op.forward(x1, x2, w, out, BATCH);
            float[] expectedOut = out.toFloatArray();
            op.backward(x1, x2, w, out, gx1, null, null, BATCH);
            float[] expectedGrad = gx1.toFloatArray();

            AtomicReference<Throwable> failure = new AtomicReference<>();
            AtomicInteger calls = new AtomicInteger();
            Thread worker = new Thread(() -> {
                try {
                    while (true) {
                        op.forward(x1, x2, w, out, BATCH);
                        assertArrayEquals(expectedOut, out.toFloatArray());
                        op.backward(x1, x2, w, out, gx1, null, null, BATCH);
                        assertArrayEquals(expectedGrad, gx1.toFloatArray());
                        calls.incrementAndGet();
                    }
                } catch (IllegalStateException e) {
                    String m = e.getMessage();
                    if (!m.contains("device " + device.name() + " is closed") && !m.contains("is used after close")) {
                        failure.set(e);
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            worker.start();
            Thread.sleep(random.nextInt(41));
            device.close();
            worker.join(10_000);
            assertTrue(!worker.isAlive(), "round " + round + ": the worker did not stop after close");
            if (failure.get() != null) throw new AssertionError("round " + round, failure.get());
            completed += calls.get();
            device.close();
            op.close();
            scope.close();
        }
        assertTrue(completed > 0, "no call completed before a close in 50 rounds");
    }

    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void aClosedOpRefusesWorkNamingItself(IrrepsLayout layout) {
        try (Device device = openDevice(); MemoryScope scope = device.openScope()) {
            TensorProductOp op = TensorProductOp.on(device, FULLY_CONNECTED, layout);
            DeviceBuffer x1 = scope.allocate(DType.FLOAT32, FULLY_CONNECTED.dim1());
            DeviceBuffer x2 = scope.allocate(DType.FLOAT32, FULLY_CONNECTED.dim2());
            DeviceBuffer w = scope.allocate(DType.FLOAT32, FULLY_CONNECTED.weightNumel());
            DeviceBuffer out = scope.allocate(DType.FLOAT32, FULLY_CONNECTED.dimOut());
            op.close();
            op.close();
            assertTrue(op.isClosed());
            String name = "TensorProductOp(8x0e+4x1o x 1x0e+1x1o -> 6x0e+4x1o) on " + device.name();
            assertEquals(name, op.name());
            assertEquals("TensorProductOp.forward: " + name + " is closed", assertThrows(
                    IllegalStateException.class, () -> op.forward(x1, x2, w, out, 1)).getMessage());
            assertEquals("TensorProductOp.backward: " + name + " is closed", assertThrows(IllegalStateException.class,
                    () -> op.backward(x1, x2, w, out, x1, null, null, 1)).getMessage());

            LinearOp linear = LinearOp.on(device, Linear.builder(Irreps.parse("2x0e"), Irreps.parse("1x0e")).build(),
                    DType.FLOAT32);
            linear.close();
            assertEquals("LinearOp.forward: the op is closed", assertThrows(IllegalStateException.class,
                    () -> linear.forward(x1, w, null, out, 1)).getMessage());
        }
    }

    @ParameterizedTest
    @EnumSource(IrrepsLayout.class)
    void aClosedDeviceRefusesWorkOnItsOpsAndBuffersNamingThem(IrrepsLayout layout) {
        Device device = openDevice();
        TensorProductOp op = TensorProductOp.on(device, FULLY_CONNECTED, layout);
        LinearOp linear = LinearOp.on(device, Linear.builder(Irreps.parse("2x0e"), Irreps.parse("1x0e")).build(),
                DType.FLOAT32);
        DeviceBuffer buffer = device.upload(new float[] {1, 2});
        device.close();
        device.close();
        assertTrue(device.isClosed());
        String closed = "device " + device.name() + " is closed";
        assertEquals("TensorProductOp.on: " + closed, assertThrows(IllegalStateException.class,
                () -> TensorProductOp.on(device, FULLY_CONNECTED, layout)).getMessage());
        assertEquals("LinearOp: " + closed, assertThrows(IllegalStateException.class,
                () -> LinearOp.on(device, linear.linear(), DType.FLOAT32)).getMessage());
        assertEquals("TensorProductOp.forward: " + closed, assertThrows(IllegalStateException.class,
                () -> op.forward(buffer, buffer, buffer, buffer, 1)).getMessage());
        assertEquals("LinearOp.forward: " + closed, assertThrows(IllegalStateException.class,
                () -> linear.forward(buffer, buffer, null, buffer, 1)).getMessage());
        assertEquals("buffer " + buffer.name() + " is used after close",
                assertThrows(IllegalStateException.class, buffer::toFloatArray).getMessage());
        assertEquals(closed, assertThrows(IllegalStateException.class, () -> device.allocate(DType.INT32, 1))
                .getMessage());
        assertThrows(IllegalStateException.class, device::openScope);
        op.close();
        linear.close();
        buffer.close();
    }

    /** One listed op: its class name, a factory, and its first call with the name that call reports. */
    private record ListedOp(String kind, Function<Device, OpLifecycle> open, String call,
            Consumer<OpLifecycle> invoke) {
    }

    /**
     * Every op of the jet architectures, the optimizer updates and the training loss. Each call passes no buffers: the closed checks come first,
     * so they must fire before any argument is looked at.
     */
    private static List<ListedOp> listedOps() {
        LorentzIrreps v = LorentzIrreps.parse("1x(0,0)+1x(1,1)");
        LorentzProduct product = new LorentzProduct(v, v, v, LorentzProduct.Mode.FULLY_CONNECTED);
        PelicanAggregation pelican = new PelicanAggregation(PelicanMap.TWO_TO_TWO, 1, Aggregation.MEAN, 4.0);
        return List.of(
                new ListedOp("LorentzProductOp", d -> LorentzProductOp.on(d, product, DType.FLOAT32),
                        "LorentzProductOp.forward", op -> ((LorentzProductOp) op).forward(null, null, null, null, 1)),
                new ListedOp("ComplexLinearOp", d -> ComplexLinearOp.on(d, new ComplexLinear(v, v), DType.FLOAT32),
                        "ComplexLinearOp.backward",
                        op -> ((ComplexLinearOp) op).backward(null, null, null, null, null, 1)),
                new ListedOp("LorentzInvariantsOp",
                        d -> LorentzInvariantsOp.on(d, new LorentzInvariants(v), DType.FLOAT32),
                        "LorentzInvariantsOp.forward", op -> ((LorentzInvariantsOp) op).forward(null, null, 1)),
                new ListedOp("MinkowskiGramOp", d -> MinkowskiGramOp.on(d, DType.FLOAT32),
                        "MinkowskiGramOp.forward", op -> ((MinkowskiGramOp) op).forward(null, null, null, 1, 1)),
                new ListedOp("PelicanAggregationOp", d -> PelicanAggregationOp.on(d, pelican, DType.FLOAT32),
                        "PelicanAggregationOp.forward",
                        op -> ((PelicanAggregationOp) op).forward(null, null, null, null, 1, 1)),
                new ListedOp("LgebOp", d -> LgebOp.on(d, 2, 0.005, DType.FLOAT32), "LgebOp.messageSum",
                        op -> ((LgebOp) op).messageSum(null, null, null, 1, 1)),
                new ListedOp("OptimizerOp", d -> OptimizerOp.on(d, DType.FLOAT32), "OptimizerOp.clipByNorm",
                        op -> ((OptimizerOp) op).clipByNorm(1, null, null, 1)),
                new ListedOp("EnergyForceLossOp", d -> EnergyForceLossOp.on(d, DType.FLOAT32),
                        "EnergyForceLossOp.evaluate", op -> ((EnergyForceLossOp) op).evaluate(null, null, null, null,
                                null, null, null, null, null, 1, 1)));
    }

    @Test
    void aClosedListedOpRefusesWorkNamingItself() {
        try (Device device = openDevice()) {
            for (ListedOp kind : listedOps()) {
                OpLifecycle op = kind.open().apply(device);
                op.close();
                op.close();
                assertTrue(op.isClosed(), kind.kind());
                assertEquals(kind.call() + ": the op is closed", assertThrows(IllegalStateException.class,
                        () -> kind.invoke().accept(op)).getMessage());
            }
        }
    }

    /** Ops made before the device closed refuse calls naming the device; no op can be made after. */
    @Test
    void aClosedDeviceRefusesTheListedOpsNamingIt() {
        Device device = openDevice();
        List<OpLifecycle> ops = new ArrayList<>();
        for (ListedOp kind : listedOps()) ops.add(kind.open().apply(device));
        device.close();
        String closed = "device " + device.name() + " is closed";
        for (int k = 0; k < ops.size(); k++) {
            ListedOp kind = listedOps().get(k);
            OpLifecycle op = ops.get(k);
            assertEquals(kind.call() + ": " + closed, assertThrows(IllegalStateException.class,
                    () -> kind.invoke().accept(op)).getMessage());
            assertEquals(kind.kind() + ": " + closed, assertThrows(IllegalStateException.class,
                    () -> kind.open().apply(device)).getMessage());
            op.close();
        }
    }

    /** 10,000 scopes of random sizes: the pool never keeps more than its limit. */
    @Test
    void thePoolStaysUnderItsByteLimit() {
        try (Device device = openDevice()) {
            long limit = 1 << 20;
            device.setPoolLimitBytes(limit);
            assertEquals(limit, device.poolLimitBytes());
            SplittableRandom random = new SplittableRandom(2);
            long most = 0;
            for (int round = 0; round < 10_000; round++) {
                try (MemoryScope scope = device.openScope()) {
                    for (int k = random.nextInt(1, 4); k > 0; k--) {
                        scope.allocate(random.nextBoolean() ? DType.FLOAT32 : DType.FLOAT64, random.nextInt(1, 40_000));
                    }
                }
                most = Math.max(most, device.pooledBytes());
            }
            assertTrue(most <= limit, "the pool held " + most + " bytes, above its limit " + limit);
            assertTrue(most > limit / 2, "the pool was barely used: " + most + " bytes");
            device.setPoolLimitBytes(0);
            assertEquals(0, device.pooledBytes());
            assertThrows(IllegalArgumentException.class, () -> device.setPoolLimitBytes(-1));
        }
    }

    @Test
    void theDefaultPoolLimitIsAnEighthOfTheDeviceMemory() {
        try (Device device = openDevice()) {
            assertEquals(device.globalMemoryBytes() / 8, device.poolLimitBytes());
        }
    }

    /** A long-lived scope must not keep the buffers closed before it. */
    @Test
    void aScopeLetsGoOfBuffersClosedEarly() throws InterruptedException {
        try (Device device = openDevice(); MemoryScope scope = device.openScope()) {
            device.setPoolLimitBytes(0);
            DeviceBuffer kept = scope.allocate(DType.FLOAT32, 10);
            List<WeakReference<DeviceBuffer>> closed = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                DeviceBuffer b = scope.allocate(DType.FLOAT64, 1000);
                b.close();
                closed.add(new WeakReference<>(b));
            }
            assertEquals(1, scope.size());
            for (int wait = 0; wait < 100 && closed.stream().anyMatch(r -> r.get() != null); wait++) {
                System.gc();
                Thread.sleep(20);
            }
            for (WeakReference<DeviceBuffer> r : closed) assertNull(r.get(), "a closed buffer is still reachable");
            assertTrue(!kept.isClosed());
        }
    }

    private static float[] floats(SplittableRandom random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextDouble(-1, 1);
        return v;
    }
}
