package org.equikern.validate;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.equikern.device.Device;
import org.equikern.group.IrrepsLayout;

/**
 * Runs reference files through the checkers of their kinds, in each requested precision (and,
 * for kinds whose ops take irreps features, each requested {@link IrrepsLayout}), and prints one
 * line per case, then {@code N passed, M failed}. All files are parsed before any case
 * runs, so malformed input is reported before work starts; a path that holds no case is bad input
 * too, so a mistyped folder never passes. A case the checker or the library rejects (a malformed
 * field, a size beyond what the file holds, an overflowing irreps) stops the run with an
 * {@link InvalidReferenceException} naming the file and the field or case.
 */
public final class Harness {
    /** Exit status when every case passed. */
    public static final int OK = 0;
    /** Exit status when a case failed. */
    public static final int FAILED = 1;
    /** Exit status for unreadable or malformed input. */
    public static final int BAD_INPUT = 2;

    /** Device label of kinds that are host-side math ({@link ReferenceKind#runsOnDevices()} false). */
    static final String HOST = "host";

    private final ReferenceKinds kinds;
    private final List<Precision> precisions;
    private final List<Device> devices;
    private final List<IrrepsLayout> layouts;
    private final PrintStream out;

    /**
     * @param devices where device kinds run (open; the caller closes them); host-side kinds run
     *     once on the first
     */
    public Harness(ReferenceKinds kinds, List<Precision> precisions, List<Device> devices, PrintStream out) {
        this(kinds, precisions, devices, List.of(IrrepsLayout.MUL_IR), out);
    }

    /**
     * @param devices where device kinds run (open; the caller closes them); host-side kinds run
     *     once on the first
     * @param layouts the layouts kinds that {@linkplain ReferenceKind#followsLayout() follow one}
     *     run their ops in; the others run once
     */
    public Harness(ReferenceKinds kinds, List<Precision> precisions, List<Device> devices, List<IrrepsLayout> layouts,
            PrintStream out) {
        if (devices.isEmpty()) throw new IllegalArgumentException("the harness needs at least one device");
        if (layouts.isEmpty()) throw new IllegalArgumentException("the harness needs at least one layout");
        this.kinds = kinds;
        this.precisions = List.copyOf(precisions);
        this.devices = List.copyOf(devices);
        this.layouts = List.copyOf(layouts);
        this.out = out;
    }

    /** Validates files and folders; returns every result (also printed). */
    public List<CaseResult> run(List<Path> paths) {
        List<ReferenceFile> files = new ArrayList<>();
        for (Path path : paths) {
            int cases = 0;
            for (Path p : ReferenceFile.expand(List.of(path))) {
                ReferenceFile file = ReferenceFile.read(p);
                try {
                    kinds.get(file.kind());
                } catch (IllegalArgumentException e) {
                    throw new InvalidReferenceException(p, "kind: " + e.getMessage(), e);
                }
                files.add(file);
                cases += file.cases().size();
            }
            if (cases == 0) throw InvalidReferenceException.noCases(path);
        }
        for (Device device : devices) {
            if (precisions.contains(Precision.F64) && !device.supportsFloat64()) {
                out.println("# " + device.name() + " has no float64 support: its f64 cases are not run");
            }
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
        List<JsonFields> cases = file.cases();
        List<Device> targets = kind.runsOnDevices() ? devices : devices.subList(0, 1);
        List<IrrepsLayout> kindLayouts = kind.followsLayout() ? layouts : List.of(IrrepsLayout.MUL_IR);
        for (int i = 0; i < cases.size(); i++) {
            JsonFields testCase = cases.get(i);
            for (Device device : targets) {
                String label = kind.runsOnDevices() ? device.name() : HOST;
                for (Precision precision : precisions) {
                    if (precision == Precision.F64 && !device.supportsFloat64()) continue; // said once, in run()
                    for (IrrepsLayout layout : kindLayouts) {
                        CaseResult r = runCase(file, kind, testCase, i, new ValidationContext(device, precision,
                                layout), label);
                        out.println(r.line());
                        results.add(r);
                    }
                }
            }
        }
        return results;
    }

    private static CaseResult runCase(ReferenceFile file, ReferenceKind kind, JsonFields testCase, int index,
            ValidationContext context, String deviceLabel) {
        try {
            Comparison c = kind.check(file.root(), testCase, context);
            return new CaseResult(file.kind(), kind.caseName(testCase, index), deviceLabel, context.precision(),
                    context.layout(), c);
        } catch (JsonFieldException e) {
            // A field the checker could not use: the file is at fault, not the library.
            throw new InvalidReferenceException(file.path(), e.getMessage(), e);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // The library rejected what the case describes (sizes, instructions): name the case.
            throw new InvalidReferenceException(file.path(), testCase.path() + ": " + e.getMessage(), e);
        }
    }
}
