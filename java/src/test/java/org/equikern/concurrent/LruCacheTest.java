package org.equikern.concurrent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LruCacheTest {
    @Test
    void evictsTheLeastRecentlyUsedBeyondItsCapacity() {
        LruCache<String, String> cache = new LruCache<>(3);
        List<String> made = new ArrayList<>();
        for (String key : List.of("a", "b", "c")) cache.get(key, k -> made(made, k));
        cache.get("a", k -> made(made, k));          // a is now the most recently used
        cache.get("d", k -> made(made, k));          // evicts b
        assertEquals(List.of("c", "a", "d"), cache.keys());
        cache.get("b", k -> made(made, k));          // made again, evicts c
        assertEquals(List.of("a", "b", "c", "d", "b"), made);
        assertEquals(List.of("a", "d", "b"), cache.keys());
        cache.setCapacity(1);
        assertEquals(List.of("b"), cache.keys());
        assertThrows(IllegalArgumentException.class, () -> cache.setCapacity(0));
    }

    private static String made(List<String> made, String key) {
        made.add(key);
        return key.toUpperCase();
    }

    @Test
    void aSlowMakeBlocksOnlyItsOwnKeyAndRunsOnce() throws Exception {
        LruCache<String, Object> cache = new LruCache<>(8);
        CountDownLatch slowStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger slowMakes = new AtomicInteger();
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Object[] slowValue = {new Object()};
            Future<Object> first = threads.submit(() -> cache.get("slow", k -> {
                slowMakes.incrementAndGet();
                slowStarted.countDown();
                await(release);
                return slowValue[0];
            }));
            assertTrue(slowStarted.await(5, TimeUnit.SECONDS));
            Future<Object> second = threads.submit(() -> cache.get("slow", k -> {
                slowMakes.incrementAndGet();
                return new Object();
            }));
            // another key is made and returned while "slow" is still being made
            Future<Object> other = threads.submit(() -> cache.get("other", k -> "fast"));
            assertEquals("fast", other.get(5, TimeUnit.SECONDS));
            assertTrue(!first.isDone() && !second.isDone());
            release.countDown();
            assertSame(slowValue[0], first.get(5, TimeUnit.SECONDS));
            assertSame(slowValue[0], second.get(5, TimeUnit.SECONDS));
            assertEquals(1, slowMakes.get());
        } finally {
            release.countDown();
            threads.shutdown();
        }
    }

    @Test
    void aFailureReachesEveryWaiterAndIsNotCached() {
        LruCache<String, String> cache = new LruCache<>(2);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> cache.get("k", k -> {
            throw new IllegalStateException("compile failed");
        }));
        assertEquals("compile failed", e.getMessage());
        assertEquals(0, cache.size());
        assertEquals("v", cache.get("k", k -> "v"));
    }

    @Test
    void theCapacityPropertyIsCheckedAndNamed() {
        String property = "equikern.test.lruCacheSize";
        assertEquals(7, LruCache.capacityProperty(property, 7));
        System.setProperty(property, "0");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> LruCache.capacityProperty(property, 7));
            assertEquals("system property " + property + " = '0': expected a positive integer", e.getMessage());
            System.setProperty(property, " 12 ");
            assertEquals(12, LruCache.capacityProperty(property, 7));
        } finally {
            System.clearProperty(property);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
