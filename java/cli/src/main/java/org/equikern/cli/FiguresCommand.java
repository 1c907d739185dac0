package org.equikern.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code figures o3 ...}, {@code figures jets ...}: the reports with figures the project measures itself by. */
@Command(name = "figures", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Measure and plot figures of merit (see the subcommands).")
final class FiguresCommand implements Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }
}
