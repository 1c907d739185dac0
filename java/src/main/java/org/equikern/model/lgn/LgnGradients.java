package org.equikern.model.lgn;

import org.equikern.ops.lorentzproduct.ComplexTensor;

/**
 * What {@link LgnLayer#backward} returns: the gradients of a real loss with respect to the input
 * features ({@code [batch][particles][irrepsIn.dim]}, 0 on padding) and to each weight of
 * {@link LgnWeights}; complex ones as ∂L/∂Re + i·∂L/∂Im.
 *
 * @param features    with respect to the input features
 * @param aggregation with respect to the aggregation product's weights
 * @param self        with respect to the self product's weights
 * @param mixing      with respect to the mixing's weights
 * @param mlp         with respect to the scalar MLP's weights
 */
public record LgnGradients(ComplexTensor features, ComplexTensor aggregation, ComplexTensor self,
        ComplexTensor mixing, double[] mlp) {
}
