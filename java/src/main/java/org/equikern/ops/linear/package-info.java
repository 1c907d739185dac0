/**
 * The equivariant linear layer on a device ({@link org.equikern.ops.linear.LinearOp}): contract,
 * Java and kernel implementations, and its tables.
 */
package org.equikern.ops.linear;
