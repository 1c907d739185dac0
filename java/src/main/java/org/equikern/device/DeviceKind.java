package org.equikern.device;

/** The backend a {@link Device} belongs to. */
public enum DeviceKind {
    /** The pure-Java device, always available. */
    JAVA("java"),
    /** OpenCL devices through JOCL. */
    OPENCL("opencl"),
    /** CUDA devices through JCuda. */
    CUDA("cuda");

    private final String label;

    DeviceKind(String label) {
        this.label = label;
    }

    /**
     * Name used in device names and on the command line: {@code java}, {@code opencl}, {@code cuda}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }
}
