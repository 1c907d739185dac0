package org.equikern.model.lgn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.group.lorentz.LorentzTransform;
import org.equikern.ops.lorentzproduct.LorentzIrreps;
import org.equikern.runtime.Devices;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's "Lorentz group" layer example (README: "A boosted jet through an LGN layer") on
 * the OpenCL device, and checks the device's scalars against the host layer's.
 */
class LgnReadmeExampleTest {
    @Test
    void boostedJetHasTheSameInvariants() {
        // README: "A boosted jet through an LGN layer"
        LgnLayer layer = new LgnLayer(LgnInputs.IRREPS, LorentzIrreps.parse("2x(0,0)+2x(1,1)"),
                1, 2, new int[] {8}, 2);                       // zonal levels <= (1,1), 2 radial functions, MLP 8 -> 2
        LgnWeights weights = LgnWeights.random(layer, new Random(1), 0.3);
        double[] jet = {5, 1, 0.5, 4.8, 3, -0.4, 0.2, 2.9, 2, 0.3, -0.1, 1.9};  // (E, px, py, pz) x 3 particles
        double[] charges = {1, -1, 0};
        LorentzTransform boost = LorentzTransform.boost(3.0, 0.3, 0.2, 1);     // rapidity 3
        double[] boosted = new double[jet.length];
        for (int i = 0; i < 3; i++) {
            System.arraycopy(boost.apply(Arrays.copyOfRange(jet, 4 * i, 4 * i + 4)), 0, boosted, 4 * i, 4);
        }
        double[][] momenta = {jet, boosted};
        double[][] scalars = new double[2][];
        try (Device device = Devices.open("opencl");          // or "java", "cuda"
             DeviceLgnLayer onDevice = new DeviceLgnLayer(layer, device, DType.FLOAT64);
             DeviceLgnWeights w = DeviceLgnWeights.upload(onDevice, weights);
             MemoryScope scope = device.openScope()) {
            for (int k = 0; k < 2; k++) {
                // one jet of 3 real particles, no padding: edge features and row tables on the device
                try (DeviceLgnJets jets = onDevice.jets(momenta[k], new int[] {3}, 1, 3)) {
                    DeviceBuffer features = scope.upload(LgnInputs.of(momenta[k], charges, 3).planar());
                    DeviceBuffer out = scope.allocate(DType.FLOAT64, 2 * 3 * layer.irrepsOut().dim());
                    DeviceBuffer s = scope.allocate(DType.FLOAT64, 3 * layer.scalarCount());
                    onDevice.forward(jets, features, w, out, s);
                    scalars[k] = s.toDoubleArray();
                }
            }
        }
        // max |scalars[1] - scalars[0]| / max |scalars[0]| < 1e-10: Lorentz invariants
        // end README

        assertTrue(relativeDifference(scalars[1], scalars[0]) < 1e-10, "boosted vs original");
        assertEquals(6, scalars[0].length);
        LgnOutput host = layer.forward(jet, LgnInputs.of(jet, charges, 3), new int[] {3}, 1, 3, weights,
                Precision.FLOAT64);
        assertTrue(relativeDifference(scalars[0], host.scalars()) < 1e-10, "device vs host");
    }

    private static double relativeDifference(double[] a, double[] b) {
        double error = 0;
        double size = 0;
        for (int k = 0; k < b.length; k++) {
            error = Math.max(error, Math.abs(a[k] - b[k]));
            size = Math.max(size, Math.abs(b[k]));
        }
        return error / size;
    }
}
