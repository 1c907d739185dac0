package org.equikern.device.kernel;

import java.util.Objects;

/**
 * A program written at run time for one device dialect and precision (a per-plan kernel
 * generator's output), launched through {@link KernelLauncher#launch(GeneratedProgram,
 * KernelSignature, org.equikern.device.DType, long, Object...)}. Devices cache what they compile
 * from it by its source text.
 *
 * @param name names the program in signatures and messages (e.g. {@code tp_generated})
 * @param dialect the dialect {@code source} is written in
 * @param source the complete, self-contained program text
 */
public record GeneratedProgram(String name, KernelDialect dialect, String source) {
    /**
     * A program generated at run time.
     *
     * @param name the program's name, which its kernel signatures carry
     * @param dialect the language of the source
     * @param source the complete source; it is the cache key
     * @throws NullPointerException when a component is null
     */
    public GeneratedProgram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dialect, "dialect");
        Objects.requireNonNull(source, "source");
    }
}
