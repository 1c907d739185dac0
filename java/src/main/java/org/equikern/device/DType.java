package org.equikern.device;

/**
 * Element type of a {@link DeviceBuffer}. Besides the two floating-point precisions kernels
 * compute in, {@code INT32} holds row indices (edge lists, segment offsets) on the device.
 */
public enum DType {
    FLOAT32(4, "f32", float[].class),
    FLOAT64(8, "f64", double[].class),
    INT32(4, "i32", int[].class);

    private final int bytes;
    private final String label;
    private final Class<?> hostArrayType;

    DType(int bytes, String label, Class<?> hostArrayType) {
        this.bytes = bytes;
        this.label = label;
        this.hostArrayType = hostArrayType;
    }

    /** Size of one element in bytes. */
    public int bytes() {
        return bytes;
    }

    /** Short name used in kernel binary names: {@code f32}, {@code f64}, {@code i32}. */
    public String label() {
        return label;
    }

    /** True for {@code FLOAT32} and {@code FLOAT64}. */
    public boolean isFloatingPoint() {
        return this != INT32;
    }

    /** The Java array type that holds this type on the host: {@code float[]}, {@code double[]}, {@code int[]}. */
    public Class<?> hostArrayType() {
        return hostArrayType;
    }

    /** Compiler define selecting this precision in {@code kernels/common/prelude.h}; empty for float. */
    public String realDefine() {
        if (!isFloatingPoint()) {
            throw new IllegalArgumentException(this + " is not a kernel precision");
        }
        return this == FLOAT64 ? "-DREAL_IS_DOUBLE" : "";
    }

    /** The dtype of a host array: {@code float[]}, {@code double[]} or {@code int[]}. */
    static DType ofHostArray(Object array) {
        for (DType d : values()) {
            if (d.hostArrayType.isInstance(array)) return d;
        }
        throw new IllegalArgumentException("not a float[], double[] or int[]: " + array.getClass().getSimpleName());
    }
}
