/**
 * The Minkowski-specific primitives of LorentzNet's LGEB block on padded jets
 * ({@link org.equikern.ops.lorentznet.LgebPrimitives}): edge features, the position update and the
 * message sum, with their gradients, on host arrays.
 */
package org.equikern.ops.lorentznet;
