package org.equikern.nativeloader;

/** Prints both probe results; run in a child JVM by {@link ProbeInChildJvmTest}. */
public final class ProbeReportMain {
    private ProbeReportMain() {}

    public static void main(String[] args) {
        System.out.println("opencl: " + OpenClProbe.result());
        System.out.println("cuda: " + CudaProbe.result());
    }
}
