package org.equikern.device;

import org.equikern.data.RowSegments;
import org.equikern.ops.gatherscatter.GatherScatter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What every device must do: memory (round trips, checks, pool, scopes, close), and the
 * gather/scatter kernels against plain Java loops. Subclassed once per backend.
 */
public abstract class DeviceContract extends DeviceTestBase {
    private Device other;

    /** A device of another backend, for wrong-device checks. */
    protected abstract Device openOtherDevice();

    @BeforeAll
    void openOther() {
        other = openOtherDevice();
    }

    @AfterAll
    void closeOther() {
        if (other != null) other.close();
    }

    @AfterEach
    void noBufferLeaks() {
        assertEquals(0, device.liveBufferCount(), () -> "leaked: " + device.liveBufferNames());
    }

    @Test
    void uploadDownloadRoundTrip() {
        double[] d = {1.5, -2.25, Math.PI, Double.MIN_VALUE, 1e300};
        float[] f = {1.5f, -2.25f, (float) Math.PI};
        int[] i = {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE};
        try (MemoryScope scope = device.openScope()) {
            assertArrayEquals(d, scope.upload(d).toDoubleArray());
            assertArrayEquals(f, scope.upload(f).toFloatArray());
            assertArrayEquals(i, scope.upload(i).toIntArray());
            DeviceBuffer b = scope.allocate(DType.FLOAT64, d.length);
            b.copyFrom(d);
            double[] back = new double[d.length];
            b.copyTo(back);
            assertArrayEquals(d, back);
            b.zero();
            assertArrayEquals(new double[d.length], b.toDoubleArray());
            DeviceBuffer empty = scope.upload(new float[0]);
            assertEquals(0, empty.toFloatArray().length);
            empty.zero();
            assertEquals(device, b.device());
            assertEquals(DType.FLOAT64, b.dtype());
            assertEquals(5, b.length());
            assertEquals(40, b.byteSize());
        }
    }

