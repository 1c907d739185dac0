package org.equikern.ops.tensorproduct;

/**
 * Runs a test class with {@code -Dequikern.kernels.staging=true}: generated ops made during the
 * class run the convolution forward staged through local memory wherever the rows fit the budget.
 */
final class ForceStagedConvolution extends ForceSystemProperty {
    ForceStagedConvolution() {
        super(GeneratedTensorProduct.STAGING_PROPERTY, "true");
    }
}
