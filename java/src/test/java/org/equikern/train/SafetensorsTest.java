package org.equikern.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The safetensors reader and writer: spec bytes, a PyTorch-made file, round trips and bad files. */
class SafetensorsTest {
    @TempDir
    Path dir;

    private static int[] shape(int... dims) {
        return dims;
    }

    /** Little-endian u64 length, header text, then data bytes. */
    private static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        return b.putLong(h.length).put(h).put(data).array();
    }

    private static byte[] f32Bytes(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float x : v) {
            b.putFloat(x);
        }
        return b.array();
    }

    /** The examples of the reference implementation's tests, byte for byte. */
    @Test
    void writesTheBytesOfTheReferenceImplementation() {
        float[] v = {0, 1, 2, 3, 4, 5};
        byte[] expected = file("{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}", f32Bytes(v));
        assertEquals(64, expected[0], "this header needs no padding");
        assertArrayEquals(expected, Safetensors.toBytes(new TensorFile(Map.of("attn.0", StoredTensor.f32(shape(1, 2, 3), v)))));

        byte[] padded = file("{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}       ", f32Bytes(v));
        assertEquals(72, padded[0]);
        assertArrayEquals(padded, Safetensors.toBytes(new TensorFile(Map.of("attn0", StoredTensor.f32(shape(1, 1, 2, 3), v)))));

        assertArrayEquals(new byte[] {8, 0, 0, 0, 0, 0, 0, 0, '{', '}', ' ', ' ', ' ', ' ', ' ', ' '},
                Safetensors.toBytes(new TensorFile(Map.of())));
        assertArrayEquals(file("{\"__metadata__\":{\"framework\":\"pt\"}}     ", new byte[0]),
                Safetensors.toBytes(new TensorFile(Map.of(), Map.of("framework", "pt"))));
    }

    /** test-data/train/torch_raw.safetensors: PyTorch tensors' own bytes behind a hand-built header. */
    @Test
    void readsAndReproducesAFileOfPyTorchTensors() throws Exception {
        Path path = TorchReference.testData("torch_raw.safetensors");
        TensorFile f = Safetensors.read(path);
        assertEquals(List.of("step", "scalar", "weight", "bias", "index"), List.copyOf(f.tensors().keySet()));
        assertEquals(Map.of("format", "pt"), f.metadata());
        double[] weight = new double[6];
        for (int i = 0; i < 6; i++) {
            weight[i] = (i - 2.5) / 8;
        }
        assertArrayEquals(weight, f.tensor("weight").doubles(), 0.0);
        assertArrayEquals(shape(2, 3), f.tensor("weight").shape());
        assertArrayEquals(new float[] {-1f, -0.75f, -0.5f}, f.tensor("bias").floats(), 0f);
        assertArrayEquals(new long[] {-7_000_000_000L}, f.tensor("step").longs());
        assertArrayEquals(new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}, f.tensor("index").ints());
        assertArrayEquals(shape(), f.tensor("scalar").shape());
        assertEquals(0.1, f.tensor("scalar").doubles()[0]);

        Map<String, StoredTensor> mine = new LinkedHashMap<>();
        mine.put("weight", StoredTensor.f64(shape(2, 3), weight));
        mine.put("bias", StoredTensor.f32(shape(3), new float[] {-1f, -0.75f, -0.5f}));
        mine.put("index", StoredTensor.i32(shape(2, 2), new int[] {0, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}));
        mine.put("scalar", StoredTensor.scalar(0.1));
        mine.put("step", StoredTensor.i64(shape(1), new long[] {-7_000_000_000L}));
        Path out = dir.resolve("mine.safetensors");
        Safetensors.write(out, new TensorFile(mine, Map.of("format", "pt")));
        assertArrayEquals(Files.readAllBytes(path), Files.readAllBytes(out));
    }

    @Test
    void roundTripKeepsEveryBitAndWritesAtomically() throws Exception {
        Map<String, StoredTensor> t = new LinkedHashMap<>();
        t.put("layer.0.weight", StoredTensor.f64(shape(2, 2), new double[] {Double.NaN, -0.0, Double.MIN_VALUE, 1e308}));
        t.put("empty", StoredTensor.f32(shape(0, 3), new float[0]));
        t.put("quote\"and\\slash\n\u00e9", StoredTensor.i64(shape(), new long[] {Long.MIN_VALUE}));
        t.put("big", StoredTensor.f64(shape(300_000), new double[300_000]));
        Path path = dir.resolve("x.safetensors");
        Files.writeString(path, "old contents");
        Safetensors.write(path, new TensorFile(t, Map.of("k\te", "v\u0001")));
        TensorFile back = Safetensors.read(path);
        assertEquals(t, back.tensors());
        assertEquals(Map.of("k\te", "v\u0001"), back.metadata());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(path), files.collect(Collectors.toList()), "no temporary file left behind");
        }
    }

    private String readError(String header, byte[] data) throws Exception {
        return readError(file(header, data));
    }

    private String readError(byte[] bytes) throws Exception {
        Path path = dir.resolve("bad.safetensors");
        Files.write(path, bytes);
        SafetensorsFormatException e = assertThrows(SafetensorsFormatException.class, () -> Safetensors.read(path));
        assertTrue(e.getMessage().startsWith(path.toString() + ": "), e.getMessage());
        return e.getMessage();
    }

    private static String entry(String name, String dtype, String shape, long begin, long end) {
        return "\"" + name + "\":{\"dtype\":\"" + dtype + "\",\"shape\":" + shape + ",\"data_offsets\":[" + begin + "," + end + "]}";
    }

    private static void assertContains(String message, String... parts) {
        for (String p : parts) {
            assertTrue(message.contains(p), "'" + message + "' should contain '" + p + "'");
        }
    }

    @Test
    void rejectsBadFilesNamingFileAndTensor() throws Exception {
        byte[] d16 = new byte[16];
        assertContains(readError(new byte[5]), "5 bytes, shorter than the 8-byte header length");
        byte[] huge = new byte[16];
        ByteBuffer.wrap(huge).order(ByteOrder.LITTLE_ENDIAN).putLong(100_000_001L);
        assertContains(readError(huge), "header length 100000001 bytes is above the limit 100000000");
        byte[] past = new byte[16];
        ByteBuffer.wrap(past).order(ByteOrder.LITTLE_ENDIAN).putLong(9);
        assertContains(readError(past), "runs past the end of the 16-byte file");
        assertContains(readError("[1,2]   ", new byte[0]), "does not start with '{'");
        assertContains(readError("{\"a\":   ", new byte[0]), "not valid JSON");
        assertContains(readError("{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("a", "F64", "[1]", 8, 16) + "}", d16),
                "names 'a' twice");
        assertContains(readError("{" + entry("a", "F64", "[2]", 0, 16) + "," + entry("b", "F64", "[1]", 8, 16) + "}",
                new byte[24]), "tensor 'b'", "overlaps tensor 'a'");
        assertContains(readError("{" + entry("a", "F64", "[1]", 0, 8) + "," + entry("b", "F64", "[1]", 16, 24) + "}",
                new byte[24]), "tensor 'b'", "leaves bytes [8, 16) of the data buffer uncovered");
        assertContains(readError("{" + entry("a", "F64", "[2]", 0, 16) + "}", new byte[8]), "tensor 'a'",
                "runs past the end of the 8-byte data buffer");
        assertContains(readError("{" + entry("a", "F64", "[3]", 0, 16) + "}", d16), "tensor 'a'",
                "F64 [3] needs 24 bytes but data_offsets [0, 16] span 16");
        assertContains(readError("{" + entry("a", "BF16", "[8]", 0, 16) + "}", d16), "tensor 'a'", "unsupported dtype 'BF16'");
        assertContains(readError("{" + entry("a", "F64", "[1]", 0, 8) + "}", d16), "cover 8 bytes of the 16-byte data buffer");
        assertContains(readError("{" + entry("a", "F64", "[1.5]", 0, 8) + "}", d16), "tensor 'a'", "shape[0] = 1.5");
        assertContains(readError("{\"__metadata__\":{\"k\":1}}", new byte[0]), "__metadata__ entry 'k' is not a string");
        byte[] notUtf8 = file("{\"a\"}   ", new byte[0]);
        notUtf8[9] = (byte) 0xff;
        assertContains(readError(notUtf8), "not valid UTF-8");
    }

    @Test
    void duplicateKeysAreFoundAtAnyDepthButNotAcrossObjects() {
        assertEquals(null, SafetensorsHeader.firstDuplicateKey("{\"a\":{\"x\":1},\"b\":{\"x\":[\"a\",\"a\"]}}"));
        assertEquals("x", SafetensorsHeader.firstDuplicateKey("{\"a\":{\"x\":1,\"x\":2}}"));
        assertEquals("a\"", SafetensorsHeader.firstDuplicateKey("{\"a\\\"\":1,\"a\\u0022\":2}"));
    }

    @Test
    void parametersSaveAndLoadThroughAFile() throws Exception {
        Parameters p = new Parameters();
        p.add("w", shape(2, 2), new double[] {1, 2, 3, 4});
        p.add("b", shape(2), new double[] {5, 6});
        Path path = dir.resolve("p.safetensors");
        Safetensors.write(path, new TensorFile(p.toTensors()));
        Parameters q = new Parameters();
        q.add("w", shape(2, 2), new double[4]);
        q.add("b", shape(2), new double[2]);
        q.load(Safetensors.read(path).tensors());
        assertArrayEquals(new double[] {1, 2, 3, 4}, q.get("w").values(), 0.0);
        assertArrayEquals(new double[] {5, 6}, q.get("b").values(), 0.0);
        Parameters r = new Parameters();
        r.add("w", shape(4), new double[4]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> r.load(p.toTensors()));
        assertContains(e.getMessage(), "w[4] cannot take tensor F64[2, 2]");
        e = assertThrows(IllegalArgumentException.class, () -> r.add("w", shape(1), new double[1]));
        assertContains(e.getMessage(), "'w' is already defined");
        e = assertThrows(IllegalArgumentException.class, () -> r.add("v", shape(2, 2), new double[3]));
        assertContains(e.getMessage(), "parameter 'v'", "has 4 elements but 3 values");
        assertThrows(IllegalArgumentException.class, () -> new TensorFile(Map.of("__metadata__", StoredTensor.scalar(1.0))));
    }
}
