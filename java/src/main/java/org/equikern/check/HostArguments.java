package org.equikern.check;

/**
 * Checks shared by every API that takes host arrays (spherical harmonics, tensor products, the
 * layers): outputs that alias inputs and sizes no Java array can hold are rejected before any
 * work, with a message naming the operation, the argument, the value and the limit.
 */
public final class HostArguments {
    /**
     * The most elements of one Java array (HotSpot refuses {@code Integer.MAX_VALUE - 7} and above
     * for some element types): the limit for every host array and every size the Java backend indexes.
     */
    public static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private HostArguments() {
    }

    /**
     * Rejects an output that is the same array as an input: the output would overwrite values
     * still to be read. {@code output} null (a result not wanted) passes.
     *
     * @param operation the call, first in the message (e.g. {@code "TensorProduct.forward"})
     * @param outputName the output's argument name
     * @param output the output array, or null
     * @param inputName the input's argument name
     * @param input the input array
     * @throws IllegalArgumentException {@code "operation: output 'out' aliases input 'x'"}
     */
    public static void notAliased(String operation, String outputName, Object output, String inputName,
                                  Object input) {
        if (output != null && output == input) {
            throw new IllegalArgumentException(operation + ": output '" + outputName + "' aliases input '"
                    + inputName + "'");
        }
    }

    /**
     * {@code rows · width} as an array length, or an exception naming {@code what}, both factors
     * and {@link #MAX_ARRAY_LENGTH}. Negative factors are the caller's to reject first.
     *
     * @param what the array's description, for the message
     * @param rows the first factor, ≥ 0
     * @param width the second factor, ≥ 0
     * @return the product, at most {@link #MAX_ARRAY_LENGTH}
     * @throws IllegalArgumentException when the product exceeds {@link #MAX_ARRAY_LENGTH}
     */
    public static int arrayLength(String what, long rows, long width) {
        long length;
        try {
            length = Math.multiplyExact(rows, width);
        } catch (ArithmeticException overflow) {
            length = Long.MAX_VALUE;
        }
        if (length > MAX_ARRAY_LENGTH) {
            throw new IllegalArgumentException(what + ": " + rows + " x " + width
                    + (length == Long.MAX_VALUE ? "" : " = " + length) + " elements, above the Java array limit "
                    + MAX_ARRAY_LENGTH);
        }
        return (int) length;
    }
}
