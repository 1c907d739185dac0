package org.equikern.device;

import java.util.concurrent.atomic.AtomicLong;

/**
 * The running counts behind {@link Device#transfers()}. Each count is exact under concurrent copies; a
 * snapshot taken while copies run may hold one copy's count without its bytes yet.
 */
final class TransferCounter {
    private final AtomicLong uploads = new AtomicLong();
    private final AtomicLong uploadedBytes = new AtomicLong();
    private final AtomicLong downloads = new AtomicLong();
    private final AtomicLong downloadedBytes = new AtomicLong();

    void uploaded(long bytes) {
        uploads.incrementAndGet();
        uploadedBytes.addAndGet(bytes);
    }

    void downloaded(long bytes) {
        downloads.incrementAndGet();
        downloadedBytes.addAndGet(bytes);
    }

    Transfers snapshot() {
        return new Transfers(uploads.get(), uploadedBytes.get(), downloads.get(), downloadedBytes.get());
    }
}
