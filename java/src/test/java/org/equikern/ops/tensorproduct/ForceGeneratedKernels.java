package org.equikern.ops.tensorproduct;

/**
 * Runs a test class with {@code -Dequikern.kernels=generated} (ops made during the class take the
 * generated kernels), restoring the property's previous value after it.
 */
final class ForceGeneratedKernels extends ForceSystemProperty {
    ForceGeneratedKernels() {
        super(KernelPath.PROPERTY, "generated");
    }
}
