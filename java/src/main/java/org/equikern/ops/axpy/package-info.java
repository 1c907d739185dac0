/**
 * {@code y ← y + α·x} on a device ({@link org.equikern.ops.axpy.AxpyOp}): the residual adds and gradient
 * sums of a model whose activations stay on the device. Contract, Java and kernel implementations.
 */
package org.equikern.ops.axpy;
