package org.equikern.validate;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** One parsed reference file (SCHEMA.md): its path, {@code kind} and cases. */
public final class ReferenceFile {
    private final Path path;
    private final JsonFields root;
    private final String kind;
    private final List<JsonFields> cases;

    private ReferenceFile(Path path, JsonFields root) {
        this.path = path;
        this.root = root;
        this.kind = root.string("kind");
        this.cases = root.objects("cases");
    }

    /**
     * Reads and parses a file; any problem becomes an {@link InvalidReferenceException} naming the
     * file (and the field, when one is at fault).
     */
    public static ReferenceFile read(Path path) {
        String text;
        try {
            text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidReferenceException(path, "cannot read: " + e.getMessage(), e);
        }
        try {
            return new ReferenceFile(path, JsonFields.parse(text, ""));
        } catch (IllegalArgumentException e) {
            throw new InvalidReferenceException(path, e.getMessage(), e);
        }
    }

    /**
     * Expands files and folders (recursively, {@code *.json} in name order) into reference files.
     * A path that does not exist is an error naming it.
     */
    public static List<Path> expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        for (Path p : paths) {
            if (Files.isDirectory(p)) {
                try (Stream<Path> walk = Files.walk(p)) {
                    out.addAll(walk.filter(f -> Files.isRegularFile(f) && f.toString().endsWith(".json"))
                            .sorted().collect(Collectors.toList()));
                } catch (IOException e) {
                    throw new InvalidReferenceException(p, "cannot list folder: " + e.getMessage(), e);
                }
            } else if (Files.isRegularFile(p)) {
                out.add(p);
            } else {
                throw new InvalidReferenceException(p, "no such file or folder", null);
            }
        }
        return out;
    }

    public Path path() {
        return path;
    }

    public JsonFields root() {
        return root;
    }

    public String kind() {
        return kind;
    }

    public List<JsonFields> cases() {
        return cases;
    }
}
