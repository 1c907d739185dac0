package org.equikern.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Extended XYZ as ASE reads and writes it, configured by which comment key holds the energy, which
 * column the forces, and which extra per-atom columns to keep. Immutable; {@link #DEFAULT} reads
 * {@code energy=} and {@code forces:R:3} (what ASE writes for a calculator's results) and drops other
 * per-atom columns such as {@code momenta}. For files labelled MACE-style:
 * {@code ExtXyz.DEFAULT.withEnergyKey("REF_energy").withForcesKey("REF_forces")}.
 *
 * <p>Every per-frame value of the comment line is kept ({@link Structure#info()}), typed as ASE types
 * it. Frames are read one at a time ({@link #open}, {@link #stream}); {@link #readAll} collects them.
 */
public final class ExtXyz {
    /** Energy in {@code energy=}, forces in the {@code forces} column, no extra per-atom columns kept. */
    public static final ExtXyz DEFAULT = new ExtXyz("energy", "forces", Set.of(), false);

    private final String energyKey;
    private final String forcesKey;
    private final Set<String> keptArrays;
    private final boolean keepAllArrays;

    private ExtXyz(String energyKey, String forcesKey, Set<String> keptArrays, boolean keepAllArrays) {
        this.energyKey = energyKey;
        this.forcesKey = forcesKey;
        this.keptArrays = keptArrays;
        this.keepAllArrays = keepAllArrays;
    }

    /**
     * The comment key read into (and written from) {@link Structure#energy()}.
     *
     * @param key the key, e.g. {@code "energy"} or {@code "REF_energy"}
     * @return a copy of this format with that key
     * @throws IllegalArgumentException for an empty or reserved name (such as {@code Lattice}) or one holding
     *     white space, quotes, brackets, {@code =}, {@code :} or a backslash
     */
    public ExtXyz withEnergyKey(String key) {
        Structure.checkName("energy key", key);
        if (Structure.RESERVED_INFO.contains(key)) {
            throw new IllegalArgumentException("energy key '" + key + "' is reserved");
        }
        return new ExtXyz(key, forcesKey, keptArrays, keepAllArrays);
    }

    /**
     * The {@code R:3} column read into (and written from) {@link Structure#forces()}.
     *
     * @param key the column name, e.g. {@code "forces"} or {@code "REF_forces"}
     * @return a copy of this format with that key
     * @throws IllegalArgumentException for an empty or reserved name (such as {@code pos}) or one holding
     *     white space, quotes, brackets, {@code =}, {@code :} or a backslash
     */
    public ExtXyz withForcesKey(String key) {
        Structure.checkName("forces key", key);
        if (Structure.RESERVED_ARRAYS.contains(key)) {
            throw new IllegalArgumentException("forces key '" + key + "' is reserved");
        }
        return new ExtXyz(energyKey, key, keptArrays, keepAllArrays);
    }

    /**
     * Also keeps these per-atom columns (e.g. "momenta") in {@link Structure#arrays()}.
     *
     * @param names the column names to keep besides species, positions and forces
     * @return a copy of this format that keeps them
     */
    public ExtXyz keepingArrays(String... names) {
        Set<String> kept = new LinkedHashSet<>(keptArrays);
        kept.addAll(Arrays.asList(names));
        return new ExtXyz(energyKey, forcesKey, Collections.unmodifiableSet(kept), keepAllArrays);
    }

    /**
     * Keeps every per-atom column (e.g. to convert a file without losing anything).
     *
     * @return a copy of this format that keeps all columns
     */
    public ExtXyz keepingAllArrays() {
        return new ExtXyz(energyKey, forcesKey, keptArrays, true);
    }

    /**
     * The comment key holding each frame's energy.
     *
     * @return the key ({@code "energy"} unless changed)
     */
    public String energyKey() {
        return energyKey;
    }

    /**
     * The per-atom column holding the forces.
     *
     * @return the column name ({@code "forces"} unless changed)
     */
    public String forcesKey() {
        return forcesKey;
    }

    boolean keepsArray(String name) {
        return keepAllArrays || keptArrays.contains(name);
    }

    /**
     * Opens a file for reading frame by frame (UTF-8); close the reader.
     *
     * @param path the file
     * @return a reader positioned before the first frame
     * @throws java.io.UncheckedIOException when the file cannot be opened
     */
    public ExtXyzReader open(Path path) {
        try {
            return open(Files.newBufferedReader(path, StandardCharsets.UTF_8), path.getFileName().toString());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path + ": " + e.getMessage(), e);
        }
    }

    /**
     * Reads frames from any character stream; {@code source} names it in error messages. Closing the
     * returned reader closes {@code in}.
     *
     * @param in the characters to read; the reader takes ownership
     * @param source the name used in error messages
     * @return a reader positioned before the first frame
     */
    public ExtXyzReader open(Reader in, String source) {
        BufferedReader buffered = in instanceof BufferedReader ? (BufferedReader) in : new BufferedReader(in);
        return new ExtXyzReader(buffered, new FrameParser(this, source), source);
    }

    /**
     * The frames of a file, read lazily; close the stream (try-with-resources) to close the file.
     *
     * @param path the file
     * @return a lazy stream of the frames, in file order
     * @throws java.io.UncheckedIOException when the file cannot be opened
     */
    public Stream<Structure> stream(Path path) {
        ExtXyzReader reader = open(path);
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(reader,
                Spliterator.ORDERED | Spliterator.NONNULL), false).onClose(reader::close);
    }

    /**
     * Every frame of a file.
     *
     * @param path the file
     * @return the frames, in file order
     * @throws java.io.UncheckedIOException when the file cannot be read
     * @throws ExtXyzFormatException for malformed content, naming the line
     */
    public List<Structure> readAll(Path path) {
        List<Structure> frames = new ArrayList<>();
        try (ExtXyzReader reader = open(path)) {
            reader.forEachRemaining(frames::add);
        }
        return frames;
    }

    /**
     * A writer of frames to {@code out}; closing it closes {@code out}.
     *
     * @param out the destination; the writer takes ownership
     * @return the writer
     */
    public ExtXyzWriter writer(Writer out) {
        return new ExtXyzWriter(out, this);
    }

    /**
     * Writes frames to a file (UTF-8), replacing it.
     *
     * @param path the file, created or truncated
     * @param frames the frames, in order
     * @throws java.io.UncheckedIOException when the file cannot be written
     */
    public void writeAll(Path path, List<Structure> frames) {
        try (ExtXyzWriter w = writer(Files.newBufferedWriter(path, StandardCharsets.UTF_8))) {
            for (Structure s : frames) {
                w.write(s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
