package org.equikern.cli;

import java.io.PrintStream;
import org.equikern.demo.Demo;
import org.equikern.device.Device;
import org.equikern.runtime.Devices;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: energy and forces of a two-layer equivariant potential, and their rotation error. */
@Command(name = "demo", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Energy and forces of a two-layer equivariant potential on 16 random atoms, and how far a"
                + " random rotation moves them from exact invariance and equivariance.")
final class DemoCommand implements Runnable {
    @Option(names = "--device", paramLabel = "NAME", description = "The device to run on (default: the default device).")
    private String deviceName;

    private final PrintStream out;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public void run() {
        try (Device device = Devices.open(deviceName == null ? Devices.defaultDeviceName() : deviceName)) {
            Demo.run(device, out);
        }
    }
}
