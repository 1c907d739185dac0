/**
 * Training data the project generates itself, with a known ground truth: Stillinger–Weber silicon
 * ({@link org.equikern.data.synthetic.StillingerWeber}, energy, analytic forces and per-atom
 * energies), periodic diamond cells strained and with vacancies
 * ({@link org.equikern.data.synthetic.DiamondLattice}, {@link org.equikern.data.synthetic.PeriodicCell}),
 * sampled by seeded Langevin dynamics ({@link org.equikern.data.synthetic.LangevinDynamics}) into
 * labelled extended XYZ frames ({@link org.equikern.data.synthetic.SyntheticSilicon}). The three-body
 * term makes the energy depend on bond angles, so a model has to resolve angles, not only
 * distances, to fit it.
 */
package org.equikern.data.synthetic;
