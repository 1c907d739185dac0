/**
 * Jet taggers with exact parameter gradients, trained by Equikern's optimizers: Lorentz-invariant
 * {@link org.equikern.model.jets.PelicanTagger} (PELICAN-style, on the jet-mass-normalised Gram matrix) and
 * {@link org.equikern.model.jets.LorentzNetTagger} (LorentzNet-style LGEB blocks) and
 * {@link org.equikern.model.jets.LgnTagger} (LGN-style SL(2,C)-equivariant layers), and the
 * non-invariant baselines {@link org.equikern.model.jets.DeepSetsTagger} and
 * {@link org.equikern.model.jets.LeadingParticlesMlpTagger}; {@link org.equikern.model.jets.TaggerTraining}
 * trains any of them with binary cross-entropy after a data-dependent initialization
 * ({@link org.equikern.model.jets.JetTagger#calibrate}). The invariant taggers read the jet's own
 * invariants: ⟨p_i, p_j⟩ / M² and the rest-frame energy fractions ⟨p_i, P⟩ / M² of the jet momentum
 * P = Σ p_i.
 */
package org.equikern.model.jets;
