package org.equikern.train;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * An immutable tensor as a safetensors file holds it: a dtype, a row-major shape and the values.
 * Factories and accessors copy, so a stored tensor never changes after it is made.
 */
public final class StoredTensor {
    /** The largest element count of a Java array on common JVMs. */
    static final int MAX_ELEMENTS = Integer.MAX_VALUE - 8;

    private final TensorDtype dtype;
    private final int[] shape;
    /** double[], float[], long[] or int[], matching {@link #dtype}. */
    private final Object values;
    private final int count;

    private StoredTensor(TensorDtype dtype, int[] shape, Object values, int count) {
        this.dtype = dtype;
        this.shape = shape;
        this.values = values;
        this.count = count;
    }

    /**
     * A float64 tensor; {@code values.length} must be the product of {@code shape}.
     *
     * @param shape the dimensions, each ≥ 0
     * @param values the elements, row-major; copied
     * @return the tensor
     * @throws IllegalArgumentException when the count does not match the shape or a dimension is negative
     */
    public static StoredTensor f64(int[] shape, double[] values) {
        return new StoredTensor(TensorDtype.F64, shape.clone(), values.clone(), checkCount(shape, values.length));
    }

    /**
     * A float32 tensor.
     *
     * @param shape the dimensions, each ≥ 0
     * @param values the elements, row-major; copied
     * @return the tensor
     * @throws IllegalArgumentException when the count does not match the shape or a dimension is negative
     */
    public static StoredTensor f32(int[] shape, float[] values) {
        return new StoredTensor(TensorDtype.F32, shape.clone(), values.clone(), checkCount(shape, values.length));
    }

    /**
     * An int64 tensor.
     *
     * @param shape the dimensions, each ≥ 0
     * @param values the elements, row-major; copied
     * @return the tensor
     * @throws IllegalArgumentException when the count does not match the shape or a dimension is negative
     */
    public static StoredTensor i64(int[] shape, long[] values) {
        return new StoredTensor(TensorDtype.I64, shape.clone(), values.clone(), checkCount(shape, values.length));
    }

    /**
     * An int32 tensor.
     *
     * @param shape the dimensions, each ≥ 0
     * @param values the elements, row-major; copied
     * @return the tensor
     * @throws IllegalArgumentException when the count does not match the shape or a dimension is negative
     */
    public static StoredTensor i32(int[] shape, int[] values) {
        return new StoredTensor(TensorDtype.I32, shape.clone(), values.clone(), checkCount(shape, values.length));
    }

    /**
     * A float64 scalar (shape {@code []}).
     *
     * @param value the value
     * @return the tensor
     */
    public static StoredTensor scalar(double value) {
        return f64(new int[0], new double[] {value});
    }

    /**
     * An int64 scalar (shape {@code []}).
     *
     * @param value the value
     * @return the tensor
     */
    public static StoredTensor scalar(long value) {
        return i64(new int[0], new long[] {value});
    }

