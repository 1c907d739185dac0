package org.equikern.ops.harmonics;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceOp;
import org.equikern.group.SphericalHarmonics;
import org.equikern.ops.Backends;

/**
 * {@link SphericalHarmonics} on a device: harmonics of {@code n} vectors and the vector–Jacobian
 * product. Buffers are row-major: vectors {@code [n, 3]} (x, y, z), harmonics
 * {@code [n, dim]} with {@code dim = (lmax+1)²}. Results match the Java class, including the
 * zero vector under {@code normalize} (values {@code (scale_0, 0, ..., 0)}, gradient 0).
 * Every degree of the harmonics is one copy ({@code 1x0e+1x1o+...}), which e3nn's {@code mul_ir}
 * and cuEquivariance's {@code ir_mul} layouts ({@link org.equikern.group.IrrepsLayout}) store
 * alike, so the buffers serve callers in either layout unchanged.
 *
 * <p>Obtain one from {@link #on}; close it to free its device-side tables.
 * Every call validates devices, dtypes, lengths and aliasing before anything runs.
 */
public abstract class SphericalHarmonicsOp extends DeviceOp {
    private static final String FORWARD = "SphericalHarmonicsOp.forward";
    private static final String BACKWARD = "SphericalHarmonicsOp.backward";

    private final SphericalHarmonics harmonics;

    /**
     * For backends: the op of {@code harmonics} on {@code device}.
     *
     * @param device the device
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @param harmonics the harmonics, not null
     * @throws IllegalArgumentException when {@code harmonics} is null, for INT32, or for FLOAT64 on a device
     *     without it
     * @throws IllegalStateException when the device is closed
     */
    protected SphericalHarmonicsOp(Device device, DType dtype, SphericalHarmonics harmonics) {
        super(device, dtype);
        if (harmonics == null) throw new IllegalArgumentException("SphericalHarmonicsOp: harmonics must not be null");
        this.harmonics = harmonics;
    }

    /**
     * The {@link SphericalHarmonics} operation of {@code harmonics} on {@code device} in {@code dtype}, with its tables
     * on the device; close it to free them.
     *
     * @param device the device
     * @param harmonics the harmonics
     * @param dtype FLOAT32 or FLOAT64, the dtype of every floating-point buffer
     * @return the op, owned by the caller
     * @throws IllegalArgumentException when {@code harmonics} is null, for INT32, or for FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static SphericalHarmonicsOp on(Device device, SphericalHarmonics harmonics, DType dtype) {
        return Backends.select(device, "SphericalHarmonicsOp.on", java -> new JavaSphericalHarmonicsOp(java, dtype, harmonics),
                kernel -> new KernelSphericalHarmonicsOp(kernel, kernel, dtype, harmonics));
    }

    /**
     * The harmonics this op computes (lmax, normalization, normalize).
     *
     * @return the harmonics
     */
    public final SphericalHarmonics harmonics() {
        return harmonics;
    }

    /**
     * Length of the scratch buffer {@link #backward} needs for {@code n} vectors: {@code 2·n·dim}.
     *
     * @param n the number of vectors, ≥ 0
     * @return the length in elements
     */
    public final long scratchLength(int n) {
        return 2L * n * harmonics.dim();
    }

    /**
     * {@code out[s, :] = Y(vectors[s, :])} for {@code s < n}.
     *
     * @param vectors {@code [n, 3]}
     * @param out {@code [n, dim]}, overwritten; not {@code vectors}
     * @param n the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a negative count, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void forward(DeviceBuffer vectors, DeviceBuffer out, int n) {
        checkOpen(FORWARD);
        checkCount(FORWARD, "n", n);
        checkBuffer(FORWARD, "vectors", vectors, 3L * n, vectorsHow(n));
        checkBuffer(FORWARD, "out", out, (long) n * harmonics.dim(), rowsHow(n));
        checkDistinct(FORWARD, "out", out, "vectors", vectors);
        run(FORWARD, () -> runForward(vectors, out, n));
    }

    /**
     * {@code gradVectors[s, a] = Σ_k gradOut[s, k]·∂Y_k/∂v_a}, e.g. forces from the gradient of an
     * energy with respect to the harmonics.
     *
     * @param vectors {@code [n, 3]} of the forward pass
     * @param gradOut {@code [n, dim]}
     * @param gradVectors {@code [n, 3]}, overwritten
     * @param scratch {@link #scratchLength(int) scratchLength(n)} elements of working memory,
     *     overwritten (kernels keep the recursion and its adjoint there, so no per-thread array
     *     grows with lmax)
     * @param n the number of vectors, ≥ 0
     * @throws IllegalArgumentException for a negative count, a buffer of another device, dtype or length, or
     *     an output that is an input
     * @throws IllegalStateException when the op, its device or a buffer is closed
     */
    public final void backward(DeviceBuffer vectors, DeviceBuffer gradOut, DeviceBuffer gradVectors,
            DeviceBuffer scratch, int n) {
        checkOpen(BACKWARD);
        checkCount(BACKWARD, "n", n);
        checkBuffer(BACKWARD, "vectors", vectors, 3L * n, vectorsHow(n));
        checkBuffer(BACKWARD, "gradOut", gradOut, (long) n * harmonics.dim(), rowsHow(n));
        checkBuffer(BACKWARD, "gradVectors", gradVectors, 3L * n, vectorsHow(n));
        checkBuffer(BACKWARD, "scratch", scratch, scratchLength(n), "2 * n " + n + " * dim " + harmonics.dim());
        checkDistinct(BACKWARD, "gradVectors", gradVectors, "scratch", scratch, "vectors", vectors, "gradOut", gradOut);
        run(BACKWARD, () -> runBackward(vectors, gradOut, gradVectors, scratch, n));
    }

    /**
     * {@link #forward} after validation.
     *
     * @param vectors {@code [n, 3]}
     * @param out {@code [n, dim]}
     * @param n the number of vectors
     */
    protected abstract void runForward(DeviceBuffer vectors, DeviceBuffer out, int n);

    /**
     * {@link #backward} after validation.
     *
     * @param vectors {@code [n, 3]}
     * @param gradOut {@code [n, dim]}
     * @param gradVectors {@code [n, 3]}
     * @param scratch {@code 2·n·dim} elements
     * @param n the number of vectors
     */
    protected abstract void runBackward(DeviceBuffer vectors, DeviceBuffer gradOut, DeviceBuffer gradVectors,
            DeviceBuffer scratch, int n);

    private static String vectorsHow(int n) {
        return "n " + n + " * 3";
    }

    private String rowsHow(int n) {
        return "n " + n + " * dim " + harmonics.dim();
    }
}
