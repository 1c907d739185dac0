/**
 * MACE's symmetric contraction on a device
 * ({@link org.equikern.ops.symmetriccontraction.SymmetricContractionOp}): contract, Java and kernel
 * implementations, and its monomial tables.
 */
package org.equikern.ops.symmetriccontraction;
