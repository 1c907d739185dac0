package org.equikern.device.kernel;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.equikern.concurrent.LruCache;

/**
 * What a device compiled from {@link GeneratedProgram}s, keyed by source text (which fixes the
 * plan and the precision), at most {@link #capacity()} entries, the least recently used released
 * first. Every use runs under the cache's lock, so an entry is never released while a launch
 * reads it; compiling one program therefore waits for launches of others (a compile is a rare
 * first-use event, a launch an enqueue).
 *
 * @param <C> the device's compiled form (a built program with its kernels, a loaded module)
 */
public final class GeneratedProgramCache<C> {
    /** Programs kept per device unless {@code equikern.kernels.cacheSize} says otherwise. */
    public static final int DEFAULT_CAPACITY = 32;

    private final Map<String, C> entries = new LinkedHashMap<>(16, 0.75f, true);
    private final Consumer<C> release;
    private final int capacity;

    /**
     * A cache of {@code equikern.kernels.cacheSize} entries (default {@value #DEFAULT_CAPACITY}).
     *
     * @param release frees an evicted entry, or every entry on {@link #close()}
     */
    public GeneratedProgramCache(Consumer<C> release) {
        this(LruCache.capacityProperty("equikern.kernels.cacheSize", DEFAULT_CAPACITY), release);
    }

    /**
     * @param capacity the most compiled programs kept, ≥ 1
     * @param release frees an evicted entry, or every entry on {@link #close()}
     * @throws IllegalArgumentException when {@code capacity} is below 1
     */
    public GeneratedProgramCache(int capacity, Consumer<C> release) {
        if (capacity < 1) {
            throw new IllegalArgumentException("generated program cache capacity must be >= 1, got " + capacity);
        }
        this.capacity = capacity;
        this.release = release;
    }

    /**
     * Most compiled programs kept.
     *
     * @return the capacity, ≥ 1
     */
    public int capacity() {
        return capacity;
    }

    /**
     * Number of compiled programs held.
     *
     * @return the count
     */
    public synchronized int size() {
        return entries.size();
    }

    /**
     * Runs {@code use} on the compiled form of {@code program}, compiling it with {@code compile}
     * first when it is not cached (then releasing the least recently used beyond the capacity).
     *
     * @param program the program
     * @param compile compiles a program that is not cached
     * @param use runs on the compiled program, under the cache's lock
     */
    public synchronized void use(GeneratedProgram program, Function<GeneratedProgram, C> compile, Consumer<C> use) {
        C compiled = entries.get(program.source());
        if (compiled == null) {
            compiled = compile.apply(program);
            entries.put(program.source(), compiled);
            var oldest = entries.values().iterator();
            while (entries.size() > capacity) {
                C evicted = oldest.next();
                oldest.remove();
                release.accept(evicted);
            }
        }
        use.accept(compiled);
    }

    /** Releases every entry (the device closes). */
    public synchronized void close() {
        entries.values().forEach(release);
        entries.clear();
    }
}
