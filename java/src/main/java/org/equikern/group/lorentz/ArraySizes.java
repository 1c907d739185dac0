package org.equikern.group.lorentz;

/** Exact array-length arithmetic for the dense tensors of this package. */
final class ArraySizes {
    /** The largest Java array length every JVM allows. */
    static final long MAX_LENGTH = Integer.MAX_VALUE - 8;

    private ArraySizes() {
    }

    /**
     * The product of {@code factors} as an array length.
     *
     * @throws IllegalArgumentException naming {@code what} when the product exceeds {@link #MAX_LENGTH}
     */
    static int length(String what, int... factors) {
        long n = 1;
        for (int f : factors) {
            try {
                n = Math.multiplyExact(n, f);
            } catch (ArithmeticException e) {
                throw new IllegalArgumentException(what + " needs more than " + Long.MAX_VALUE
                        + " elements, above the limit " + MAX_LENGTH, e);
            }
        }
        if (n > MAX_LENGTH) {
            throw new IllegalArgumentException(what + " needs " + n + " elements, above the limit " + MAX_LENGTH);
        }
        return (int) n;
    }
}
