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
    }, MemoryPool::quarterOctave);

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
}
