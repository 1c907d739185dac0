package org.equikern.device.kernel;

import java.util.Locale;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a test class with {@code -Dequikern.gemm.kernels} set to {@link #kernels()} (GEMM-shaped ops
 * made during the class take those kernels, whatever the device), restoring the property's
 * previous value after it.
 */
abstract class ForcedGemmKernels implements BeforeAllCallback, AfterAllCallback {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
            ForcedGemmKernels.class);
    /** Stands for "the property was not set" in the store, which holds no nulls. */
    private static final String UNSET = "";

    /** The kernels the class runs. */
    abstract GemmKernels kernels();

    @Override
    public void beforeAll(ExtensionContext context) {
        String before = System.getProperty(GemmKernels.PROPERTY);
        context.getStore(NAMESPACE).put(GemmKernels.PROPERTY, before == null ? UNSET : before);
        System.setProperty(GemmKernels.PROPERTY, kernels().name().toLowerCase(Locale.ROOT));
    }

    @Override
    public void afterAll(ExtensionContext context) {
        String before = context.getStore(NAMESPACE).get(GemmKernels.PROPERTY, String.class);
        if (before == null || before.equals(UNSET)) {
            System.clearProperty(GemmKernels.PROPERTY);
        } else {
            System.setProperty(GemmKernels.PROPERTY, before);
        }
    }
}
