package org.equikern.device;

/** The backend a {@link Device} belongs to. */
public enum DeviceKind {
    JAVA("java"),
    OPENCL("opencl"),
    CUDA("cuda");

    private final String label;

    DeviceKind(String label) {
        this.label = label;
    }

    /** Name used in device names and on the command line: {@code java}, {@code opencl}, {@code cuda}. */
    public String label() {
        return label;
    }
}
