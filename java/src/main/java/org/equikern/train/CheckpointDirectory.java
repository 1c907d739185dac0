package org.equikern.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The checkpoints of a run under its output directory: each epoch's checkpoint in
 * {@code checkpoints/epoch-NNNNNN}, and the links {@value #LAST} and {@value #BEST} to the latest and
 * the best one, each replaced by an atomic rename of a new link, so they always name a complete
 * checkpoint. Checkpoints no link names are deleted.
 */
final class CheckpointDirectory {
    /** The link to the latest checkpoint. */
    static final String LAST = "last";
    /** The link to the checkpoint of the lowest validation loss. */
    static final String BEST = "best";

    private final Path root;

    CheckpointDirectory(Path root) {
        this.root = root;
    }

    /** Writes the checkpoint of {@code epoch}, points {@code last} (and {@code best} when it is) at it. */
    void save(int epoch, boolean best, Map<String, Object> config, Map<String, StoredTensor> weights,
            Map<String, StoredTensor> state) throws IOException {
        Path checkpoints = root.resolve("checkpoints");
        Files.createDirectories(checkpoints);
        String name = String.format("epoch-%06d", epoch);
        Path dir = checkpoints.resolve(name);
        // A rerun after a crash may meet an epoch directory no link names yet: replace it.
        if (!isLinked(dir)) {
            Checkpoint.deleteRecursively(dir);
        }
        Checkpoint.write(dir, config, weights, state);
        Path target = Path.of("checkpoints", name);
        if (best) {
            link(BEST, target);
        }
        link(LAST, target);
        prune(checkpoints);
    }

    private void link(String name, Path target) throws IOException {
        Path temporary = root.resolve("." + name + ".tmp");
        Files.deleteIfExists(temporary);
        Files.createSymbolicLink(temporary, target);
        Files.move(temporary, root.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    private boolean isLinked(Path dir) throws IOException {
        return linkedTargets().contains(dir.getFileName().toString());
    }

    private Set<String> linkedTargets() throws IOException {
        Set<String> names = new HashSet<>();
        for (String link : new String[] {LAST, BEST}) {
            Path p = root.resolve(link);
            if (Files.isSymbolicLink(p)) {
                names.add(Files.readSymbolicLink(p).getFileName().toString());
            }
        }
        return names;
    }

    private void prune(Path checkpoints) throws IOException {
        Set<String> keep = linkedTargets();
        try (Stream<Path> list = Files.list(checkpoints)) {
            for (Path p : list.toList()) {
                String n = p.getFileName().toString();
                if (n.startsWith("epoch-") && !keep.contains(n) && Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                    Checkpoint.deleteRecursively(p);
                }
            }
        }
    }
}
