package org.equikern.model.lgn;

import java.util.Arrays;
import org.equikern.ops.lorentzproduct.LorentzIrreps;

/**
 * Where {@link DeviceLgnLayer} moves rows for one batch of padded jets, as the index tables of
 * {@code GatherScatter}: the layer runs on the rows of real particles (row r = the r-th real
 * particle, jet after jet) and on their pairs (pair (i, j) of a jet, i-major), exactly as the host
 * {@link LgnLayer} does. Complex tensors are planar ([2][rows][width]), so a complex gather reads
 * the imaginary plane through a second copy of its index offset by the source's rows, and a complex
 * segment sum targets both planes likewise. Gathers are {@code int[]} of source rows; segment sums
 * are {@link Segments}.
 */
final class LgnRoutes {
    final int rows;
    final int pairs;
    /** Padded feature rows → real rows (complex). */
    final int[] realRows;
    /** Padded scalar rows → real rows (real). */
    final int[] realScalarRows;
    /** Real rows → pair rows, rep_j (complex). */
    final int[] neighbours;
    /** Real rows → pair rows, row i (complex): each message's gradient. */
    final int[] pairRows;
    /** Each pair's padded particles b · particles + i and b · particles + j: where its edge reads the momenta. */
    final int[] pairFirst;
    final int[] pairSecond;
    /** Pair rows summed into row i (complex). */
    final Segments messagesToRows;
    /** Pair rows summed into row j (complex): rep_j's gradient. */
    final Segments neighboursToRows;
    /** Real rows → padded rows (complex). */
    final Segments rowsToPadded;
    /** Real rows → padded rows (real). */
    final Segments scalarRowsToPadded;
    /** Output feature entries → the MLP's input (width 1): Re and Im of each (0,0) channel. */
    final Segments featuresToMlp;
    /** Invariant entries → the MLP's input (width 1): Re and Im of each invariant. */
    final Segments invariantsToMlp;
    /** MLP input entries → output feature entries (width 1): the (0,0) channels' gradient. */
    final Segments mlpToFeatures;
    /** MLP input entries → invariant entries (width 1): the invariants' gradient. */
    final int[] mlpToInvariants;

    /**
     * @param counts real particles per jet, each in 0..particles
     * @param particles the padded particles per jet
     * @param out the layer's output irreps
     * @param scalarSegment the segment of {@code out} holding (0,0)
     * @param channels the invariants per row
     */
    LgnRoutes(int[] counts, int particles, LorentzIrreps out, int scalarSegment, int channels) {
        int batch = counts.length;
        int padded = Math.multiplyExact(batch, particles);
        int r = 0;
        int q = 0;
        for (int count : counts) {
            r = Math.addExact(r, count);
            q = Math.addExact(q, Math.multiplyExact(count, count));
        }
        rows = r;
        pairs = q;
        realScalarRows = new int[rows];
        int[] pairI = new int[pairs];
        int[] pairJ = new int[pairs];
        pairFirst = new int[pairs];
        pairSecond = new int[pairs];
        int row = 0;
        int pair = 0;
        for (int b = 0; b < batch; b++) {
            int first = row;
            for (int i = 0; i < counts[b]; i++, row++) {
                realScalarRows[row] = b * particles + i;
                for (int j = 0; j < counts[b]; j++, pair++) {
                    pairI[pair] = first + i;
                    pairJ[pair] = first + j;
                    pairFirst[pair] = b * particles + i;
                    pairSecond[pair] = b * particles + j;
                }
            }
        }
        realRows = complexGather(realScalarRows, padded);
        neighbours = complexGather(pairJ, rows);
        pairRows = complexGather(pairI, rows);
        messagesToRows = Segments.of(complexGather(pairI, rows), twice(rows));
        neighboursToRows = Segments.of(complexGather(pairJ, rows), twice(rows));
        rowsToPadded = Segments.of(realRows, twice(padded));
        scalarRowsToPadded = Segments.of(realScalarRows, padded);

        int scalarMul = out.mul(scalarSegment);
        int width = Math.addExact(twice(scalarMul), twice(channels));
        int[] featureTarget = new int[Math.multiplyExact(twice(rows), out.dim())];
        Arrays.fill(featureTarget, -1);
        int[] mlpToFeature = new int[Math.multiplyExact(rows, width)];
        Arrays.fill(mlpToFeature, -1);
        int[] invariantTarget = new int[Math.multiplyExact(twice(rows), channels)];
        mlpToInvariants = new int[invariantTarget.length];
        int imaginaryFeatures = rows * out.dim();
        for (int k = 0; k < rows; k++) {
            for (int u = 0; u < scalarMul; u++) {
                int re = k * out.dim() + out.offset(scalarSegment) + u;
                int at = k * width + 2 * u;
                featureTarget[re] = at;
                featureTarget[imaginaryFeatures + re] = at + 1;
                mlpToFeature[at] = re;
                mlpToFeature[at + 1] = imaginaryFeatures + re;
            }
            for (int c = 0; c < channels; c++) {
                int re = k * channels + c;
                int at = k * width + 2 * scalarMul + 2 * c;
                invariantTarget[re] = at;
                invariantTarget[rows * channels + re] = at + 1;
                mlpToInvariants[re] = at;
                mlpToInvariants[rows * channels + re] = at + 1;
            }
        }
        featuresToMlp = Segments.of(featureTarget, mlpToFeature.length);
        invariantsToMlp = Segments.of(invariantTarget, mlpToFeature.length);
        mlpToFeatures = Segments.of(mlpToFeature, featureTarget.length);
    }

    /** 2·n, exactly: the rows of both planes of n complex rows. */
    private static int twice(int n) {
        return Math.multiplyExact(2, n);
    }

    /** Both planes of a complex gather from {@code sourceRows} rows: [index | index + sourceRows]. */
    private static int[] complexGather(int[] index, int sourceRows) {
        int[] both = Arrays.copyOf(index, twice(index.length));
        for (int e = 0; e < index.length; e++) both[index.length + e] = index[e] + sourceRows;
        return both;
    }

    /**
     * A segment sum in CSR form: target row n receives the source rows {@code order[offsets[n]] ..
     * order[offsets[n + 1] − 1]}, in ascending source order.
     */
    static final class Segments {
        final int[] order;
        final int[] offsets;

        private Segments(int[] order, int[] offsets) {
            this.order = order;
            this.offsets = offsets;
        }

        /** The segments that send each source row s to {@code target[s]} (−1: nowhere). */
        static Segments of(int[] target, int targets) {
            int[] offsets = new int[targets + 1];
            int used = 0;
            for (int t : target) {
                if (t >= 0) {
                    offsets[t + 1]++;
                    used++;
                }
            }
            for (int n = 0; n < targets; n++) offsets[n + 1] += offsets[n];
            int[] next = Arrays.copyOf(offsets, targets);
            int[] order = new int[used];
            for (int s = 0; s < target.length; s++) {
                if (target[s] >= 0) order[next[target[s]]++] = s;
            }
            return new Segments(order, offsets);
        }
    }
}
