/**
 * Boosted jets the project generates itself, in the spirit of Ginkgo (Cranmer et al.'s toy parton
 * shower): a root of squared mass t splits recursively 1 → 2 with isotropic decays in the parent's
 * rest frame until the children fall below a cutoff ({@link org.equikern.data.jets.Shower}).
 * {@link org.equikern.data.jets.JetGenerator} makes W-like 2-prong and top-like 3-prong signal jets
 * and QCD-like background in the same jet-mass window, boosted to a random lab momentum in a random
 * direction; {@link org.equikern.data.jets.JetBatch} pads them for the jet taggers.
 */
package org.equikern.data.jets;
