package org.equikern.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equikern.testing.JsonObject;

/** Access to test-data/train/torch_optim.ref.txt (see test-data/generators/torch_optim.py). */
final class TorchReference {
    /** Relative tolerance against PyTorch's float64 results. */
    static final double TOLERANCE = 1e-14;

    private TorchReference() {
    }

    static Path testData(String name) {
        try {
            return Path.of(TorchReference.class.getResource("/test-data/train/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static JsonObject load() throws IOException {
        Path file = testData("torch_optim.ref.txt");
        return JsonObject.parse(Files.readString(file, StandardCharsets.UTF_8), "torch_optim.ref.txt");
    }

    /** A JSON list of lists of numbers as rows. */
    static double[][] rows(JsonObject o, String key) {
        List<?> list = o.list(key);
        double[][] out = new double[list.size()][];
        for (int i = 0; i < out.length; i++) {
            out[i] = ((List<?>) list.get(i)).stream().mapToDouble(v -> ((Number) v).doubleValue()).toArray();
        }
        return out;
    }

    /** |actual − expected| ≤ 1e-14 · |expected| element by element (exact zeros must be exact). */
    static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertTrue(err <= TOLERANCE * Math.abs(expected[i]),
                    what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i] + " (relative error "
                            + err / Math.abs(expected[i]) + ")");
        }
    }

    static void assertClose(double expected, double actual, String what) {
        assertClose(new double[] {expected}, new double[] {actual}, what);
    }
}
