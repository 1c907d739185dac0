package org.equikern.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import org.equikern.cli.jets.JetsFiguresCommand;
import org.equikern.cli.o3.O3FiguresCommand;
import org.equikern.validate.Harness;
import org.equikern.validate.InvalidReferenceException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * Command line: {@code java -jar equikern.jar validate|devices|demo|train|evaluate|figures ...}, each with {@code --help}.
 * Exit 0 when every case passed, 1 when one failed (or a device asked for by name cannot run), 2 on
 * bad usage or unreadable input.
 */
@Command(name = "equikern", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Equikern's validation harness, device list, demo potential, and training and evaluation of potentials.",
        subcommands = CommandLine.HelpCommand.class)
public final class Main implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    private Main() {
    }

    public static void main(String[] args) {
        int relaunched = PoclSignalGuard.relaunchIfNeeded(args);
        System.exit(relaunched >= 0 ? relaunched : run(args, System.out, System.err));
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine line = new CommandLine(new Main())
                .addSubcommand(new ValidateCommand(out))
                .addSubcommand(new DevicesCommand(out))
                .addSubcommand(new DemoCommand(out))
                .addSubcommand(new TrainCommand(out))
                .addSubcommand(new EvaluateCommand(out))
                .addSubcommand(new CommandLine(new FiguresCommand()).addSubcommand(new O3FiguresCommand(out))
                        .addSubcommand(new JetsFiguresCommand(out)))
                .setOut(new PrintWriter(out, true))
                .setErr(new PrintWriter(err, true))
                .setParameterExceptionHandler(Main::badUsage)
                .setExecutionExceptionHandler(Main::failure);
        return line.execute(args);
    }

    /** Without a command: the usage, as bad usage. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "a command is needed");
    }

    /** Bad usage: the problem, then the usage of the command it concerns; exit 2. */
    private static int badUsage(ParameterException e, String[] args) {
        CommandLine line = e.getCommandLine();
        PrintWriter err = line.getErr();
        boolean unknownCommand = e instanceof UnmatchedArgumentException && line.getParent() == null
                && !e.getCommandLine().getParseResult().hasSubcommand() && args.length > 0 && !args[0].startsWith("-");
        err.println("error: " + (unknownCommand ? "unknown command '" + args[0] + "'" : e.getMessage()));
        UnmatchedArgumentException.printSuggestions(e, err);
        line.usage(err);
        return Harness.BAD_INPUT;
    }

    /**
     * A command that failed: bad input ({@link IllegalArgumentException}, a malformed reference
     * file) exits 2, a device asked for by name that cannot run here ({@link IllegalStateException})
     * exits 1, each with its message and no stack trace.
     */
    private static int failure(Exception e, CommandLine line, ParseResult parsed) throws Exception {
        if (e instanceof IllegalArgumentException || e instanceof InvalidReferenceException) {
            line.getErr().println("error: " + e.getMessage());
            return Harness.BAD_INPUT;
        }
        if (e instanceof IllegalStateException) {
            line.getErr().println("error: " + e.getMessage());
            return Harness.FAILED;
        }
        throw e;
    }
}
