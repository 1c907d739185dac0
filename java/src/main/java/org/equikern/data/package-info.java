/**
 * Atomic structures and graphs as plain data: structures and batches, extended XYZ reading and
 * writing, neighbour lists, and the edge lists ({@link org.equikern.data.EdgeIndex},
 * {@link org.equikern.data.RowSegments}) that convolutions walk. Depends on group and the JDK only.
 */
package org.equikern.data;
