package org.equikern.concurrent;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;

/**
 * A bounded cache of values that are expensive to make (compiled plans, generated classes): at
 * most {@link #capacity()} entries, the least recently used evicted first. A value is made
 * outside the cache's lock, so making one does not block lookups or the making of others;
 * threads asking for a key that is being made wait for that one result (each key is made once
 * while it stays cached). A failure is thrown to every waiting caller and not cached.
 *
 * @param <K> keys, with value equality
 * @param <V> values (null allowed)
 */
public final class LruCache<K, V> {
    private final Map<K, CompletableFuture<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private int capacity;

    /**
     * An empty cache.
     *
     * @param capacity the most entries kept, ≥ 1
     * @throws IllegalArgumentException when {@code capacity} is below 1
     */
    public LruCache(int capacity) {
        setCapacity(capacity);
    }

    /**
     * The value for {@code key}: the cached one, the one another thread is making, or
     * {@code make.apply(key)}, made on the calling thread and cached.
     *
     * @param key the key, compared with {@code equals}
     * @param make makes the value of a missing key; if it throws, nothing is cached and every caller waiting
     *     for that key gets the same exception
     * @return the value
     */
    public V get(K key, Function<? super K, ? extends V> make) {
        CompletableFuture<V> future;
        CompletableFuture<V> mine = null;
        synchronized (this) {
            future = entries.get(key);
            if (future == null) {
                future = mine = new CompletableFuture<>();
                entries.put(key, mine);
                evictBeyond(capacity);
            }
        }
        if (mine != null) return make(key, make, mine);
        try {
            return future.join();
        } catch (CompletionException e) {
            throw rethrown(e.getCause());
        }
    }

    private V make(K key, Function<? super K, ? extends V> make, CompletableFuture<V> future) {
        try {
            V value = make.apply(key);
            future.complete(value);
            return value;
        } catch (RuntimeException | Error e) {
            synchronized (this) {
                entries.remove(key, future);
            }
            future.completeExceptionally(e);
            throw e;
        }
    }

    private static RuntimeException rethrown(Throwable cause) {
        if (cause instanceof RuntimeException) return (RuntimeException) cause;
        if (cause instanceof Error) throw (Error) cause;
        return new IllegalStateException(cause);
    }

    /**
     * Most entries kept.
     *
     * @return the capacity, ≥ 1
     */
    public synchronized int capacity() {
        return capacity;
    }

    /**
     * Sets {@link #capacity()}, evicting the least recently used entries beyond it.
     *
     * @param capacity the most entries kept, ≥ 1
     * @throws IllegalArgumentException when {@code capacity} is below 1
     */
    public synchronized void setCapacity(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("cache capacity must be >= 1, got " + capacity);
        this.capacity = capacity;
        evictBeyond(capacity);
    }

    /**
     * Number of entries (including those being made).
     *
     * @return the entry count, at most {@link #capacity()}
     */
    public synchronized int size() {
        return entries.size();
    }

    /**
     * The keys, least recently used first.
     *
     * @return a new list of the keys
     */
    public synchronized List<K> keys() {
        return new ArrayList<>(entries.keySet());
    }

    private void evictBeyond(int limit) {
        var oldest = entries.keySet().iterator();
        while (entries.size() > limit) {
            oldest.next();
            oldest.remove();
        }
    }

    /**
     * The capacity named by system property {@code property} (read once, by the caller), or
     * {@code fallback} when it is absent.
     *
     * @param property the system property's name
     * @param fallback the capacity when the property is not set
     * @return the capacity, ≥ 1 when read from the property
     * @throws IllegalArgumentException naming the property when it is not a positive integer
     */
    public static int capacityProperty(String property, int fallback) {
        String value = System.getProperty(property);
        if (value == null) return fallback;
        try {
            int capacity = Integer.parseInt(value.trim());
            if (capacity >= 1) return capacity;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + property + " = '" + value
                + "': expected a positive integer");
    }
}
