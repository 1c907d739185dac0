/**
 * Trainable interatomic potentials built from Equikern's operations, each a
 * {@link org.equikern.train.Potential}: the NequIP model ({@link org.equikern.model.NequipModel},
 * configured by {@link org.equikern.model.NequipConfig} with NequIP's YAML field names) and the MACE
 * model ({@link org.equikern.model.MaceModel}, configured by {@link org.equikern.model.MaceConfig} with
 * MACE's field names), with exact forces and exact force-loss parameter gradients (mixed second
 * derivatives through every module). These host models, in float64, are the reference; a trained one
 * evaluates on any device through {@link org.equikern.model.DevicePotential} (energies, per-atom energies
 * and forces with device ops only, parameters uploaded once), whose {@code Device*} classes mirror the host
 * layers that build them ({@code onDevice}).
 */
package org.equikern.model;
