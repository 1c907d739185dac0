package org.equikern.nn;

import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * Moves one sample between e3nn's {@code mul_ir} layout of {@code mul × (ir_1 + … + ir_k)} (every
 * block with the same multiplicity) and the component-major layout the symmetric contraction
 * computes in: {@code t[i·mul + u]} is component {@code i} of channel {@code u}, components
 * numbered through the concatenated irreps of one channel. Float data is widened or rounded on
 * the way.
 */
final class ChannelLayout {
    final int mul;
    final int channelDim;
    final int sampleDim;
    private final int[] start;
    private final int[] stride;

    /** The layout of {@code irreps}; the caller has checked that every block has multiplicity {@code mul}. */
    ChannelLayout(Irreps irreps, int mul) {
        this.mul = mul;
        this.sampleDim = irreps.dim();
        int d = 0;
        for (MulIrrep block : irreps) {
            d += block.irrep().dim();
        }
        channelDim = d;
        start = new int[d];
        stride = new int[d];
        int i = 0;
        for (int b = 0; b < irreps.size(); b++) {
            int id = irreps.get(b).irrep().dim();
            for (int m = 0; m < id; m++, i++) {
                start[i] = irreps.offset(b) + m;
                stride[i] = id;
            }
        }
    }

    /** Per component of a channel: its offset in a sample for channel 0 (a copy of the table). */
    int[] starts() {
        return start.clone();
    }

    /** Per component of a channel: the distance between consecutive channels, its irrep's dimension. */
    int[] strides() {
        return stride.clone();
    }

    /** {@code t = sample at row offset at}, transposed. */
    void gather(double[] src, int at, double[] t) {
        for (int i = 0; i < channelDim; i++) {
            int from = at + start[i];
            int s = stride[i];
            int to = i * mul;
            for (int u = 0; u < mul; u++) {
                t[to + u] = src[from + u * s];
            }
        }
    }

    /** Float version of {@link #gather(double[], int, double[])}, widening exactly. */
    void gather(float[] src, int at, double[] t) {
        for (int i = 0; i < channelDim; i++) {
            int from = at + start[i];
            int s = stride[i];
            int to = i * mul;
            for (int u = 0; u < mul; u++) {
                t[to + u] = src[from + u * s];
            }
        }
    }

    /** Writes {@code t} back to the sample at row offset {@code at} of {@code dst}. */
    void scatter(double[] t, double[] dst, int at) {
        for (int i = 0; i < channelDim; i++) {
            int to = at + start[i];
            int s = stride[i];
            int from = i * mul;
            for (int u = 0; u < mul; u++) {
                dst[to + u * s] = t[from + u];
            }
        }
    }

    /** Float version of {@link #scatter(double[], double[], int)}, rounding to nearest. */
    void scatter(double[] t, float[] dst, int at) {
        for (int i = 0; i < channelDim; i++) {
            int to = at + start[i];
            int s = stride[i];
            int from = i * mul;
            for (int u = 0; u < mul; u++) {
                dst[to + u * s] = (float) t[from + u];
            }
        }
    }

    /**
     * Channels {@code from .. from+span} of the float sample at row offset {@code at}, transposed into
     * one row per component ({@code rows[i][u − from]}) without widening: {@link SymmetricContractionFloat32}'s
     * rows, each indexed from 0 so that C2 vectorizes the loops over them.
     */
    void gather(float[] src, int at, float[][] rows, int from, int span) {
        for (int i = 0; i < channelDim; i++) {
            int base = at + start[i] + from * stride[i];
            int s = stride[i];
            float[] row = rows[i];
            for (int u = 0; u < span; u++) {
                row[u] = src[base + u * s];
            }
        }
    }

    /** Writes rows of {@link #gather(float[], int, float[][], int, int)}'s layout back into {@code dst}. */
    void scatter(float[][] rows, float[] dst, int at, int from, int span) {
        for (int i = 0; i < channelDim; i++) {
            int base = at + start[i] + from * stride[i];
            int s = stride[i];
            float[] row = rows[i];
            for (int u = 0; u < span; u++) {
                dst[base + u * s] = row[u];
            }
        }
    }
}
