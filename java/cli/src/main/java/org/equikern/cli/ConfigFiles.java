package org.equikern.cli;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads a training configuration, YAML or JSON (JSON is YAML), into the map
 * {@link org.equikern.train.TrainingConfig#parse} takes. Repeated keys are an error. Paths in the
 * file ({@code dataset_file_name}, {@code output_dir}) are resolved against the file's folder, so a
 * configuration runs the same from any working directory, and a checkpoint's copy of it too.
 */
final class ConfigFiles {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    private static final String[] PATH_FIELDS = {"dataset_file_name", "output_dir"};

    private ConfigFiles() {
    }

    /** The top-level map of {@code file}, its path fields made absolute. */
    static Map<String, Object> read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException("configuration " + file + ": no such file");
        }
        Map<String, Object> map;
        try {
            map = YAML.readValue(file.toFile(), new TypeReference<LinkedHashMap<String, Object>>() { });
        } catch (IOException e) {
            throw new IllegalArgumentException("configuration " + file + ": " + e.getMessage().lines().findFirst()
                    .orElse("unreadable"), e);
        }
        if (map == null) {
            throw new IllegalArgumentException("configuration " + file + ": empty");
        }
        Path folder = file.toAbsolutePath().getParent();
        for (String field : PATH_FIELDS) {
            if (map.get(field) instanceof String s) {
                map.put(field, folder.resolve(s).normalize().toString());
            }
        }
        map.putIfAbsent("output_dir", folder.resolve("results").toString());
        return map;
    }
}