    /** The element count of {@code shape}, or an exception when it is not {@code length}. */
    static int checkCount(int[] shape, int length) {
        long n = elementCount(shape);
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has " + n
                    + " elements but " + length + " values were given");
        }
        return length;
    }

    /** The product of {@code shape}; exceptions for negative dimensions or overflow. */
    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " has a negative dimension");
            }
            n = Math.multiplyExact(n, (long) d);
        }
        return n;
    }

    /** A zero-filled tensor to be filled by {@link #decode} while a file is read. */
    static StoredTensor allocate(TensorDtype dtype, int[] shape, int count) {
        Object values;
        switch (dtype) {
            case F64: values = new double[count]; break;
            case F32: values = new float[count]; break;
            case I64: values = new long[count]; break;
            default: values = new int[count]; break;
        }
        return new StoredTensor(dtype, shape.clone(), values, count);
    }

    /** Reads elements {@code [from, from + n)} little-endian from {@code source}. */
    void decode(int from, int n, ByteBuffer source) {
        switch (dtype) {
            case F64: source.asDoubleBuffer().get((double[]) values, from, n); break;
            case F32: source.asFloatBuffer().get((float[]) values, from, n); break;
            case I64: source.asLongBuffer().get((long[]) values, from, n); break;
            default: source.asIntBuffer().get((int[]) values, from, n); break;
        }
    }

    /** Writes elements {@code [from, from + n)} little-endian into {@code target}. */
    void encode(int from, int n, ByteBuffer target) {
        switch (dtype) {
            case F64: target.asDoubleBuffer().put((double[]) values, from, n); break;
            case F32: target.asFloatBuffer().put((float[]) values, from, n); break;
            case I64: target.asLongBuffer().put((long[]) values, from, n); break;
            default: target.asIntBuffer().put((int[]) values, from, n); break;
        }
    }

    /**
     * The element type.
     *
     * @return the dtype
     */
    public TensorDtype dtype() {
        return dtype;
    }

    /**
     * The shape (a copy); {@code []} for a scalar.
     *
     * @return a new array
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of elements.
     *
     * @return the count
     */
    public int elementCount() {
        return count;
    }

    /**
     * The size of the data in a file, in bytes.
     *
     * @return the size in bytes
     */
    public long byteSize() {
        return (long) count * dtype.bytes();
    }

    /**
     * The values of an F64 tensor, or of an F32 tensor widened exactly.
     *
     * @return a new array
     * @throws IllegalStateException for an integer tensor
     */
    public double[] doubles() {
        if (dtype == TensorDtype.F64) {
            return ((double[]) values).clone();
        }
        if (dtype == TensorDtype.F32) {
            float[] f = (float[]) values;
            double[] out = new double[f.length];
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
            return out;
        }
        throw wrongType("doubles", "F64 or F32");
    }

    /**
     * The values of an F32 tensor.
     *
     * @return a new array
     * @throws IllegalStateException for another dtype
     */
    public float[] floats() {
        if (dtype != TensorDtype.F32) {
            throw wrongType("floats", "F32");
        }
        return ((float[]) values).clone();
    }

    /**
     * The values of an I64 tensor, or of an I32 tensor widened.
     *
     * @return a new array
     * @throws IllegalStateException for a floating-point tensor
     */
    public long[] longs() {
        if (dtype == TensorDtype.I64) {
            return ((long[]) values).clone();
        }
        if (dtype == TensorDtype.I32) {
            return Arrays.stream((int[]) values).asLongStream().toArray();
        }
        throw wrongType("longs", "I64 or I32");
    }

    /**
     * The values of an I32 tensor.
     *
     * @return a new array
     * @throws IllegalStateException for another dtype
     */
    public int[] ints() {
        if (dtype != TensorDtype.I32) {
            throw wrongType("ints", "I32");
        }
        return ((int[]) values).clone();
    }

    private IllegalStateException wrongType(String accessor, String expected) {
        return new IllegalStateException(accessor + "() needs a " + expected + " tensor, this one is " + this);
    }

    /** Same dtype, shape and element bits. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof StoredTensor)) {
            return false;
        }
        StoredTensor t = (StoredTensor) o;
        return dtype == t.dtype && Arrays.equals(shape, t.shape) && Arrays.equals(bits(), t.bits());
    }

    @Override
    public int hashCode() {
        return 31 * (31 * dtype.hashCode() + Arrays.hashCode(shape)) + Arrays.hashCode(bits());
    }

    private long[] bits() {
        switch (dtype) {
            case F64: return Arrays.stream((double[]) values).mapToLong(Double::doubleToRawLongBits).toArray();
            case F32: {
                float[] f = (float[]) values;
                long[] out = new long[f.length];
                for (int i = 0; i < f.length; i++) {
                    out[i] = Float.floatToRawIntBits(f[i]);
                }
                return out;
            }
            default: return longs();
        }
    }

    /** For example {@code F64[2, 3]}. */
    @Override
    public String toString() {
        return dtype + Arrays.toString(shape);
    }
}
