package org.equikern.validate;

import java.util.Locale;

/** One line of the harness table: a case run on one device in one precision. */
public final class CaseResult {
    private final String kind;
    private final String caseName;
    private final String device;
    private final Precision precision;
    private final Comparison comparison;

    public CaseResult(String kind, String caseName, String device, Precision precision, Comparison comparison) {
        this.kind = kind;
        this.caseName = caseName.replaceAll("\\s+", "_"); // one token per column
        this.device = device;
        this.precision = precision;
        this.comparison = comparison;
    }

    public boolean passed() {
        return comparison.passed();
    }

    public Comparison comparison() {
        return comparison;
    }

    /** {@code kind case device precision max_abs=… max_rel=… PASS|FAIL}. */
    public String line() {
        String line = String.format(Locale.ROOT, "%s %s %s %s max_abs=%.3e max_rel=%.3e %s", kind, caseName, device,
                precision.label(), comparison.maxAbs(), comparison.maxRel(), passed() ? "PASS" : "FAIL");
        return passed() ? line : line + " (" + comparison.worstArray() + ")";
    }
}
