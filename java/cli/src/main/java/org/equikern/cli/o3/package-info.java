/**
 * The O(3) figures of merit ({@code figures o3}): equivariant NequIP models against a Cartesian MLP
 * baseline on generated Stillinger–Weber silicon, trained through the same {@link org.equikern.train.Trainer}
 * on identical splits and seeds, measured and written as figures, CSV tables and a markdown report.
 */
package org.equikern.cli.o3;
