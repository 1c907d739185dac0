/**
 * Real spherical harmonics of vectors on a device
 * ({@link org.equikern.ops.harmonics.SphericalHarmonicsOp}): contract, Java and kernel implementations.
 */
package org.equikern.ops.harmonics;
