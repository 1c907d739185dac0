/**
 * Trainable interatomic potentials built from Equikern's operations, each a
 * {@link org.equikern.train.Potential}: the NequIP model ({@link org.equikern.model.NequipModel},
 * configured by {@link org.equikern.model.NequipConfig} with NequIP's YAML field names), with exact
 * forces and exact force-loss parameter gradients (mixed second derivatives through every module).
 */
package org.equikern.model;
