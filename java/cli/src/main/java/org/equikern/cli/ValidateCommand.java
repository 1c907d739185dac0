package org.equikern.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.equikern.device.Device;
import org.equikern.device.DeviceDescription;
import org.equikern.group.IrrepsLayout;
import org.equikern.runtime.Devices;
import org.equikern.validate.CaseResult;
import org.equikern.validate.Harness;
import org.equikern.validate.Precision;
import org.equikern.validate.ReferenceKinds;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** {@code validate}: reference files through the harness on the chosen devices and precisions. */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = {"Check reference files (test-data/SCHEMA.md format) or folders of them on devices.",
            "One line per case, device and precision, then 'N passed, M failed'.",
            "Exit 0: every case passed; 1: a case failed or a named device is unavailable;"
                    + " 2: bad usage or unreadable or malformed input."})
final class ValidateCommand implements Callable<Integer> {
    @Option(names = "--device", paramLabel = "NAME[,NAME...]|all",
            description = "java, opencl, opencl:N, cuda, cuda:N, or all (every available device; the others are"
                    + " listed with their reason). Default: the default device.")
    private String deviceNames;

    @Option(names = "--precision", paramLabel = "f64|f32|both", converter = PrecisionsConverter.class,
            description = "Precisions to run in (default: both).")
    private Precisions precisions = new Precisions(List.of(Precision.F64, Precision.F32));

    @Option(names = "--layout", paramLabel = "mul_ir|ir_mul|both", converter = LayoutsConverter.class,
            description = "Irreps layouts the ops take the references' features in (default: mul_ir). ir_mul"
                    + " converts each reference's inputs to cuEquivariance's layout and the results back.")
    private Layouts layouts = new Layouts(List.of(IrrepsLayout.MUL_IR));

    @Parameters(arity = "1..*", paramLabel = "PATH", description = "Reference files or folders of them.")
    private List<Path> paths;

    private final PrintStream out;

    ValidateCommand(PrintStream out) {
        this.out = out;
    }

    @Override
    public Integer call() {
        List<Device> devices = new ArrayList<>();
        try {
            openDevices(deviceNames == null ? Devices.defaultDeviceName() : deviceNames, devices);
            Harness harness = new Harness(ReferenceKinds.all(), precisions.list(), devices, layouts.list(), out);
            List<CaseResult> results = harness.run(paths);
            return results.stream().allMatch(CaseResult::passed) ? Harness.OK : Harness.FAILED;
        } finally {
            devices.forEach(Device::close);
        }
    }

    /**
     * Opens the named devices; {@code all} opens every available one and lists the others with
     * their reason (not a failure, since they were not asked for by name).
     */
    private void openDevices(String names, List<Device> devices) {
        if (names.equals("all")) {
            for (DeviceDescription d : Devices.list()) {
                if (d.available()) devices.add(Devices.open(d.name()));
                else out.println("# " + d.name() + " unavailable: " + d.detail());
            }
            return;
        }
        for (String name : names.split(",")) devices.add(Devices.open(name.trim()));
    }

    /** The value of {@code --precision}: one option value, one or both precisions. */
    record Precisions(List<Precision> list) {
    }

    /** The value of {@code --layout}: one option value, one or both layouts. */
    record Layouts(List<IrrepsLayout> list) {
    }

    /** {@code mul_ir}, {@code ir_mul} or {@code both}. */
    static final class LayoutsConverter implements ITypeConverter<Layouts> {
        @Override
        public Layouts convert(String text) {
            if (text.equals("both")) return new Layouts(List.of(IrrepsLayout.MUL_IR, IrrepsLayout.IR_MUL));
            try {
                return new Layouts(List.of(IrrepsLayout.parse(text)));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }

    /** {@code f64}, {@code f32} or {@code both}. */
    static final class PrecisionsConverter implements ITypeConverter<Precisions> {
        @Override
        public Precisions convert(String text) {
            if (text.equals("both")) return new Precisions(List.of(Precision.F64, Precision.F32));
            try {
                return new Precisions(List.of(Precision.parse(text)));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage());
            }
        }
    }
}
