/**
 * PELICAN's permutation-equivariant aggregation maps over padded jets: the map families
 * ({@link org.equikern.ops.pelican.PelicanMap}), the host computation
 * ({@link org.equikern.ops.pelican.PelicanAggregation}) and the 2→2 aggregation on a device
 * ({@link org.equikern.ops.pelican.PelicanAggregationOp}: contract, Java and kernel implementations).
 */
package org.equikern.ops.pelican;
