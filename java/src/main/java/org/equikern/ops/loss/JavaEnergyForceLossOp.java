package org.equikern.ops.loss;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.java.DoubleViews;
import org.equikern.device.java.JavaBuffer;
import org.equikern.device.java.JavaDevice;

/**
 * The Java device's {@link EnergyForceLossOp}: the host loss's arithmetic in double, term for term (bit for bit
 * {@code EnergyForceLoss} and {@code EnergyForceMetrics} in FLOAT64), rounded once per buffer for FLOAT32.
 */
final class JavaEnergyForceLossOp extends EnergyForceLossOp {
    JavaEnergyForceLossOp(JavaDevice device, DType dtype) {
        super(device, dtype);
    }

    @Override
    void runEvaluate(LossSettings settings, DeviceBuffer numAtoms, DeviceBuffer predEnergy, DeviceBuffer refEnergy,
            DeviceBuffer predForces, DeviceBuffer refForces, DeviceBuffer gradEnergy, DeviceBuffer gradForces,
            DeviceBuffer sums, int structures, int components) {
        Rho rho = new Rho(settings.huberDelta());
        int[] atoms = ((JavaBuffer) numAtoms).ints();
        double[] pe = DoubleViews.read(predEnergy);
        double[] re = DoubleViews.read(refEnergy);
        double[] ge = DoubleViews.target(gradEnergy);
        double[] out = DoubleViews.target(sums);
        double energyTerm = 0;
        double energyAbs = 0;
        double energySq = 0;
        for (int i = 0; i < structures; i++) {
            double r = pe[i] / atoms[i] - re[i] / atoms[i];
            energyTerm += rho.value(r);
            ge[i] = settings.energyWeight() * rho.derivative(r) / structures / atoms[i];
            double error = (pe[i] - re[i]) / atoms[i];
            energyAbs += Math.abs(error);
            energySq += error * error;
        }
        double[] pf = DoubleViews.read(predForces);
        double[] rf = DoubleViews.read(refForces);
        double[] gf = DoubleViews.target(gradForces);
        double forceTerm = 0;
        double forceAbs = 0;
        double forceSq = 0;
        for (int k = 0; k < components; k++) {
            double r = pf[k] - rf[k];
            forceTerm += rho.value(r);
            gf[k] = settings.forcesWeight() * rho.derivative(r) / components;
            forceAbs += Math.abs(r);
            forceSq += r * r;
        }
        out[EnergyForceLossOp.LOSS] = settings.energyWeight() * (energyTerm / structures)
                + settings.forcesWeight() * (forceTerm / components);
        out[EnergyForceLossOp.ENERGY_ABS] = energyAbs;
        out[EnergyForceLossOp.ENERGY_SQ] = energySq;
        out[EnergyForceLossOp.FORCE_ABS] = forceAbs;
        out[EnergyForceLossOp.FORCE_SQ] = forceSq;
        DoubleViews.commit(ge, gradEnergy);
        DoubleViews.commit(gf, gradForces);
        DoubleViews.commit(out, sums);
    }

    /** ρ and ρ′: x² and 2x, or PyTorch's Huber function with threshold δ and its clamp. */
    private record Rho(double delta) {
        double value(double r) {
            if (Double.isNaN(delta)) return r * r;
            double z = Math.abs(r);
            return z < delta ? 0.5 * z * z : delta * (z - 0.5 * delta);
        }

        double derivative(double r) {
            if (Double.isNaN(delta)) return 2 * r;
            return Math.max(-delta, Math.min(delta, r));
        }
    }
}
