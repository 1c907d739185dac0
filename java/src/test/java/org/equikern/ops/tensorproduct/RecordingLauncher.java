package org.equikern.ops.tensorproduct;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DType;
import org.equikern.device.kernel.GeneratedProgram;
import org.equikern.device.kernel.KernelDialect;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/** A device's launcher that records {@code program/kernel} of every launch an op makes through it. */
final class RecordingLauncher implements KernelLauncher {
    private final KernelLauncher device;
    private final List<String> launches = new ArrayList<>();

    RecordingLauncher(KernelLauncher device) {
        this.device = device;
    }

    /** The launches so far, in order, as {@code program/kernel}; then forgets them. */
    synchronized List<String> drain() {
        List<String> copy = List.copyOf(launches);
        launches.clear();
        return copy;
    }

    private synchronized void record(KernelSignature kernel) {
        launches.add(kernel.program() + "/" + kernel.name());
    }

    @Override
    public void launch(KernelSignature kernel, DType precision, long globalSize, Object... args) {
        record(kernel);
        device.launch(kernel, precision, globalSize, args);
    }

    @Override
    public void launch(GeneratedProgram program, KernelSignature kernel, DType precision, long globalSize,
            Object... args) {
        record(kernel);
        device.launch(program, kernel, precision, globalSize, args);
    }

    @Override
    public boolean supportsFloat64Atomics() {
        return device.supportsFloat64Atomics();
    }

    @Override
    public boolean hostCpu() {
        return device.hostCpu();
    }

    @Override
    public KernelDialect dialect() {
        return device.dialect();
    }

    @Override
    public String generatedProgramsUnavailable() {
        return device.generatedProgramsUnavailable();
    }
}
