package org.equikern.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Loads the e3nn reference files that Maven copies from {@code test-data/} onto the test classpath. */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    /** Loads e.g. {@code wigner_3j.json} from {@code test-data/e3nn/}. */
    public static JsonObject e3nn(String fileName) {
        return load("e3nn", fileName);
    }

    /** Loads e.g. {@code norm_activation.json} from {@code test-data/e3nn_extra/}. */
    public static JsonObject e3nnExtra(String fileName) {
        return load("e3nn_extra", fileName);
    }

    private static JsonObject load(String folder, String fileName) {
        return JsonObject.parse(text(folder, fileName), fileName);
    }

    /** The text of e.g. {@code e3nn/wigner_3j.json} under {@code test-data/}, from the test class path. */
    public static String text(String folder, String fileName) {
        String resource = "/test-data/" + folder + "/" + fileName;
        try (InputStream in = ReferenceFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
