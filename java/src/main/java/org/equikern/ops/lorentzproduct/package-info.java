/**
 * Complex SL(2,C)-equivariant operations on host arrays, as in LGN: the Clebsch–Gordan product with
 * channel multiplicities ({@link org.equikern.ops.lorentzproduct.LorentzProduct}), channel mixing
 * ({@link org.equikern.ops.lorentzproduct.ComplexLinear}), the invariants
 * ({@link org.equikern.ops.lorentzproduct.LorentzInvariants}), their irreps and complex tensors, and
 * the change between 4-vectors and canonical (1,1) components.
 */
package org.equikern.ops.lorentzproduct;
