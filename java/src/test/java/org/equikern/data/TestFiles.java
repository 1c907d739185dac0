package org.equikern.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.equikern.testing.JsonObject;

/** The ASE-written files of {@code test-data/extxyz/} (see {@code test-data/generators/extxyz_ase.py}). */
final class TestFiles {
    private TestFiles() {
    }

    static Path path(String name) {
        try {
            return Path.of(TestFiles.class.getResource("/test-data/extxyz/" + name).toURI());
        } catch (URISyntaxException | NullPointerException e) {
            throw new IllegalStateException("missing test resource test-data/extxyz/" + name, e);
        }
    }

    /** A JSON file of the generator (named *.txt so the reference harness leaves it alone). */
    static JsonObject json(String name) {
        try {
            return JsonObject.parse(Files.readString(path(name), StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
