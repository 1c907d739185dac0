package org.equikern.nn;

import java.lang.management.ManagementFactory;

/** Measures the bytes the current thread allocates while running a warmed-up action. */
final class Allocations {
    private Allocations() {
    }

    /** Runs {@code action} 20 000 times to warm up, then returns the bytes allocated by 1 000 more runs. */
    static long ofSteadyState(Runnable action) {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 20_000; i++) {
            action.run();
        }
        long id = Thread.currentThread().getId();
        long before = threads.getThreadAllocatedBytes(id);
        for (int i = 0; i < 1000; i++) {
            action.run();
        }
        return threads.getThreadAllocatedBytes(id) - before;
    }
}
