/**
 * Boosted jets the project generates itself, in the spirit of Ginkgo (Cranmer et al.'s toy parton
 * shower) and of the top-tagging data, with the substructure that separates top quarks from QCD jets.
 * <p>
 * Signal ({@link org.equikern.data.jets.JetGenerator}): a resonance decays isotropically in its rest
 * frame — top → W b, W → q q̄ (three hard prongs at wide angles, one pair at the W mass), or a W-like
 * root → q q̄ — and each prong, given a small squared mass (a small fraction of its parent's), showers
 * into a narrow cluster. Background: a QCD-like root of the same mass distribution (so the jet mass
 * alone does not separate the classes) showers with soft-collinear splittings
 * ({@link org.equikern.data.jets.Shower}): energy fractions drawn ∝ 1/z above a cut-off, strongly
 * ordered children's masses, soft emissions kept inside their emission angle, so one hard core with
 * soft radiation dominates. Both showers are the same code with the same settings, which keeps the
 * constituent counts of the two classes overlapping: at the defaults the count alone gives an AUC of
 * 0.54, τ3/τ2 ({@link org.equikern.data.jets.Subjettiness}) 0.86. Every splitting is an exact two-body decay,
 * so 4-momentum is conserved to round-off; the same seed gives the same jets. Jets are boosted to a
 * random lab momentum in a random direction; {@link org.equikern.data.jets.JetBatch} pads them for
 * the jet taggers.
 */
package org.equikern.data.jets;
