package org.equikern.model;

import java.util.SplittableRandom;
import org.equikern.group.Irreps;
import org.equikern.nn.SymmetricContraction;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * MACE's product basis block ({@code EquivariantProductBasisBlock}) without its residual: the
 * {@link SymmetricContraction} of correlation order ν with one weight set per species, then a
 * linear map of its output. Parameters {@code NAME.symmetric_contractions.weight}
 * ({@code [species, paths, channels]}, drawn as MACE does: N(0, 1) divided by the number of paths of
 * the weight's (target irrep, order) basis) and {@code NAME.linear.weight}.
 */
final class SymmetricProduct {
    private final SymmetricContraction contraction;
    private final Parameter weight;
    private final LinearLayer linear;

    SymmetricProduct(String name, Irreps irrepsIn, Irreps irrepsOut, int correlation, int species,
            Parameters parameters, SplittableRandom random) {
        this.contraction = SymmetricContraction.of(irrepsIn, irrepsOut, correlation, species);
        this.weight = parameters.add(name + ".symmetric_contractions.weight",
                new int[] {species, contraction.pathCount(), contraction.mul()}, initialWeights(random));
        this.linear = new LinearLayer(name + ".linear", irrepsOut, irrepsOut, parameters, random);
    }

    private double[] initialWeights(SplittableRandom random) {
        double[] w = Initialization.normal(contraction.weightNumel(), random);
        int mul = contraction.mul();
        for (int e = 0; e < contraction.numElements(); e++) {
            for (int o = 0; o < contraction.irrepsOut().size(); o++) {
                for (int n = 1; n <= contraction.correlation(); n++) {
                    int paths = contraction.basis(o, n).pathCount();
                    int start = (e * contraction.pathCount() + contraction.pathOffset(o, n)) * mul;
                    for (int i = start; i < start + paths * mul; i++) {
                        w[i] /= paths;
                    }
                }
            }
        }
        return w;
    }

    /** The block on a device, its weights uploaded now. */
    DeviceLayer onDevice(DeviceResources resources) {
        return new DeviceSymmetricProduct(resources, contraction, weight, linear.onDevice(resources));
    }

    /** Applies the block to {@code atoms} rows of features of atoms of the given species indices. */
    Step forward(double[] x, int[] species, int atoms) {
        return new Step(x, species, atoms);
    }

    /** One application, differentiated in the order of {@link NodeStep}. */
    final class Step implements NodeStep {
        private final double[] x;
        private final int[] species;
        private final int atoms;
        private final double[] w;
        private final BilinearStep linearStep;
        private double[] gradContracted;
        private double[] inputTangent;

        private Step(double[] x, int[] species, int atoms) {
            this.x = x;
            this.species = species;
            this.atoms = atoms;
            this.w = weight.values().clone();
            double[] contracted = new double[Math.multiplyExact(atoms, contraction.irrepsOut().dim())];
            contraction.forward(x, species, w, contracted, atoms);
            this.linearStep = linear.forward(contracted, atoms);
        }

        @Override
        public double[] output() {
            return linearStep.output();
        }

        @Override
        public double[] backward(double[] gradOut) {
            gradContracted = linearStep.backward(gradOut);
            double[] gradX = new double[x.length];
            contraction.backward(x, species, w, gradContracted, gradX, null, atoms);
            return gradX;
        }

        @Override
        public double[] tangent(double[] inputTangent) {
            this.inputTangent = inputTangent;
            double[] contracted = new double[Math.multiplyExact(atoms, contraction.irrepsOut().dim())];
            contraction.tangent(x, inputTangent, species, w, contracted, atoms);
            return linearStep.tangent(contracted);
        }

        @Override
        public double[] tangentBackward(double[] gradOutTangent) {
            double[] gradContractedTangent = linearStep.tangentBackward(gradOutTangent);
            double[] gradX = new double[x.length];
            double[] gradW = new double[w.length];
            contraction.tangentBackward(x, inputTangent, species, w, gradContracted, gradContractedTangent, gradX,
                    gradW, atoms);
            Rows.addInto(weight.grad(), gradW);
            return gradX;
        }
    }
}
