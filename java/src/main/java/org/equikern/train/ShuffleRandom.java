package org.equikern.train;

import java.util.Map;

/**
 * The random numbers of a training run: SplitMix64 (Steele, Lea and Flood 2014), whose whole state
 * is one {@code long}, so a checkpoint saves it and a resumed run draws the same numbers. State:
 * {@code state}.
 */
final class ShuffleRandom implements Stateful {
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private long state;

    ShuffleRandom(long seed) {
        this.state = seed;
    }

    long nextLong() {
        long z = (state += GOLDEN_GAMMA);
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** A uniform integer in [0, bound), bound ≥ 1, without modulo bias (rejection as in SplittableRandom). */
    int nextInt(int bound) {
        while (true) {
            long u = nextLong() >>> 1;
            long r = u % bound;
            // Reject the incomplete last block of [0, 2^63): there u + bound − 1 − r overflows.
            if (u + (bound - 1) - r >= 0) {
                return (int) r;
            }
        }
    }

    /** Shuffles {@code values} in place (Fisher–Yates). */
    void shuffle(int[] values) {
        for (int i = values.length - 1; i > 0; i--) {
            int j = nextInt(i + 1);
            int t = values[i];
            values[i] = values[j];
            values[j] = t;
        }
    }

    @Override
    public Map<String, StoredTensor> state() {
        return Map.of("state", StoredTensor.scalar(state));
    }

    @Override
    public void loadState(Map<String, StoredTensor> state) {
        this.state = StateEntries.count(state, "state");
    }
}