    @Test
    void transfersCountEveryCopyThatMovesData() {
        Transfers before = device.transfers();
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer d = scope.upload(new double[] {1, 2, 3});
            scope.upload(new int[] {4, 5});
            scope.upload(new float[0]);
            d.copyTo(new double[3]);
            d.zero();
            scope.allocate(DType.FLOAT32, 7);
        }
        assertEquals(new Transfers(2, 3 * 8 + 2 * 4, 1, 3 * 8), device.transfers().since(before));
    }

    @Test
    void copiesCheckTypeAndLength() {
        try (DeviceBuffer b = device.allocate(DType.FLOAT32, 3)) {
            IllegalArgumentException type = assertThrows(IllegalArgumentException.class, () -> b.copyFrom(new double[3]));
            assertEquals("buffer " + b.name() + " holds FLOAT32, cannot copy from a double[]", type.getMessage());
            IllegalArgumentException length = assertThrows(IllegalArgumentException.class, () -> b.copyTo(new float[2]));
            assertEquals("buffer " + b.name() + ": expected a host array of 3 elements, got 2", length.getMessage());
            assertTrue(b.name().endsWith(" FLOAT32[3] on " + device.name()), b.name());
        }
        assertThrows(IllegalArgumentException.class, () -> device.allocate(DType.FLOAT32, -1));
    }

    @Test
    void useAfterCloseNamesTheBuffer() {
        DeviceBuffer b = device.upload(new double[] {1, 2});
        DeviceBuffer idx = device.upload(new int[] {0});
        b.close();
        b.close();
        assertTrue(b.isClosed());
        String expected = "buffer " + b.name() + " is used after close";
        assertEquals(expected, assertThrows(IllegalStateException.class, b::toDoubleArray).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class, () -> b.copyFrom(new double[2])).getMessage());
        assertEquals(expected, assertThrows(IllegalStateException.class, b::zero).getMessage());
        try (DeviceBuffer out = device.allocate(DType.FLOAT64, 2)) {
            assertEquals("x " + b.name() + " is used after close", assertThrows(IllegalStateException.class,
                    () -> GatherScatter.on(device).gatherRows(b, idx, out, 2)).getMessage());
        } finally {
            idx.close();
        }
    }

    @Test
    void buffersOfAnotherDeviceAreRejected() {
        try (MemoryScope mine = device.openScope(); MemoryScope theirs = other.openScope()) {
            DeviceBuffer x = theirs.upload(new float[] {1, 2});
            DeviceBuffer idx = mine.upload(new int[] {0, 0});
            DeviceBuffer out = mine.allocate(DType.FLOAT32, 4);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> GatherScatter.on(device).gatherRows(x, idx, out, 2));
            assertTrue(e.getMessage().startsWith("x " + x.name() + " belongs to ")
                    && e.getMessage().endsWith(other.name() + ", not to device " + device.name()), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> mine.adopt(x));
        }
    }

    @Test
    void allocateFreeLoopsReuseThePoolAndLeaveNothingLive() {
        device.trimPool();
        long before = device.pool().allocations();
        for (int round = 0; round < 200; round++) {
            try (DeviceBuffer a = device.allocate(DType.FLOAT32, 1000 + round % 7);
                    DeviceBuffer b = device.allocate(DType.FLOAT64, 10)) {
                assertEquals(2, device.liveBufferCount());
                assertTrue(a.length() >= 1000 && b.length() == 10);
            }
        }
        assertEquals(0, device.liveBufferCount());
        long allocated = device.pool().allocations() - before;
        assertTrue(allocated <= 2 + 7, "pool allocated " + allocated + " times for 400 requests");
        assertTrue(device.pool().pooledBlocks() >= 2);
        device.trimPool();
        assertEquals(0, device.pool().pooledBlocks());
    }

    @Test
    void scopeClosesWhatItAllocated() {
        DeviceBuffer a;
        DeviceBuffer b;
        DeviceBuffer c;
        MemoryScope scope = device.openScope();
        try (scope) {
            a = scope.allocate(DType.INT32, 4);
            b = scope.upload(new double[] {1});
            c = scope.adopt(device.upload(new float[] {2}));
            b.close();
            assertEquals(2, device.liveBufferCount());
        }
        assertTrue(a.isClosed() && b.isClosed() && c.isClosed());
        assertEquals(0, device.liveBufferCount());
        scope.close();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> scope.allocate(DType.INT32, 1));
        assertEquals("memory scope on " + device.name() + " is closed", e.getMessage());
    }

    @Test
    void launchesValidateShapesFirst() {
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer x = scope.upload(new double[6]);
            DeviceBuffer idx = scope.upload(new int[] {0, 1});
            DeviceBuffer out = scope.allocate(DType.FLOAT64, 5);
            GatherScatter ops = GatherScatter.on(device);
            assertEquals("out " + out.name() + ": expected 6 elements, got 5",
                    assertThrows(IllegalArgumentException.class, () -> ops.gatherRows(x, idx, out, 3)).getMessage());
            assertEquals("x " + x.name() + " is not a whole number of rows of width 4",
                    assertThrows(IllegalArgumentException.class, () -> ops.gatherRows(x, idx, out, 4)).getMessage());
            DeviceBuffer f = scope.allocate(DType.FLOAT32, 6);
            assertEquals("out " + f.name() + " must have the dtype of x, FLOAT64",
                    assertThrows(IllegalArgumentException.class, () -> ops.gatherRows(x, idx, f, 3)).getMessage());
            assertEquals("index " + x.name() + " must be INT32",
                    assertThrows(IllegalArgumentException.class, () -> ops.gatherRows(x, x, out, 3)).getMessage());
            assertEquals("out " + x.name() + " must not be the input x",
                    assertThrows(IllegalArgumentException.class, () -> ops.scatterAddRows(x, idx, x, 3)).getMessage());
        }
    }

    static Stream<Arguments> shapes() {
        List<Arguments> out = new ArrayList<>();
        int[][] shapes = {{1, 1, 1}, {1, 5, 3}, {7, 1, 2}, {5, 7, 3}, {37, 1000, 1}, {300, 777, 5}, {64, 4096, 16}};
        for (DType dtype : new DType[] {DType.FLOAT32, DType.FLOAT64}) {
            for (int[] s : shapes) out.add(Arguments.of(dtype, s[0], s[1], s[2]));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0} rows={1} edges={2} width={3}")
    @MethodSource("shapes")
    void gatherScatterMatchJavaLoops(DType dtype, int rows, int edges, int width) {
        SplittableRandom random = new SplittableRandom(rows * 31L + edges * 7L + width);
        double[] nodes = randomValues(random, rows * width);
        double[] messages = randomValues(random, edges * width);
        int[] index = new int[edges];
        for (int e = 0; e < edges; e++) index[e] = random.nextInt(rows);
        double[] start = randomValues(random, rows * width);
        checkGatherScatter(device, dtype, rows, width, nodes, messages, index, start);
    }

    @Test
    void concurrentUseFromFourThreads() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int seed = t;
                futures.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    for (int round = 0; round < 15; round++) {
                        int rows = 1 + random.nextInt(50);
                        int edges = 1 + random.nextInt(300);
                        int width = 1 + random.nextInt(4);
                        int[] index = new int[edges];
                        for (int e = 0; e < edges; e++) index[e] = random.nextInt(rows);
                        checkGatherScatter(device, round % 2 == 0 ? DType.FLOAT32 : DType.FLOAT64, rows, width,
                                randomValues(random, rows * width), randomValues(random, edges * width), index,
                                randomValues(random, rows * width));
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) f.get();
        } finally {
            pool.shutdown();
        }
    }

    /** Runs the three operations on {@code device} and compares them with plain loops in double. */
    static void checkGatherScatter(Device device, DType dtype, int rows, int width, double[] nodes,
            double[] messages, int[] index, double[] start) {
        int edges = index.length;
        double[] gathered = new double[edges * width];
        double[] scattered = start.clone();
        double[] magnitude = new double[rows * width];
        int[] terms = new int[rows];
        for (int e = 0; e < edges; e++) {
            terms[index[e]]++;
            for (int c = 0; c < width; c++) {
                gathered[e * width + c] = round(dtype, nodes[index[e] * width + c]);
                scattered[index[e] * width + c] += round(dtype, messages[e * width + c]);
                magnitude[index[e] * width + c] += Math.abs(messages[e * width + c]);
            }
        }
        RowSegments segments = RowSegments.group(index, rows);
        GatherScatter ops = GatherScatter.on(device);
        try (MemoryScope scope = device.openScope()) {
            DeviceBuffer x = upload(scope, dtype, nodes);
            DeviceBuffer m = upload(scope, dtype, messages);
            DeviceBuffer idx = scope.upload(index);
            DeviceBuffer out = scope.allocate(dtype, (long) edges * width);
            ops.gatherRows(x, idx, out, width);
            assertArrayEquals(gathered, download(out), 0.0, "gatherRows");

            DeviceBuffer atomic = upload(scope, dtype, start);
            ops.scatterAddRows(m, idx, atomic, width);
            assertClose(dtype, scattered, download(atomic), start, magnitude, terms, width, "scatterAddRows");

            DeviceBuffer segmented = upload(scope, dtype, start);
            ops.segmentSumRows(m, scope.upload(segments.order()), scope.upload(segments.offsets()), segmented, width);
            assertClose(dtype, scattered, download(segmented), start, magnitude, terms, width, "segmentSumRows");
        }
    }

    private static void assertClose(DType dtype, double[] expected, double[] actual, double[] start,
            double[] magnitude, int[] terms, int width, String what) {
        double eps = dtype == DType.FLOAT64 ? 0x1p-52 : 0x1p-23;
        for (int i = 0; i < expected.length; i++) {
            // Rounding of the start value and of each of the row's additions, each at most eps of the total.
            double bound = (terms[i / width] + 2) * eps * (Math.abs(start[i]) + magnitude[i]) + Double.MIN_NORMAL;
            double error = Math.abs(expected[i] - actual[i]);
            if (!(error <= bound)) {
                throw new AssertionError(what + " " + dtype + " element " + i + ": expected " + expected[i]
                        + ", got " + actual[i] + " (error " + error + " > " + bound + ")");
            }
        }
    }

    static double[] randomValues(SplittableRandom random, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = random.nextDouble(-1, 1);
        return v;
    }

    private static double round(DType dtype, double v) {
        return dtype == DType.FLOAT32 ? (float) v : v;
    }
}
