package org.equikern.device;

/** How a scatter into nodes sums the contributions of their edges. */
public enum Summation {
    /** Edges grouped by node and summed in edge order by one work-item: reproducible bit for bit. */
    DETERMINISTIC,
    /**
     * One work-item per edge adding atomically: no grouping pass, but the rounding depends on the
     * order of the adds. Backends without atomics (the Java backend) sum deterministically.
     */
    ATOMIC
}
