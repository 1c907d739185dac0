/**
 * The tensor product and the fused equivariant convolution on a device
 * ({@link org.equikern.ops.tensorproduct.TensorProductOp}): the contract, its Java
 * implementation (specialized per plan) and its kernel implementation with the GPU tables.
 */
package org.equikern.ops.tensorproduct;
