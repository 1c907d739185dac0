package org.equikern.validate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.equikern.io.JsonObject;

/**
 * Runs reference files through the checkers of their kinds, in each requested precision, and
 * prints one line per case, then {@code N passed, M failed}. All files are parsed before any case
 * runs, so malformed input is reported before work starts.
 */
public final class Harness {
    /** Exit status when every case passed. */
    public static final int OK = 0;
    /** Exit status when a case failed. */
    public static final int FAILED = 1;
    /** Exit status for unreadable or malformed input. */
    public static final int BAD_INPUT = 2;

    private final ReferenceKinds kinds;
    private final List<Precision> precisions;
    private final PrintStream out;

    public Harness(ReferenceKinds kinds, List<Precision> precisions, PrintStream out) {
        this.kinds = kinds;
        this.precisions = List.copyOf(precisions);
        this.out = out;
    }

    /** Validates files and folders; returns every result (also printed). */
    public List<CaseResult> run(List<Path> paths) {
        List<ReferenceFile> files = new ArrayList<>();
        for (Path p : ReferenceFile.expand(paths)) {
            ReferenceFile file = ReferenceFile.read(p);
            try {
                kinds.get(file.kind());
            } catch (IllegalArgumentException e) {
                throw new InvalidReferenceException(p, "kind: " + e.getMessage(), e);
            }
            files.add(file);
        }
        List<CaseResult> results = new ArrayList<>();
        for (ReferenceFile file : files) {
            results.addAll(runFile(file));
        }
        long passed = results.stream().filter(CaseResult::passed).count();
        out.println(passed + " passed, " + (results.size() - passed) + " failed");
        return results;
    }

    private List<CaseResult> runFile(ReferenceFile file) {
        ReferenceKind kind = kinds.get(file.kind());
        List<CaseResult> results = new ArrayList<>();
        List<JsonObject> cases = file.cases();
        for (int i = 0; i < cases.size(); i++) {
            JsonObject testCase = cases.get(i);
            for (Precision precision : precisions) {
                CaseResult r = runCase(file, kind, testCase, i, precision);
                out.println(r.line());
                results.add(r);
            }
        }
        return results;
    }

    private static CaseResult runCase(ReferenceFile file, ReferenceKind kind, JsonObject testCase, int index,
            Precision precision) {
        try {
            Comparison c = kind.check(file.root(), testCase, new ValidationContext(precision));
            return new CaseResult(file.kind(), kind.caseName(testCase, index), "java", precision, c);
        } catch (IllegalArgumentException e) {
            // A field the checker could not use: the file is at fault, not the library.
            throw new InvalidReferenceException(file.path(), e.getMessage(), e);
        }
    }
}
