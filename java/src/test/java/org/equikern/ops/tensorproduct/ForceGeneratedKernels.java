package org.equikern.ops.tensorproduct;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with {@code -Dequikern.kernels=generated} (ops made during the class take the
 * generated kernels), restoring the property's previous value after it.
 */
final class ForceGeneratedKernels implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ForceGeneratedKernels.class);
    /** Stands for "the property was not set" in the store, which holds no nulls. */
    private static final String UNSET = "";

    @Override
    public void beforeAll(ExtensionContext context) {
        String before = System.getProperty(KernelPath.PROPERTY);
        context.getStore(NAMESPACE).put(KernelPath.PROPERTY, before == null ? UNSET : before);
        System.setProperty(KernelPath.PROPERTY, "generated");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String before = context.getStore(NAMESPACE).get(KernelPath.PROPERTY, String.class);
        if (before == null || before.equals(UNSET)) {
            System.clearProperty(KernelPath.PROPERTY);
        } else {
            System.setProperty(KernelPath.PROPERTY, before);
        }
    }
}
