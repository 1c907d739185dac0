/**
 * The optimizer updates on a device ({@link org.equikern.ops.optimizer.OptimizerOp}) over flat parameter,
 * gradient and state buffers: Adam/AdamW with AMSGrad, SGD with momentum, the EMA of the weights and
 * clipping by the global norm, each the formula of the host optimizer in {@code org.equikern.train}.
 * Contract, settings, Java and kernel implementations.
 */
package org.equikern.ops.optimizer;
