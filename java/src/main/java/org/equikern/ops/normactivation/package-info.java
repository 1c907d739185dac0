/**
 * The norm activation on a device ({@link org.equikern.ops.normactivation.NormActivationOp}):
 * contract, Java and kernel implementations.
 */
package org.equikern.ops.normactivation;
