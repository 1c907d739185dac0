package org.equikern.device.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The bounded cache of compiled generated programs: compile once, evict least recently used, release all on close. */
class GeneratedProgramCacheTest {
    private final List<String> compiled = new ArrayList<>();
    private final List<String> released = new ArrayList<>();
    private final List<String> used = new ArrayList<>();
    private final GeneratedProgramCache<String> cache = new GeneratedProgramCache<>(2, released::add);

    private void use(String source) {
        cache.use(new GeneratedProgram("p", KernelDialect.OPENCL_C, source), p -> {
            compiled.add(p.source());
            return "built " + p.source();
        }, used::add);
    }

    @Test
    void compilesOncePerSourceAndReleasesTheLeastRecentlyUsed() {
        use("a");
        use("b");
        use("a");
        use("c");
        assertEquals(List.of("a", "b", "c"), compiled);
        assertEquals(List.of("built b"), released);
        assertEquals(List.of("built a", "built b", "built a", "built c"), used);
        assertEquals(2, cache.size());
        cache.close();
        assertEquals(List.of("built b", "built a", "built c"), released);
        assertEquals(0, cache.size());
    }

    @Test
    void aCapacityBelowOneIsRejected() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> new GeneratedProgramCache<String>(0, s -> { })).getMessage();
        assertEquals("generated program cache capacity must be >= 1, got 0", message);
    }
}
