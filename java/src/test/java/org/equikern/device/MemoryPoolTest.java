package org.equikern.device;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryPoolTest {
    private final List<Object> freed = new ArrayList<>();
    private final MemoryPool<Object> pool = new MemoryPool<>(new MemoryPool.Allocator<>() {
        @Override
        public Object allocate(DType dtype, long capacity) {
            return new Object();
        }

        @Override
        public void free(Object memory) {
            freed.add(memory);
        }
    }, MemoryPool::quarterOctave, Long.MAX_VALUE);

    @Test
    void quarterOctaveSizeClasses() {
        assertEquals(64, MemoryPool.quarterOctave(0));
        assertEquals(64, MemoryPool.quarterOctave(64));
        assertEquals(80, MemoryPool.quarterOctave(65));
        assertEquals(1024, MemoryPool.quarterOctave(1000));
        assertEquals(1280, MemoryPool.quarterOctave(1025));
        assertEquals(1L << 40, MemoryPool.quarterOctave(1L << 40));
    }

    @Test
    void reusesBlocksOfTheSameDtypeAndClass() {
        MemoryPool.Block<Object> a = pool.acquire(DType.FLOAT32, 1000);
        assertEquals(1024, a.capacity());
        pool.release(a);
        assertSame(a, pool.acquire(DType.FLOAT32, 1020));
        pool.release(a);
        assertNotSame(a, pool.acquire(DType.FLOAT64, 1000));
        assertNotSame(a, pool.acquire(DType.FLOAT32, 2000));
        assertEquals(3, pool.allocations());
    }

    @Test
    void trimAndCloseFreePooledBlocks() {
        MemoryPool.Block<Object> a = pool.acquire(DType.INT32, 10);
        MemoryPool.Block<Object> b = pool.acquire(DType.INT32, 10);
        pool.release(a);
        pool.trim();
        assertEquals(List.of(a.memory()), freed);
        pool.close();
        pool.release(b);
        assertEquals(List.of(a.memory(), b.memory()), freed);
        assertEquals(0, pool.pooledBlocks());
        assertThrows(IllegalStateException.class, () -> pool.acquire(DType.INT32, 1));
    }

    @Test
    void theLeastRecentlyReleasedBlocksGoFirstBeyondTheLimit() {
        pool.setLimitBytes(3 * 64 * 4);
        List<MemoryPool.Block<Object>> blocks = new ArrayList<>();
        for (int i = 0; i < 4; i++) blocks.add(pool.acquire(DType.FLOAT32, 64));
        for (MemoryPool.Block<Object> b : blocks) pool.release(b);
        assertEquals(List.of(blocks.get(0).memory()), freed);
        assertEquals(3 * 64 * 4, pool.pooledBytes());
        // a reused block is no longer pooled; the next eviction takes the oldest still there
        assertSame(blocks.get(3), pool.acquire(DType.FLOAT32, 64));
        MemoryPool.Block<Object> big = pool.acquire(DType.FLOAT64, 64);
        pool.release(big);
        assertEquals(List.of(blocks.get(0).memory(), blocks.get(1).memory()), freed);
        pool.setLimitBytes(0);
        assertEquals(List.of(blocks.get(0).memory(), blocks.get(1).memory(), blocks.get(2).memory(), big.memory()),
                freed);
        assertEquals(0, pool.pooledBlocks());
        assertEquals(0, pool.pooledBytes());
        assertThrows(IllegalArgumentException.class, () -> pool.setLimitBytes(-1));
    }

    @Test
    void aBlockLargerThanTheLimitIsFreedAtOnce() {
        pool.setLimitBytes(100);
        MemoryPool.Block<Object> a = pool.acquire(DType.FLOAT64, 64);
        pool.release(a);
        assertEquals(List.of(a.memory()), freed);
        assertEquals(0, pool.pooledBlocks());
    }
}
