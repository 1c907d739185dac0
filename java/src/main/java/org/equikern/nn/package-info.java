/**
 * Equivariant layer specs and their per-sample arithmetic in double: linear, gate, norm
 * activation, symmetric contraction (MACE), radial bases and embeddings, fully connected nets.
 * Devices run them through the operations in {@code org.equikern.ops}.
 */
package org.equikern.nn;
