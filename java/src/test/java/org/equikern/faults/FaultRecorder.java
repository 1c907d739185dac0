package org.equikern.faults;

import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.equikern.data.ExtXyzFormatException;
import org.equikern.device.Device;
import org.equikern.train.SafetensorsFormatException;

/**
 * Runs generated fault cases and collects every case whose outcome is not allowed, so one run
 * reports all of them with the seed and the input that replays each. An allowed outcome is a
 * result that passes the case's check, or an exception of an expected type whose message names
 * one of the case's words (the argument, field or input at fault). Anything else fails: another
 * exception type, a bare or anonymous message, a call still running after {@link #TIME_LIMIT}, a
 * device buffer left live by the call.
 */
final class FaultRecorder {
    /** Longest a single call may run: every case here is small, so longer means a hang. */
    static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private static final Set<Class<? extends Throwable>> EXPECTED = Set.of(IllegalArgumentException.class,
            IndexOutOfBoundsException.class, IllegalStateException.class, NullPointerException.class,
            ExtXyzFormatException.class, SafetensorsFormatException.class);

    /** Failures printed in full; the rest are counted. */
    private static final int MAX_SHOWN = 40;

    private final long seed;
    private final Map<String, Integer> counts = new TreeMap<>();
    private final List<String> failures = new ArrayList<>();
    private List<Device> devices = List.of();

    FaultRecorder(long seed) {
        this.seed = seed;
    }

    /** Devices whose live buffer count every later call must leave as it found it. */
    FaultRecorder watching(Device... watched) {
        devices = List.of(watched);
        return this;
    }

    /** The call may succeed (then {@code check} must accept its result) or be rejected. */
    <T> void mayPass(String category, String input, Callable<T> call, Consumer<? super T> check, String... names) {
        run(category, input, call, check, false, names);
    }

    /** The call must be rejected with an expected exception naming one of {@code names}. */
    void mustReject(String category, String input, Callable<?> call, String... names) {
        run(category, input, call, r -> { }, true, names);
    }

    /** The call must succeed and {@code check} accept its result. */
    <T> void mustPass(String category, String input, Callable<T> call, Consumer<? super T> check) {
        run(category, input, () -> {
            try {
                return call.call();
            } catch (RuntimeException e) {
                throw new AssertionError("rejected valid input: " + e, e);
            }
        }, check, false);
    }

    /** Records a failure found outside a single call (e.g. by a concurrency round). */
    void failure(String category, String input, String what) {
        failures.add(category + " [seed " + seed + "] " + input + ": " + what);
    }

    /** Counts one case of {@code category} checked outside {@link #mayPass}/{@link #mustReject}. */
    void count(String category) {
        counts.merge(category, 1, Integer::sum);
    }

    Map<String, Integer> counts() {
        return counts;
    }

    /** Fails with every collected failure, or prints the case counts. */
    void assertNoFaults(String suite) {
        StringBuilder summary = new StringBuilder(suite + " [seed " + seed + "]:");
        counts.forEach((k, v) -> summary.append(' ').append(k).append('=').append(v));
        System.out.println(summary);
        if (!failures.isEmpty()) {
            List<String> shown = failures.size() <= MAX_SHOWN ? failures : failures.subList(0, MAX_SHOWN);
            fail(failures.size() + " fault cases failed in " + summary + "\n  " + String.join("\n  ", shown)
                    + (shown.size() < failures.size() ? "\n  … and " + (failures.size() - shown.size()) + " more" : ""));
        }
    }

    private <T> void run(String category, String input, Callable<T> call, Consumer<? super T> check,
            boolean mustReject, String... names) {
        count(category);
        int[] live = liveCounts();
        String outcome;
        try {
            T result = assertTimeoutPreemptively(TIME_LIMIT, call::call, () -> "no answer within " + TIME_LIMIT);
            outcome = mustReject ? "accepted bad input, returned " + abbreviate(String.valueOf(result)) : checked(check, result);
        } catch (AssertionError e) {
            outcome = String.valueOf(e.getMessage());
        } catch (Throwable e) {
            outcome = judged(e, names);
        }
        String leak = leaks(live);
        if (outcome == null && leak != null) outcome = leak;
        if (outcome != null) failures.add(category + " [seed " + seed + "] " + abbreviate(input) + ": " + outcome);
    }

    private static <T> String checked(Consumer<? super T> check, T result) {
        try {
            check.accept(result);
            return null;
        } catch (AssertionError | RuntimeException e) {
            return "wrong result: " + e;
        }
    }

    /** Null when {@code e} is an allowed rejection, otherwise what is wrong with it. */
    private static String judged(Throwable e, String... names) {
        String type = e.getClass().getName();
        if (!EXPECTED.contains(e.getClass())) return "unexpected " + type + ": " + e.getMessage() + at(e);
        String message = e.getMessage();
        if (message == null || message.isBlank()) return "bare " + type + at(e);
        if (names.length == 0) return null;
        String lower = message.toLowerCase(Locale.ROOT);
        for (String name : names) {
            if (lower.contains(name.toLowerCase(Locale.ROOT))) return null;
        }
        return type + " names none of " + List.of(names) + ": " + message;
    }

    private static String at(Throwable e) {
        StackTraceElement[] trace = e.getStackTrace();
        return trace.length == 0 ? "" : " at " + trace[0];
    }

    private int[] liveCounts() {
        int[] live = new int[devices.size()];
        for (int i = 0; i < live.length; i++) live[i] = devices.get(i).isClosed() ? 0 : devices.get(i).liveBufferCount();
        return live;
    }

    private String leaks(int[] before) {
        int[] after = liveCounts();
        for (int i = 0; i < before.length; i++) {
            if (after[i] != before[i] && !devices.get(i).isClosed()) {
                return "left " + (after[i] - before[i]) + " live buffers on " + devices.get(i).name() + ": "
                        + devices.get(i).liveBufferNames();
            }
        }
        return null;
    }

    static String abbreviate(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length() && out.length() < 200; i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c > 0x7e) out.append(String.format("\\u%04x", (int) c));
            else out.append(c);
        }
        return out.length() < 200 ? out.toString() : out + "…(" + s.length() + " chars)";
    }
}
