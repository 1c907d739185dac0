package org.equikern.testing;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Finds a Python interpreter that can import ASE (Debian's python3-ase), for tests that have ASE read files. */
public final class PythonWithAse {
    private PythonWithAse() {
    }

    /**
     * The first of {@code python3} on the PATH and {@code /usr/bin/python3} that imports ASE.
     *
     * @throws AssertionError when neither does, with the install hint
     */
    public static String interpreter() throws InterruptedException {
        for (String candidate : new String[] {"python3", "/usr/bin/python3"}) {
            try {
                Process p = new ProcessBuilder(candidate, "-c", "import ase").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException notInstalled) {
                // try the next candidate
            }
        }
        throw new AssertionError("needs python3 with ase (Debian: apt-get install python3-ase; .ci/run installs it)");
    }
}
