/**
 * What the jet operations share ({@link org.equikern.ops.jets.JetArrays}): the padded-batch layout
 * (jets padded to a common particle count, the real particles first), argument checks and float32
 * widening.
 */
package org.equikern.ops.jets;
