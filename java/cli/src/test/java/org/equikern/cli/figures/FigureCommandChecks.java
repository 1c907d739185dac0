package org.equikern.cli.figures;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.equikern.cli.Main;

/** Checks shared by the tests of the {@code figures} subcommands. */
public final class FigureCommandChecks {
    private FigureCommandChecks() {
    }

    /** The rows of a CSV file the figure writer wrote (no quoting there), header first. */
    public static List<String[]> csv(Path file) throws IOException {
        return Files.readAllLines(file).stream().map(l -> l.split(",", -1)).toList();
    }

    /** {@code figures SUBCOMMAND --help} exits 0 and names {@code --out} and {@code --reduced}. */
    public static void assertHelpNamesTheOptions(String subcommand) {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"figures", subcommand, "--help"},
                new PrintStream(stdout, true, StandardCharsets.UTF_8), System.err);
        assertEquals(0, status);
        String help = stdout.toString(StandardCharsets.UTF_8);
        assertTrue(help.contains("--out=DIR") && help.contains("--reduced"), help);
    }
}
