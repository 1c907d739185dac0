package org.equikern.cli.o3;

import java.util.Collection;

/**
 * The compute figure of merit as a table: wall time and optimizer steps each model needs, on the largest
 * training set, to reach the validation force error that every model reaches (the worst of the models'
 * best errors), so that no model is charged for a target it never meets.
 */
final class ComputeToTarget {
    private ComputeToTarget() {
    }

    /** The target: the largest over models of each model's lowest validation force MAE. */
    static double target(Collection<O3Study.ModelResult> results) {
        double target = 0;
        for (O3Study.ModelResult r : results) {
            target = Math.max(target, r.progress().stream().mapToDouble(O3Study.Progress::validationForceMae).min()
                    .orElseThrow());
        }
        return target;
    }

    /** The first epoch of {@code r}'s largest run at or below {@code target}. */
    static O3Study.Progress firstReaching(O3Study.ModelResult r, double target) {
        return r.progress().stream().filter(p -> p.validationForceMae() <= target).findFirst().orElseThrow();
    }

    /** A markdown table of time and steps to the target, one row per model. */
    static String markdown(Collection<O3Study.ModelResult> results) {
        double target = target(results);
        StringBuilder md = new StringBuilder(String.format("Compute to a common accuracy: validation force MAE "
                + "%.4f eV/Å (the worst model's best), largest training set.%n%n", target));
        md.append("| model | wall time (s) | optimizer steps |\n|---|---|---|\n");
        for (O3Study.ModelResult r : results) {
            O3Study.Progress p = firstReaching(r, target);
            md.append(String.format("| %s | %.1f | %d |%n", r.spec().name(), p.seconds(), p.steps()));
        }
        return md.append('\n').toString();
    }
}
