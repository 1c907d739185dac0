/**
 * What a tensor product computes, independent of where it runs: specs in e3nn's terms
 * ({@link org.equikern.tp.TensorProductSpec}, instructions, modes, normalizations), their
 * compiled {@link org.equikern.tp.Plan} over a {@link org.equikern.tp.CouplingSource}, and the
 * trilinear double-backward algebra.
 */
package org.equikern.tp;
