package org.equikern.bench;

import org.equikern.nn.SymmetricContraction;
import org.equikern.tp.Plan;

/**
 * The bytes model of the roofline columns: the least traffic a call needs, each input read once
 * and each output written once, in the call's element size (4 or 8 bytes). Integer indices count
 * 4 bytes. Caches, scratch and write-allocate reads are not counted, so achieved GB/s is a lower
 * bound on the real traffic.
 *
 * <ul>
 *   <li>tensor products, forward: read x1, x2 and the weights (once when shared, per item
 *       otherwise), write out; forward+backward adds a backward that reads x1, x2, weights and
 *       gradOut and writes gradX1, gradX2 and gradWeights;</li>
 *   <li>fused convolution: the same per edge for edge attributes and weights, per node for node
 *       features and outputs, plus two 4-byte indices per edge (sender and order) per pass;</li>
 *   <li>symmetric contraction: per node x, one 4-byte element index and the output; the weights
 *       once; backward reads x, indices, weights, gradOut and writes gradX and gradWeights;</li>
 *   <li>spherical harmonics: read 3 components per vector, write every harmonic.</li>
 * </ul>
 */
final class WorkloadBytes {
    private static final long INDEX_BYTES = Integer.BYTES;

    private WorkloadBytes() {}

    /** Bytes of the harmonics' output alone (what {@code SphericalHarmonicsBenchmark.writeOutput} moves). */
    static long output(Workload workload, int elementBytes, double scale) {
        long items = workload.batch(scale);
        return Math.multiplyExact(Math.multiplyExact(items, workload.sphericalHarmonics().dim()), elementBytes);
    }

    /** Bytes per call of {@code workload} at {@code scale}, forward or forward+backward, elements of {@code elementBytes}. */
    static long of(Workload workload, boolean backward, int elementBytes, double scale) {
        long items = workload.batch(scale);
        long elements;
        long indices = 0;
        switch (workload.kind()) {
            case SPHERICAL_HARMONICS:
                if (backward) throw new IllegalArgumentException(workload.id() + " has no backward pass");
                elements = Math.multiplyExact(items, 3L + workload.sphericalHarmonics().dim());
                break;
            case SYMMETRIC_CONTRACTION: {
                SymmetricContraction layer = workload.symmetricContraction();
                long x = items * layer.irrepsIn().dim();
                long out = items * layer.irrepsOut().dim();
                long w = layer.weightNumel();
                elements = x + w + out;
                indices = items;
                if (backward) {
                    elements += (x + w + out) + (x + w);
                    indices += items;
                }
                break;
            }
            case CONVOLUTION: {
                Plan plan = workload.plan();
                long nodes = workload.nodes(scale);
                long x = nodes * plan.dim1();
                long attrs = items * plan.dim2();
                long w = items * plan.weightNumel();
                long out = nodes * plan.dimOut();
                elements = x + attrs + w + out;
                indices = 2 * items;
                if (backward) {
                    elements += (x + attrs + w + out) + (x + attrs + w);
                    indices += 2 * items;
                }
                break;
            }
            default: {
                Plan plan = workload.plan();
                long x1 = items * plan.dim1();
                long x2 = items * plan.dim2();
                long w = plan.sharedWeights() ? plan.weightNumel() : items * plan.weightNumel();
                long out = items * plan.dimOut();
                elements = x1 + x2 + w + out;
                if (backward) elements += (x1 + x2 + w + out) + (x1 + x2 + w);
                break;
            }
        }
        return Math.addExact(Math.multiplyExact(elements, elementBytes), Math.multiplyExact(indices, INDEX_BYTES));
    }
}
