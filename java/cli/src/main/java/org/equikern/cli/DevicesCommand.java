package org.equikern.cli;

import java.io.PrintStream;
import org.equikern.device.DeviceDescription;
import org.equikern.runtime.Devices;
import picocli.CommandLine.Command;

/** {@code devices}: every backend with its capabilities or why it is unavailable. */
@Command(name = "devices", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "List every backend with its capabilities or why it is unavailable, then the default device.")
final class DevicesCommand implements Runnable {
    private final PrintStream out;

    DevicesCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public void run() {
        for (DeviceDescription d : Devices.list()) out.println(d.describe());
        out.println("default: " + Devices.defaultDeviceName());
    }
}
