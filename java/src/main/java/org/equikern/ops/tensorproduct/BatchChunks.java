package org.equikern.ops.tensorproduct;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.equikern.concurrent.ScratchPool;

/**
 * Splits a batch into contiguous chunks of samples. The split depends only on the batch size and
 * the work per sample, never on the number of threads, so a reduction over chunks in chunk order
 * gives bit-identical results on any machine.
 */
final class BatchChunks {
    /** Multiply-adds worth one chunk: small enough to balance, large enough to hide scheduling. */
    private static final long WORK_PER_CHUNK = 1L << 17;
    /** Upper bound on chunks, which bounds the shared-weight gradient partials. */
    static final int MAX_CHUNKS = 64;

    final int batch;
    final int size;
    final int count;

    BatchChunks(int batch, long workPerSample) {
        this(batch, sizeFor(batch, workPerSample));
    }

    private BatchChunks(int batch, int size) {
        this.batch = batch;
        this.size = size;
        this.count = batch == 0 ? 0 : (batch + size - 1) / size;
    }

    /**
     * Chunks of {@code samples} samples each (the last one shorter), larger where the batch would
     * otherwise need more than {@link #MAX_CHUNKS}: for kernels that block samples themselves.
     */
    static BatchChunks ofSamples(int batch, int samples) {
        if (samples < 1) throw new IllegalArgumentException("samples must be >= 1, got " + samples);
        int fewest = (int) ((batch + (long) MAX_CHUNKS - 1) / MAX_CHUNKS);
        return new BatchChunks(batch, Math.max(samples, fewest));
    }

    private static int sizeFor(int batch, long workPerSample) {
        long perChunk = Math.max(1, WORK_PER_CHUNK / Math.max(1, workPerSample));
        long wanted = Math.min(MAX_CHUNKS, (batch + perChunk - 1) / perChunk);
        int chunks = (int) Math.max(1, wanted);
        return Math.max(1, (batch + chunks - 1) / chunks);
    }

    int start(int chunk) {
        return chunk * size;
    }

    int end(int chunk) {
        return Math.min(batch, (chunk + 1) * size);
    }

    /** Work on one chunk with a scratch of its own. */
    interface Body<T> {
        void run(int chunk, T scratch);
    }

    /** Runs {@code body} for every chunk with a scratch taken from {@code scratches} for its duration. */
    <T> void run(ScratchPool<T> scratches, Body<T> body) {
        run(c -> {
            T scratch = scratches.acquire();
            try {
                body.run(c, scratch);
            } finally {
                scratches.release(scratch);
            }
        });
    }

    /** Runs {@code body} for every chunk: inline when there is one, else on the fork-join pool. */
    void run(IntConsumer body) {
        if (count == 1) {
            body.accept(0);
        } else if (count > 1) {
            IntStream.range(0, count).parallel().forEach(body);
        }
    }
}
