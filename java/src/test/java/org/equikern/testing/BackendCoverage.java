package org.equikern.testing;

import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.equikern.device.DeviceTestBase;

/**
 * How many tests ran on each backend, and why any were skipped: the line printed at the end of a
 * test run ({@code java: 612 tests, opencl: 290 tests, cuda: skipped (no CUDA GPU: libcuda.so.1
 * not found)}).
 *
 * <p>A test runs on a backend when its class is a per-backend contract class: a subclass of
 * {@link DeviceTestBase} (every device and op contract is one) whose simple name starts with the
 * backend's prefix, {@code Java}, {@code OpenCl} or {@code Cuda} (the naming every per-backend
 * class follows, e.g. {@code OpenClGateOpTest}). Other tests (group math, parsers, the command
 * line) are not counted. A skipped class counts as one skip, since its tests are never listed.
 */
public final class BackendCoverage {
    /** The backends, in the order of the line, with the class-name prefix of their tests. */
    public enum Backend {
        JAVA("java", "Java"), OPENCL("opencl", "OpenCl"), CUDA("cuda", "Cuda");

        private final String label;
        private final String prefix;

        Backend(String label, String prefix) {
            this.label = label;
            this.prefix = prefix;
        }

        /** The backend {@code testClass} runs on, if it is a per-backend contract class. */
        public static Optional<Backend> of(Class<?> testClass) {
            if (!DeviceTestBase.class.isAssignableFrom(testClass)) return Optional.empty();
            for (Backend b : values()) {
                if (testClass.getSimpleName().startsWith(b.prefix)) return Optional.of(b);
            }
            return Optional.empty();
        }
    }

    private final Map<Backend, Integer> ran = new EnumMap<>(Backend.class);
    private final Map<Backend, Integer> skipped = new EnumMap<>(Backend.class);
    private final Map<Backend, Set<String>> reasons = new EnumMap<>(Backend.class);

    /** A test that ran (passed or failed) on {@code backend}. */
    public synchronized void ran(Backend backend) {
        ran.merge(backend, 1, Integer::sum);
    }

    /** A test or class on {@code backend} that was skipped or aborted for {@code reason}. */
    public synchronized void skipped(Backend backend, String reason) {
        skipped.merge(backend, 1, Integer::sum);
        reasons.computeIfAbsent(backend, b -> new LinkedHashSet<>()).add(reason);
    }

    /** One entry per backend: its test count, its skips with their reasons, or {@code not run}. */
    public synchronized String line() {
        StringBuilder sb = new StringBuilder();
        for (Backend b : Backend.values()) {
            if (sb.length() > 0) sb.append(", ");
            sb.append(b.label).append(": ");
            int tests = ran.getOrDefault(b, 0);
            int skips = skipped.getOrDefault(b, 0);
            if (tests == 0 && skips == 0) {
                sb.append("not run");
                continue;
            }
            if (tests > 0) sb.append(tests).append(" tests");
            if (skips > 0) {
                sb.append(tests > 0 ? ", " + skips + " skipped (" : "skipped (");
                sb.append(String.join("; ", reasons.get(b))).append(')');
            }
        }
        return sb.toString();
    }
}
