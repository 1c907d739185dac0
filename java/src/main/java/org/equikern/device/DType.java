package org.equikern.device;

/**
 * Element type of a {@link DeviceBuffer}. Besides the two floating-point precisions kernels
 * compute in, {@code INT32} holds row indices (edge lists, segment offsets) on the device.
 */
public enum DType {
    /** IEEE single precision ({@code float}). */
    FLOAT32(4, "f32", float[].class),
    /**
     * IEEE double precision ({@code double}); not every device supports it ({@link
     * Device#supportsFloat64()}).
     */
    FLOAT64(8, "f64", double[].class),
    /** 32-bit signed integers, for indices. */
    INT32(4, "i32", int[].class);

    private final int bytes;
    private final String label;
    private final Class<?> hostArrayType;

    DType(int bytes, String label, Class<?> hostArrayType) {
        this.bytes = bytes;
        this.label = label;
        this.hostArrayType = hostArrayType;
    }

    /**
     * Size of one element in bytes.
     *
     * @return 4 or 8
     */
    public int bytes() {
        return bytes;
    }

    /**
     * Short name used in kernel binary names: {@code f32}, {@code f64}, {@code i32}.
     *
     * @return the label
     */
    public String label() {
        return label;
    }

    /**
     * True for {@code FLOAT32} and {@code FLOAT64}.
     *
     * @return whether kernels can compute in this type
     */
    public boolean isFloatingPoint() {
        return this != INT32;
    }

    /**
     * The Java array type that holds this type on the host: {@code float[]}, {@code double[]}, {@code int[]}.
     *
     * @return the array class
     */
    public Class<?> hostArrayType() {
        return hostArrayType;
    }

    /**
     * Compiler define selecting this precision in {@code kernels/common/prelude.h}; empty for float.
     *
     * @return {@code -DREAL_IS_DOUBLE} for FLOAT64, empty for FLOAT32
     * @throws IllegalArgumentException for INT32
     */
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
