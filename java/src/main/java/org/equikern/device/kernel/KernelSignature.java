package org.equikern.device.kernel;

import java.util.List;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;

/**
 * One kernel as Java declares it, once: the program it lives in ({@code kernels/<backend>/<program>.*}),
 * its name and the kinds of its parameters in order. {@link KernelDevice#launch} checks every
 * launch against it (count, kinds, buffer dtypes) before anything reaches the device, and
 * {@code KernelSignaturesTest} checks it against the kernel's C declaration.
 *
 * @param program the program (OpenCL) or module (CUDA) holding the kernel
 * @param name the kernel's name
 * @param params the kinds of its parameters, in order
 */
public record KernelSignature(String program, String name, List<Param> params) {
    /** What a kernel parameter is, as the C declaration says. */
    public enum Param {
        /** {@code const int}: an {@link Integer}. */
        INT,
        /** {@code const long}: a {@link Long}. */
        LONG,
        /** {@code const REAL}: a {@link Float} in FLOAT32, a {@link Double} in FLOAT64. */
        REAL,
        /** {@code GLOBAL int *}: an INT32 {@link DeviceBuffer}. */
        INT_BUFFER,
        /** {@code GLOBAL REAL *}: a {@link DeviceBuffer} of the launch's precision. */
        REAL_BUFFER
    }

    /**
     * Declares kernel {@code name} of {@code program} with {@code params} in order.
     *
     * @param program the program (file stem)
     * @param name the kernel's name
     * @param params the parameter kinds, in order
     * @return the signature
     */
    public static KernelSignature of(String program, String name, Param... params) {
        return new KernelSignature(program, name, List.of(params));
    }

    /**
     * The compact constructor copies {@code params}, so a signature cannot change.
     *
     * @param program the program (file stem)
     * @param name the kernel's name
     * @param params the parameter kinds, in order
     */
    public KernelSignature {
        params = List.copyOf(params);
    }

    /**
     * @throws IllegalArgumentException naming the kernel and the argument when {@code args} do
     *     not match the parameters in count or kind
     */
    void check(DType precision, Object[] args) {
        if (args.length != params.size()) {
            throw new IllegalArgumentException("kernel " + name + " takes " + params.size() + " arguments, got "
                    + args.length);
        }
        for (int i = 0; i < args.length; i++) {
            if (!matches(params.get(i), precision, args[i])) {
                throw new IllegalArgumentException("kernel " + name + ": argument " + i + " must be "
                        + params.get(i) + (params.get(i) == Param.REAL_BUFFER || params.get(i) == Param.REAL
                                ? " in " + precision : "")
                        + ", got " + describe(args[i]));
            }
        }
    }

    private static boolean matches(Param param, DType precision, Object arg) {
        switch (param) {
            case INT: return arg instanceof Integer;
            case LONG: return arg instanceof Long;
            case REAL: return precision == DType.FLOAT64 ? arg instanceof Double : arg instanceof Float;
            case INT_BUFFER: return arg instanceof DeviceBuffer && ((DeviceBuffer) arg).dtype() == DType.INT32;
            default: return arg instanceof DeviceBuffer && ((DeviceBuffer) arg).dtype() == precision;
        }
    }

    private static String describe(Object arg) {
        if (arg == null) return "null";
        if (arg instanceof DeviceBuffer) return "a " + ((DeviceBuffer) arg).dtype() + " buffer";
        return "a " + arg.getClass().getSimpleName();
    }
}
