package org.equikern.model.jets;

/**
 * Which rows of a padded batch hold real data, so that the MLPs skip the rest: particles i &lt; n,
 * pairs (i, j) with both real, and edges (real pairs with i ≠ j, LorentzNet's graph).
 */
final class PaddingMasks {
    private PaddingMasks() {
    }

    /** Rows {@code [batch][particles]}: the real particles. */
    static boolean[] particles(int[] counts, int particles) {
        boolean[] mask = new boolean[counts.length * particles];
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) mask[b * particles + i] = true;
        }
        return mask;
    }

    /** Rows {@code [batch][particles][particles]}: pairs of real particles, the diagonal too unless {@code offDiagonal}. */
    static boolean[] pairs(int[] counts, int particles, boolean offDiagonal) {
        boolean[] mask = new boolean[counts.length * particles * particles];
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) {
                for (int j = 0; j < counts[b]; j++) {
                    mask[(b * particles + i) * particles + j] = !offDiagonal || i != j;
                }
            }
        }
        return mask;
    }
}
