/**
 * The gate activation on a device ({@link org.equikern.ops.gate.GateOp}): contract, Java and
 * kernel implementations, and its channel tables.
 */
package org.equikern.ops.gate;
