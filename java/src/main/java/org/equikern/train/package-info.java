/**
 * Training machinery that does not depend on a model: named parameters with their gradients
 * ({@link org.equikern.train.Parameters}), optimizers with PyTorch's update rules
 * ({@link org.equikern.train.Adam}, {@link org.equikern.train.AdamW}, {@link org.equikern.train.SGD}),
 * learning-rate schedules ({@link org.equikern.train.ReduceLROnPlateau},
 * {@link org.equikern.train.CosineWarmupSchedule}), an exponential moving average of the weights
 * ({@link org.equikern.train.ExponentialMovingAverage}), gradient clipping
 * ({@link org.equikern.train.GradientClipping}), the energy + force loss and metrics of NequIP and
 * MACE ({@link org.equikern.train.EnergyForceLoss}, {@link org.equikern.train.EnergyForceMetrics}),
 * binary cross-entropy for classifiers ({@link org.equikern.train.BinaryCrossEntropy}), and the
 * safetensors file format ({@link org.equikern.train.Safetensors}); on top of them the
 * training loop ({@link org.equikern.train.Trainer}, configured by
 * {@link org.equikern.train.TrainingConfig}, with {@link org.equikern.train.Checkpoint checkpoints})
 * and the registry of model types ({@link org.equikern.train.PotentialFactory}).
 *
 * <p>Everything works on plain {@code double[]} arrays in float64. Every stateful component
 * ({@link org.equikern.train.Stateful}) exports its state as named tensors that hold the exact
 * bits, so a run saved to a safetensors file and resumed continues bit for bit.
 */
package org.equikern.train;
