package org.equikern.train;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the safetensors format of Hugging Face: an 8-byte little-endian header length
 * {@code n}, a JSON header of {@code n} bytes mapping each tensor name to
 * {@code {"dtype", "shape", "data_offsets": [begin, end]}} (offsets relative to the data buffer)
 * plus an optional {@code "__metadata__"} map of strings, then the data buffer: every tensor's
 * elements little-endian in row-major order, back to back.
 *
 * <p>The writer produces the bytes of the reference Rust implementation (used by the Python
 * package's {@code save_file}): tensors ordered by descending dtype (I64, F64, F32, I32) then by
 * name, compact JSON with keys in the order dtype, shape, data_offsets, {@code __metadata__} first,
 * and the header padded with spaces to a multiple of 8 bytes. Writes are atomic: a temporary file
 * in the same folder, renamed over the target once complete.
 *
 * <p>The reader accepts any tensor order and rejects a header longer than
 * {@value #MAX_HEADER_BYTES} bytes (the Rust implementation's cap), a header that is not UTF-8 JSON
 * object, duplicate names, unknown dtypes, offsets that overlap, leave gaps, exceed the file or
 * disagree with dtype × shape, and trailing bytes; every message names the file and the tensor.
 */
public final class Safetensors {
    /** The largest header accepted, in bytes. */
    public static final long MAX_HEADER_BYTES = 100_000_000L;
    /** The reserved header key of the metadata map. */
    public static final String METADATA_KEY = "__metadata__";
    /** Data moves through a buffer of this size, so tensors above 2 GiB stream too. */
    private static final int CHUNK_BYTES = 1 << 20;

    private Safetensors() {
    }

    /**
     * Writes {@code file} to {@code path} atomically (temporary file, then rename).
     *
     * @param path the file, replaced if present
     * @param file the tensors and metadata
     * @throws java.io.IOException when the file cannot be written
     */
    public static void write(Path path, TensorFile file) throws IOException {
        List<Map.Entry<String, StoredTensor>> order = writeOrder(file);
        byte[] header = header(order, file.metadata());
        Path dir = path.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, path.getFileName().toString() + ".", ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer lead = ByteBuffer.allocate(8 + header.length).order(ByteOrder.LITTLE_ENDIAN);
                lead.putLong(header.length).put(header).flip();
                writeFully(ch, lead);
                ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
                for (Map.Entry<String, StoredTensor> e : order) {
                    writeData(ch, e.getValue(), chunk);
                }
                ch.force(true);
            }
            Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * The serialized file as bytes (header length, header, data), as {@link #write} writes it.
     *
     * @param file the tensors and metadata
     * @return the bytes
     */
    public static byte[] toBytes(TensorFile file) {
        List<Map.Entry<String, StoredTensor>> order = writeOrder(file);
        byte[] header = header(order, file.metadata());
        long total = 8L + header.length;
        for (Map.Entry<String, StoredTensor> e : order) {
            total = Math.addExact(total, e.getValue().byteSize());
        }
        if (total > StoredTensor.MAX_ELEMENTS) {
            throw new IllegalArgumentException("the file would be " + total + " bytes, above the "
                    + StoredTensor.MAX_ELEMENTS + " of a byte array; use write(Path, TensorFile)");
        }
        ByteBuffer out = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        out.putLong(header.length).put(header);
        for (Map.Entry<String, StoredTensor> e : order) {
            StoredTensor t = e.getValue();
            t.encode(0, t.elementCount(), out);
            out.position(out.position() + (int) t.byteSize());
        }
        return out.array();
    }

    private static List<Map.Entry<String, StoredTensor>> writeOrder(TensorFile file) {
        List<Map.Entry<String, StoredTensor>> order = new ArrayList<>(file.tensors().entrySet());
        order.sort(Comparator.<Map.Entry<String, StoredTensor>>comparingInt(e -> -e.getValue().dtype().safetensorsRank())
                .thenComparing(Map.Entry::getKey));
        return order;
    }

    private static byte[] header(List<Map.Entry<String, StoredTensor>> order, Map<String, String> metadata) {
        StringBuilder json = new StringBuilder("{");
        if (!metadata.isEmpty()) {
            quote(METADATA_KEY, json).append(":{");
            String sep = "";
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                quote(e.getKey(), json.append(sep)).append(':');
                quote(e.getValue(), json);
                sep = ",";
            }
            json.append('}');
        }
        long offset = 0;
        for (Map.Entry<String, StoredTensor> e : order) {
            StoredTensor t = e.getValue();
            if (json.length() > 1) {
                json.append(',');
            }
            quote(e.getKey(), json).append(":{\"dtype\":\"").append(t.dtype()).append("\",\"shape\":[");
            int[] shape = t.shape();
            for (int i = 0; i < shape.length; i++) {
                json.append(i == 0 ? "" : ",").append(shape[i]);
            }
            long end = Math.addExact(offset, t.byteSize());
            json.append("],\"data_offsets\":[").append(offset).append(',').append(end).append("]}");
            offset = end;
        }
        byte[] bytes = json.append('}').toString().getBytes(StandardCharsets.UTF_8);
        byte[] padded = Arrays.copyOf(bytes, bytes.length + (8 - bytes.length % 8) % 8);
        Arrays.fill(padded, bytes.length, padded.length, (byte) ' ');
        return padded;
    }

    /** Appends {@code s} as a JSON string the way serde_json escapes it. */
    private static StringBuilder quote(String s, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': out.append("\\\""); break;
                case '\\': out.append("\\\\"); break;
                case '\b': out.append("\\b"); break;
                case '\f': out.append("\\f"); break;
                case '\n': out.append("\\n"); break;
                case '\r': out.append("\\r"); break;
                case '\t': out.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
            }
        }
        return out.append('"');
    }

    private static void writeData(FileChannel ch, StoredTensor t, ByteBuffer chunk) throws IOException {
        int perChunk = CHUNK_BYTES / t.dtype().bytes();
        for (int from = 0; from < t.elementCount(); from += perChunk) {
            int n = Math.min(perChunk, t.elementCount() - from);
            chunk.clear();
            t.encode(from, n, chunk);
            chunk.limit(n * t.dtype().bytes());
            writeFully(ch, chunk);
        }
    }

    private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
        while (buf.hasRemaining()) {
            ch.write(buf);
        }
    }

    /**
     * Reads a safetensors file completely.
     *
     * @param path the file
     * @return the tensors and metadata, in file order
     * @throws SafetensorsFormatException when the file breaks the format; the message names the file
     *     and, where one is at fault, the tensor
     * @throws java.io.IOException when the file cannot be read
     */
    public static TensorFile read(Path path) throws IOException {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            String where = path.toString();
            if (size < 8) {
                throw new SafetensorsFormatException(where + ": " + size + " bytes, shorter than the 8-byte header length");
            }
            ByteBuffer lead = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lead, 0, where);
            long n = lead.getLong(0);
            if (n < 0 || n > MAX_HEADER_BYTES) {
                throw new SafetensorsFormatException(where + ": header length " + Long.toUnsignedString(n)
                        + " bytes is above the limit " + MAX_HEADER_BYTES);
            }
            if (8 + n > size) {
                throw new SafetensorsFormatException(where + ": header length " + n + " bytes runs past the end of the "
                        + size + "-byte file");
            }
            ByteBuffer headerBytes = ByteBuffer.allocate((int) n);
            readFully(ch, headerBytes, 8, where);
            SafetensorsHeader header = SafetensorsHeader.parse(decodeUtf8(headerBytes, where), size - 8 - n, where);
            Map<String, StoredTensor> tensors = new LinkedHashMap<>();
            ByteBuffer chunk = ByteBuffer.allocate(CHUNK_BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (SafetensorsHeader.Entry e : header.entries()) {
                StoredTensor t = StoredTensor.allocate(e.dtype, e.shape, e.count);
                readData(ch, t, 8 + n + e.begin, chunk, where);
                tensors.put(e.name, t);
            }
            return new TensorFile(tensors, header.metadata());
        }
    }

    private static String decodeUtf8(ByteBuffer bytes, String where) throws SafetensorsFormatException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes.flip()).toString();
        } catch (CharacterCodingException e) {
            throw new SafetensorsFormatException(where + ": the header is not valid UTF-8");
        }
    }

    private static void readData(FileChannel ch, StoredTensor t, long position, ByteBuffer chunk, String where)
            throws IOException {
        int perChunk = CHUNK_BYTES / t.dtype().bytes();
        for (int from = 0; from < t.elementCount(); from += perChunk) {
            int n = Math.min(perChunk, t.elementCount() - from);
            chunk.clear().limit(n * t.dtype().bytes());
            readFully(ch, chunk, position + (long) from * t.dtype().bytes(), where);
            chunk.flip();
            t.decode(from, n, chunk);
        }
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long position, String where) throws IOException {
        long pos = position;
        while (buf.hasRemaining()) {
            int r = ch.read(buf, pos);
            if (r < 0) {
                throw new SafetensorsFormatException(where + ": unexpected end of file at byte " + pos);
            }
            pos += r;
        }
    }
}
