/**
 * Conversion between the two layouts of irreps feature vectors on a device
 * ({@link org.equikern.ops.layout.LayoutOp}: e3nn's {@code mul_ir} and cuEquivariance's
 * {@code ir_mul}, see {@link org.equikern.group.IrrepsLayout}). Every operation may use it to
 * take and give either layout.
 */
package org.equikern.ops.layout;
