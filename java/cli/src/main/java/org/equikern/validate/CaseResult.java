package org.equikern.validate;

import java.util.Locale;
import org.equikern.group.IrrepsLayout;

/** One line of the harness table: a case run on one device in one precision and irreps layout. */
public final class CaseResult {
    private final String kind;
    private final String caseName;
    private final String device;
    private final Precision precision;
    private final IrrepsLayout layout;
    private final Comparison comparison;

    public CaseResult(String kind, String caseName, String device, Precision precision, Comparison comparison) {
        this(kind, caseName, device, precision, IrrepsLayout.MUL_IR, comparison);
    }

    /** A case whose ops took their irreps buffers in {@code layout}. */
    public CaseResult(String kind, String caseName, String device, Precision precision, IrrepsLayout layout,
            Comparison comparison) {
        this.kind = kind;
        this.caseName = caseName.replaceAll("\\s+", "_"); // one token per column
        this.device = device;
        this.precision = precision;
        this.layout = layout;
        this.comparison = comparison;
    }

    /** The layout the case's ops took their irreps buffers in ({@code mul_ir} for kinds without one). */
    public IrrepsLayout layout() {
        return layout;
    }

    public boolean passed() {
        return comparison.passed();
    }

    public Comparison comparison() {
        return comparison;
    }

    /**
     * {@code kind case device precision max_abs=… max_rel=… PASS|FAIL}; the precision reads
     * {@code f64/ir_mul} for a case run in {@code ir_mul}, so {@code mul_ir} lines keep their form.
     */
    public String line() {
        String how = layout == IrrepsLayout.MUL_IR ? precision.label() : precision.label() + "/" + layout.label();
        String line = String.format(Locale.ROOT, "%s %s %s %s max_abs=%.3e max_rel=%.3e %s", kind, caseName, device,
                how, comparison.maxAbs(), comparison.maxRel(), passed() ? "PASS" : "FAIL");
        return passed() ? line : line + " (" + comparison.worstArray() + ")";
    }
}
