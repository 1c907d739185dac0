/**
 * The batched, masked Minkowski Gram matrix of 4-momenta, PELICAN's input: on host arrays
 * ({@link org.equikern.ops.minkowski.MinkowskiGram}) and on a device
 * ({@link org.equikern.ops.minkowski.MinkowskiGramOp}: contract, Java and kernel implementations).
 */
package org.equikern.ops.minkowski;
