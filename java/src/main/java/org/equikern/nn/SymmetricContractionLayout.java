package org.equikern.nn;

import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * The plan of a {@link SymmetricContraction}, built once: the coupling bases per (output block,
 * order), the numbering of paths within one element's weights, the monomial tables per order and
 * the channel layouts of input and output.
 *
 * <p>Paths of one element are numbered output block by output block, and within a block order
 * 1, 2, …, ν, then path {@code k} of that basis. Output components of a channel are the
 * concatenated target irreps in output-block order.
 */
final class SymmetricContractionLayout {
    final int mul;
    final int numElements;
    final int correlation;
    final int pathCount;
    final int weightNumel;
    final ChannelLayout input;
    final ChannelLayout output;
    final SymmetricPowerBasis[][] bases;
    final int[][] pathOffset;
    final ContractionTable[] tables;

    SymmetricContractionLayout(Irreps irrepsIn, Irreps irrepsOut, int mul, int correlation, int numElements) {
        this.mul = mul;
        this.numElements = numElements;
        this.correlation = correlation;
        this.input = new ChannelLayout(irrepsIn, mul);
        this.output = new ChannelLayout(irrepsOut, mul);
        Irreps channel = Irreps.of(irrepsIn.blocks().stream().map(b -> new MulIrrep(1, b.irrep())).toList());
        bases = new SymmetricPowerBasis[irrepsOut.size()][correlation];
        pathOffset = new int[irrepsOut.size()][correlation];
        ContractionTable.Builder[] builders = new ContractionTable.Builder[correlation];
        for (int n = 0; n < correlation; n++) {
            builders[n] = new ContractionTable.Builder(n + 1);
        }
        int paths = 0;
        int component = 0;
        for (int o = 0; o < irrepsOut.size(); o++) {
            for (int n = 0; n < correlation; n++) {
                SymmetricPowerBasis basis = SymmetricPowerBasis.of(channel, irrepsOut.get(o).irrep(), n + 1);
                bases[o][n] = basis;
                pathOffset[o][n] = paths;
                basis.appendTo(builders[n], component, paths);
                paths += basis.pathCount();
            }
            component += irrepsOut.get(o).irrep().dim();
        }
        pathCount = paths;
        long numel = (long) numElements * paths * mul;
        if (numel > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("SymmetricContraction " + irrepsIn + " -> " + irrepsOut
                    + " needs more than 2^31-1 weights");
        }
        weightNumel = (int) numel;
        tables = new ContractionTable[correlation];
        for (int n = 0; n < correlation; n++) {
            tables[n] = builders[n].build();
        }
    }
}
