package org.equikern.validate;


/**
 * Checks the cases of one reference-file {@code kind} (SCHEMA.md). Implementations are stateless
 * and registered in {@link ReferenceKinds}.
 */
public interface ReferenceKind {
    /** The file's {@code kind} value, e.g. {@code wigner_3j}. */
    String kind();

    /** A short name for a case, for the harness table (e.g. {@code l=1,2,3} or the case's name). */
    String caseName(JsonFields testCase, int index);

    /**
     * Recomputes one case and compares it with the reference arrays.
     *
     * @param file the whole file, for top-level fields some kinds carry
     * @throws JsonFieldException when a field is missing or malformed
     */
    Comparison check(JsonFields file, JsonFields testCase, ValidationContext context);

    /**
     * Whether the computation runs on the context's device. Kinds that are pure host-side group
     * math (Wigner 3j, Wigner D) run once per precision, reported on device {@code host}.
     */
    default boolean runsOnDevices() {
        return false;
    }

    /**
     * Whether the kind's ops take irreps inputs and outputs in the context's
     * {@link ValidationContext#layout()}, so the harness runs it once per layout asked for. Kinds
     * whose data lie alike in both layouts (harmonics, scalars) or that run no op do not.
     */
    default boolean followsLayout() {
        return false;
    }
}
