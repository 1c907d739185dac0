/**
 * The energy + force training loss on a device ({@link org.equikern.ops.loss.EnergyForceLossOp}): the loss,
 * its gradient with respect to the predictions and the error sums of the metrics, computed where the
 * predictions are, so a training step downloads a few scalars only.
 */
package org.equikern.ops.loss;
