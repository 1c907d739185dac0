package org.equikern.faults;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.equikern.data.ExtXyz;
import org.equikern.data.ExtXyzReader;
import org.equikern.data.Structure;
import org.equikern.train.Safetensors;
import org.equikern.train.StoredTensor;
import org.equikern.train.TensorFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Corrupted extended XYZ text and safetensors bytes: each read gives well-formed frames/tensors
 * or the package's format exception naming the source (file and line, or file and tensor).
 */
class FileFaultsTest {
    private static final String NOISE = "\u0000\n \t=\"'{}[]:,;-+.eE0123456789nanINFinfTFxyzHPropertiesLattice";

    private static final String HEADER_NOISE = "{}[]\",:0123456789-eE .";

    private final Random random = new Random(Seeds.SEED + 3);
    private final FaultRecorder recorder = new FaultRecorder(Seeds.SEED + 3);

    @Test
    void corruptedExtXyzIsReadOrRejectedByLine() throws IOException {
        String text = Files.readString(Path.of("..", "test-data", "extxyz", "mixed.extxyz"));
        for (int i = 0; i < 300; i++) {
            String corrupted = mutate(text, random.nextInt(4) + 1);
            recorder.mayPass("extxyz.corrupted", "mixed.extxyz corrupted " + i + " (seeded mutations)", () -> readAll(corrupted),
                    frames -> {
                        for (Structure s : frames) {
                            assertEquals(3 * s.atoms(), s.positions().length, "positions of " + s);
                            assertEquals(s.atoms(), s.symbols().length, "symbols of " + s);
                        }
                    }, "corrupted.xyz:");
        }
        recorder.assertNoFaults("extxyz");
    }

    @Test
    void corruptedSafetensorsAreReadOrRejectedByFile(@TempDir Path dir) throws IOException {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        tensors.put("layer.weight", StoredTensor.f64(new int[] {2, 3}, new double[] {1, 2, 3, 4, 5, 6}));
        tensors.put("layer.bias", StoredTensor.f32(new int[] {3}, new float[] {0.5f, -1, 2}));
        tensors.put("step", StoredTensor.scalar(7L));
        byte[] good = Safetensors.toBytes(new TensorFile(tensors, Map.of("format", "pt")));
        for (int i = 0; i < 300; i++) {
            byte[] bad = corrupt(good);
            Path file = dir.resolve("bad" + i + ".safetensors");
            Files.write(file, bad);
            recorder.mayPass("safetensors.corrupted", file.getFileName() + " (" + bad.length + " bytes, seeded corruption)",
                    () -> Safetensors.read(file), read -> {
                        for (Map.Entry<String, StoredTensor> e : read.tensors().entrySet()) {
                            StoredTensor t = e.getValue();
                            long count = 1;
                            for (int d : t.shape()) count *= d;
                            assertEquals(count, t.elementCount(), "element count of " + e.getKey());
                            assertTrue(t.byteSize() >= 0, "byte size of " + e.getKey());
                        }
                    }, file.getFileName().toString());
        }
        recorder.assertNoFaults("safetensors");
    }

    private static List<Structure> readAll(String text) {
        List<Structure> frames = new ArrayList<>();
        try (ExtXyzReader reader = ExtXyz.DEFAULT.open(new StringReader(text), "corrupted.xyz")) {
            reader.forEachRemaining(frames::add);
        }
        return frames;
    }

    /** Inserted, deleted or replaced characters, swapped or dropped lines, a truncation. */
    private String mutate(String text, int mutations) {
        StringBuilder s = new StringBuilder(text);
        for (int m = 0; m < mutations && s.length() > 0; m++) {
            int at = random.nextInt(s.length());
            switch (random.nextInt(5)) {
                case 0: s.insert(at, NOISE.charAt(random.nextInt(NOISE.length()))); break;
                case 1: s.deleteCharAt(at); break;
                case 2: s.setCharAt(at, NOISE.charAt(random.nextInt(NOISE.length()))); break;
                case 3: s.setLength(at); break;
                default: {
                    String[] numbers = {"1e999", "-1e999", "nan", "NaN", "99999999999999999999", "-1", "0", "2147483648"};
                    s.insert(at, " " + numbers[random.nextInt(numbers.length)] + " ");
                }
            }
        }
        return s.toString();
    }

    /** Random bytes overwritten (often in the 8-byte length or the JSON header), or a truncation. */
    private byte[] corrupt(byte[] good) {
        byte[] bad = good.clone();
        int kind = random.nextInt(4);
        if (kind == 0) return java.util.Arrays.copyOf(good, random.nextInt(good.length));
        if (kind == 1) {
            bad[random.nextInt(8)] = (byte) random.nextInt(256);
            return bad;
        }
        int headerEnd = (int) Math.min(good.length, 8 + (good[0] & 0xff));
        for (int n = random.nextInt(3) + 1; n > 0; n--) {
            int at = kind == 2 ? 8 + random.nextInt(headerEnd - 8) : random.nextInt(bad.length);
            bad[at] = kind == 2 ? (byte) HEADER_NOISE.charAt(random.nextInt(HEADER_NOISE.length())) : (byte) random.nextInt(256);
        }
        return bad;
    }
}
