package org.equikern.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import org.equikern.io.JsonObject;

/** Loads the e3nn reference files that Maven copies from {@code test-data/} onto the test classpath. */
public final class ReferenceFiles {
    private ReferenceFiles() {
    }

    /** Loads e.g. {@code wigner_3j.json} from {@code test-data/e3nn/}. */
    public static JsonObject e3nn(String fileName) {
        return load("e3nn", fileName);
    }

    /** Loads e.g. {@code fully_connected_net.json} from {@code test-data/e3nn_extra/}. */
    public static JsonObject e3nnExtra(String fileName) {
        return load("e3nn_extra", fileName);
    }

    private static JsonObject load(String directory, String fileName) {
        String resource = "/test-data/" + directory + "/" + fileName;
        try (InputStream in = ReferenceFiles.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return JsonObject.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), fileName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
