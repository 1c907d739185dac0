/**
 * Jet taggers with exact parameter gradients, trained by Equikern's optimizers: Lorentz-invariant
 * {@link org.equikern.model.jets.PelicanTagger} (PELICAN-style, on the Gram matrix) and
 * {@link org.equikern.model.jets.LorentzNetTagger} (LorentzNet-style LGEB blocks) and
 * {@link org.equikern.model.jets.LgnTagger} (LGN-style SL(2,C)-equivariant layers), and the
 * non-invariant baselines {@link org.equikern.model.jets.DeepSetsTagger} and
 * {@link org.equikern.model.jets.LeadingParticlesMlpTagger}; {@link org.equikern.model.jets.TaggerTraining}
 * trains any of them with binary cross-entropy.
 */
package org.equikern.model.jets;
