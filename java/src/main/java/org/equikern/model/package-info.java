/**
 * Trainable interatomic potentials built from Equikern's operations, each a
 * {@link org.equikern.train.Potential}: the NequIP model ({@link org.equikern.model.NequipModel},
 * configured by {@link org.equikern.model.NequipConfig} with NequIP's YAML field names) and the MACE
 * model ({@link org.equikern.model.MaceModel}, configured by {@link org.equikern.model.MaceConfig} with
 * MACE's field names), with exact forces and exact force-loss parameter gradients (mixed second
 * derivatives through every module).
 */
package org.equikern.model;
