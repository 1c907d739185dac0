package org.equikern.faults;

/** The fault suites' seed: fixed, so every run generates the same cases; {@code -Dequikern.faults.seed=N} replays another. */
final class Seeds {
    static final long SEED = Long.getLong("equikern.faults.seed", 20240611L);

    private Seeds() {
    }
}
