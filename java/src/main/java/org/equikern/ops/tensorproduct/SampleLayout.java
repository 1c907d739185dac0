package org.equikern.ops.tensorproduct;

/**
 * Moves one sample between e3nn's {@code mul_ir} layout (channel-major: each block is mul copies
 * of its 2l+1 components) and the kernels' {@code ir_mul} scratch layout (component-major, the
 * channel index innermost), so that the kernels' inner loops run over contiguous channels. The
 * same pass widens float32 input to float64 and narrows results back, which is how both
 * precisions share one implementation of the math. Arrays are {@code double[]} or {@code float[]}.
 */
final class SampleLayout {
    private SampleLayout() {
    }

    /** Copies the sample at {@code base} of {@code src} into {@code dst}, transposed per block. */
    static void load(Object src, int base, int[] blocks, double[] dst) {
        if (src instanceof double[]) {
            double[] s = (double[]) src;
            for (int b = 0; b < blocks.length; b += 3) {
                int off = blocks[b], mul = blocks[b + 1], dim = blocks[b + 2];
                for (int u = 0; u < mul; u++) {
                    for (int i = 0; i < dim; i++) dst[off + i * mul + u] = s[base + off + u * dim + i];
                }
            }
        } else {
            float[] s = (float[]) src;
            for (int b = 0; b < blocks.length; b += 3) {
                int off = blocks[b], mul = blocks[b + 1], dim = blocks[b + 2];
                for (int u = 0; u < mul; u++) {
                    for (int i = 0; i < dim; i++) dst[off + i * mul + u] = s[base + off + u * dim + i];
                }
            }
        }
    }

    /** Writes {@code src} (transposed scratch) to the sample at {@code base} of {@code dst}. */
    static void store(double[] src, int[] blocks, Object dst, int base) {
        if (dst instanceof double[]) {
            double[] d = (double[]) dst;
            for (int b = 0; b < blocks.length; b += 3) {
                int off = blocks[b], mul = blocks[b + 1], dim = blocks[b + 2];
                for (int u = 0; u < mul; u++) {
                    for (int i = 0; i < dim; i++) d[base + off + u * dim + i] = src[off + i * mul + u];
                }
            }
        } else {
            float[] d = (float[]) dst;
            for (int b = 0; b < blocks.length; b += 3) {
                int off = blocks[b], mul = blocks[b + 1], dim = blocks[b + 2];
                for (int u = 0; u < mul; u++) {
                    for (int i = 0; i < dim; i++) d[base + off + u * dim + i] = (float) src[off + i * mul + u];
                }
            }
        }
    }

    /** Widens {@code length} float values at {@code base} into {@code dst} (weights need no transposition). */
    static void widen(float[] src, int base, int length, double[] dst) {
        for (int q = 0; q < length; q++) dst[q] = src[base + q];
    }

    /** Narrows {@code length} values of {@code src} into {@code dst} at {@code base}. */
    static void narrow(double[] src, int length, float[] dst, int base) {
        for (int q = 0; q < length; q++) dst[base + q] = (float) src[q];
    }
}
