package org.equikern.nn;

import java.lang.management.ManagementFactory;

/** Measures the bytes the current thread allocates while running a warmed-up action. */
final class Allocations {
    private Allocations() {
    }

    /**
     * Runs {@code action} 20 000 times to warm up, then returns the bytes allocated by 1 000 more
     * runs: the least of three such measurements, so a one-off allocation by the JVM itself (a
     * late recompilation, a lazily loaded class) does not count, while a per-call allocation
     * shows in every measurement.
     */
    static long ofSteadyState(Runnable action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            action.run();
        }
        long id = Thread.currentThread().getId();
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 1000; i++) {
                action.run();
            }
            least = Math.min(least, threads.getThreadAllocatedBytes(id) - before);
        }
        return least;
    }
}
