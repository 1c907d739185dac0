package org.equikern.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.equikern.demo.Demo;
import org.equikern.device.Device;
import org.equikern.device.DeviceDescription;
import org.equikern.device.Devices;
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
            "usage: equikern validate [--device NAME[,NAME...]|all] [--precision f64|f32|both] PATH...",
            "       equikern devices",
            "       equikern demo [--device NAME]",
            "  validate   check reference files (SCHEMA.md format) or folders of them on devices",
            "             (java, opencl, opencl:N, cuda, cuda:N, all; default: the default device)",
            "  devices    list every backend with its capabilities or why it is unavailable",
            "  demo       energy and forces of a two-layer equivariant potential, and their rotation error",
            "  help       print this text");

    private Main() {
    }

    public static void main(String[] args) {
        int relaunched = PoclSignalGuard.relaunchIfNeeded(args);
        System.exit(relaunched >= 0 ? relaunched : run(args, System.out, System.err));
    }

    /** Runs a command, printing to {@code out} and {@code err}; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 0 || args[0].equals("help") || args[0].equals("--help")) {
            (args.length == 0 ? err : out).println(USAGE);
            return args.length == 0 ? Harness.BAD_INPUT : Harness.OK;
        }
        if (args[0].equals("devices")) {
            for (DeviceDescription d : Devices.list()) out.println(d.describe());
            out.println("default: " + Devices.defaultDeviceName());
            return Harness.OK;
        }
        if (args[0].equals("demo")) {
            return demo(Arrays.asList(args).subList(1, args.length), out, err);
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
        } catch (IllegalStateException e) {
            // A device asked for by name that cannot run here: a failure, with its reason.
            err.println("error: " + e.getMessage());
            return Harness.FAILED;
        }
    }

    private static int demo(List<String> args, PrintStream out, PrintStream err) {
        String name = Devices.defaultDeviceName();
        if (args.size() == 2 && args.get(0).equals("--device")) {
            name = args.get(1);
        } else if (!args.isEmpty()) {
            err.println("usage: equikern demo [--device NAME]");
            return Harness.BAD_INPUT;
        }
        try (Device device = Devices.open(name)) {
            Demo.run(device, out);
            return Harness.OK;
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return Harness.BAD_INPUT;
        } catch (IllegalStateException e) {
            err.println("error: " + e.getMessage());
            return Harness.FAILED;
        }
    }

    private static int validate(List<String> args, PrintStream out) {
        List<Precision> precisions = List.of(Precision.F64, Precision.F32);
        List<Path> paths = new ArrayList<>();
        String deviceNames = Devices.defaultDeviceName();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--precision")) {
                if (i + 1 >= args.size()) throw new IllegalArgumentException("--precision needs f64, f32 or both");
                String p = args.get(++i);
                precisions = p.equals("both") ? List.of(Precision.F64, Precision.F32) : List.of(Precision.parse(p));
            } else if (a.equals("--device")) {
                if (i + 1 >= args.size()) throw new IllegalArgumentException("--device needs a name or 'all'");
                deviceNames = args.get(++i);
            } else if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            } else {
                paths.add(Path.of(a));
            }
        }
        if (paths.isEmpty()) throw new IllegalArgumentException("validate needs at least one PATH\n" + USAGE);
        List<Device> devices = new ArrayList<>();
        try {
            openDevices(deviceNames, devices, out);
            List<CaseResult> results = new Harness(ReferenceKinds.all(), precisions, devices, out).run(paths);
            return results.stream().allMatch(CaseResult::passed) ? Harness.OK : Harness.FAILED;
        } finally {
            devices.forEach(Device::close);
        }
    }

    /**
     * Opens the named devices; {@code all} opens every available one and lists the others with
     * their reason (not a failure, since they were not asked for by name).
     */
    private static void openDevices(String names, List<Device> devices, PrintStream out) {
        if (names.equals("all")) {
            for (DeviceDescription d : Devices.list()) {
                if (d.available()) devices.add(Devices.open(d.name()));
                else out.println("# " + d.name() + " unavailable: " + d.detail());
            }
            return;
        }
        for (String name : names.split(",")) devices.add(Devices.open(name.trim()));
    }
}
