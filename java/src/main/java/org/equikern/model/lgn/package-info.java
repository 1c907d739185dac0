/**
 * A Lorentz-group-network layer (fizisist/LorentzGroupNetwork) on batches of padded jets
 * ({@link org.equikern.model.lgn.LgnLayer}), composed from the complex Clebsch–Gordan products of
 * {@link org.equikern.ops.lorentzproduct}: its inputs, weights, outputs and zonal edge features.
 */
package org.equikern.model.lgn;
