/**
 * Row gather, scatter-add and segmented sums on a device
 * ({@link org.equikern.ops.gatherscatter.GatherScatter}), the message-passing primitives.
 */
package org.equikern.ops.gatherscatter;
