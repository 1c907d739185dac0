package org.equikern.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equikern.validate.CaseResult;
import org.equikern.validate.Harness;
import org.equikern.validate.InvalidReferenceException;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKinds;

/**
 * Command line: {@code java -jar equikern.jar validate [--precision f64|f32|both] PATH...}.
 * Exit 0 when every case passed, 1 when one failed, 2 on bad usage or unreadable input.
 */
public final class Main {
    private static final String USAGE = String.join("\n",
            "usage: equikern validate [--precision f64|f32|both] PATH...",
            "  validate   check reference files (SCHEMA.md format) or folders of them",
            "  help       print this text");

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? Harness.BAD_INPUT : Harness.OK;
        }
        if (!args[0].equals("validate")) {
            err.println("unknown command '" + args[0] + "'\n" + USAGE);
            return Harness.BAD_INPUT;
        }
        try {
            return validate(Arrays.asList(args).subList(1, args.length), out);
        } catch (IllegalArgumentException | InvalidReferenceException e) {
            err.println("error: " + e.getMessage());
            return Harness.BAD_INPUT;
        }
    }

    private static int validate(List<String> args, PrintStream out) {
        List<Precision> precisions = List.of(Precision.F64, Precision.F32);
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--precision")) {
                if (i + 1 >= args.size()) throw new IllegalArgumentException("--precision needs f64, f32 or both");
                String p = args.get(++i);
                precisions = p.equals("both") ? List.of(Precision.F64, Precision.F32) : List.of(Precision.parse(p));
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            } else {
                paths.add(Path.of(a));
            }
        }
        if (paths.isEmpty()) throw new IllegalArgumentException("validate needs at least one PATH\n" + USAGE);
        List<CaseResult> results = new Harness(ReferenceKinds.all(), precisions, out).run(paths);
        return results.stream().allMatch(CaseResult::passed) ? Harness.OK : Harness.FAILED;
    }
}
