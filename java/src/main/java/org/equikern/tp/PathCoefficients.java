package org.equikern.tp;

import java.util.List;
import org.equikern.group.Irreps;
import org.equikern.group.MulIrrep;

/**
 * e3nn's per-path normalization: {@code sqrt(alpha / divisor · path_weight)}, with alpha from the
 * irrep normalization and the divisor from the path normalization (applied only when positive, so
 * paths with no products keep alpha). Unit input and output variances, as e3nn's defaults.
 */
final class PathCoefficients {
    private PathCoefficients() {
    }

    static double[] compute(Irreps in1, Irreps in2, Irreps out, List<Instruction> instructions,
                            IrrepNormalization irrepNormalization, PathNormalization pathNormalization) {
        double[] coefficients = new double[instructions.size()];
        for (int n = 0; n < coefficients.length; n++) {
            Instruction ins = instructions.get(n);
            double alpha = irrepNormalization.alpha(in1.get(ins.in1()).irrep().dim(),
                    in2.get(ins.in2()).irrep().dim(), out.get(ins.out()).irrep().dim());
            double divisor = divisor(in1, in2, instructions, ins, pathNormalization);
            if (divisor > 0) {
                alpha /= divisor;
            }
            alpha *= ins.pathWeight();
            coefficients[n] = Math.sqrt(alpha);
        }
        return coefficients;
    }

    private static double divisor(Irreps in1, Irreps in2, List<Instruction> instructions, Instruction ins,
                                  PathNormalization pathNormalization) {
        switch (pathNormalization) {
            case ELEMENT: {
                long sum = 0;
                for (Instruction other : instructions) {
                    if (other.out() == ins.out()) sum += numElements(in1, in2, other);
                }
                return sum;
            }
            case PATH: {
                long paths = 0;
                for (Instruction other : instructions) {
                    if (other.out() == ins.out()) paths++;
                }
                return (double) numElements(in1, in2, ins) * paths;
            }
            default:
                return 1;
        }
    }

    private static long numElements(Irreps in1, Irreps in2, Instruction ins) {
        MulIrrep a = in1.get(ins.in1());
        MulIrrep b = in2.get(ins.in2());
        return ins.mode().numElements(a.mul(), b.mul());
    }
}
