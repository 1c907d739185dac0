package org.equikern.device.cuda;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Lists the entries of a CUDA fatbin file (what {@code cuobjdump --list-elf --list-ptx} shows),
 * so tests can check the targets without the CUDA toolkit. Layout: a 16-byte header (magic
 * 0xBA55ED50, version, header size, payload size), then entries, each with a header holding its
 * kind (1 PTX, 2 ELF/SASS) at 0, header size at 4, payload size at 8 and the SM version at 28.
 */
final class FatbinEntries {
    static final int MAGIC = 0xBA55ED50;

    /** One code object: {@code ptx} or {@code elf}, for {@code sm}, e.g. 80. */
    record Entry(String kind, int sm) {}

    private FatbinEntries() {}

    static List<Entry> read(byte[] fatbin) {
        ByteBuffer b = ByteBuffer.wrap(fatbin).order(ByteOrder.LITTLE_ENDIAN);
        if (b.getInt(0) != MAGIC) throw new IllegalArgumentException("not a fatbin: bad magic");
        int headerSize = Short.toUnsignedInt(b.getShort(6));
        long end = headerSize + b.getLong(8);
        List<Entry> entries = new ArrayList<>();
        for (long at = headerSize; at < end; ) {
            int offset = Math.toIntExact(at);
            int kind = Short.toUnsignedInt(b.getShort(offset));
            int entryHeader = b.getInt(offset + 4);
            long payload = b.getLong(offset + 8);
            entries.add(new Entry(kind == 1 ? "ptx" : kind == 2 ? "elf" : "kind" + kind, b.getInt(offset + 28)));
            at += entryHeader + payload;
        }
        return entries;
    }
}
