/**
 * Edge embeddings (spherical harmonics of edge vectors and a radial basis times a cutoff) on a
 * device ({@link org.equikern.ops.edgeembedding.EdgeEmbeddingOp}): contract, Java and kernel
 * implementations, and the radial tables.
 */
package org.equikern.ops.edgeembedding;
