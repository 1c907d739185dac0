package org.equikern.readme;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.equikern.data.AtomicBatch;
import org.equikern.data.Structure;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.device.Transfers;
import org.equikern.device.opencl.OpenClDevice;
import org.equikern.group.Irreps;
import org.equikern.model.DeviceParameters;
import org.equikern.model.DevicePotential;
import org.equikern.model.DeviceTrainingEvaluation;
import org.equikern.model.NequipConfig;
import org.equikern.model.NequipModel;
import org.equikern.ops.tensorproduct.TensorProductOp;
import org.equikern.runtime.DeviceTensorProductExecutor;
import org.equikern.runtime.Devices;
import org.equikern.runtime.TensorProduct;
import org.equikern.tp.Gradients;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;
import org.jocl.CL;
import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_mem;
import org.junit.jupiter.api.Test;

/** The README's Java examples, kept compiling and correct (the README copies these bodies). */
class ReadmeExamplesTest {
    private static double[] random(int n) {
        Random r = new Random(n);
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = r.nextGaussian();
        return v;
    }

    @Test
    void tensorProductOnTheJavaBackend() {
        // README: "A tensor product"
        TensorProductSpec spec = TensorProductSpec.channelWise(
                Irreps.parse("32x0e+32x1o+32x2e"), Irreps.parse("0e+1o+2e"), Irreps.parse("32x0e+32x1o+32x2e"));
        TensorProduct tp = new TensorProduct(spec);            // runs on the pure-Java backend
        int batch = 1000;                                      // e.g. edges
        double[] x1 = random(batch * tp.irrepsIn1().dim());    // e3nn mul_ir layout, row per sample
        double[] x2 = random(batch * tp.irrepsIn2().dim());
        double[] w = random(batch * tp.weightNumel());         // per-sample weights (channelWise)
        double[] out = tp.forward(x1, x2, w, batch);
        double[] gradOut = random(out.length);
        Gradients<double[]> g = tp.backward(x1, x2, w, gradOut, batch);
        // end README

        assertEquals(batch * 288, out.length);
        assertEquals(w.length, g.weights().length);
    }

    @Test
    void tensorProductOnADeviceWithScopesAndInterop() {
        TensorProductSpec spec = TensorProductSpec.fullyConnected(
                Irreps.parse("8x0e+8x1o"), Irreps.parse("0e+1o"), Irreps.parse("8x0e+8x1o"));
        int batch = 64;
        Plan plan = Plan.of(spec);
        float[] x1 = new float[batch * plan.dim1()];
        float[] x2 = new float[batch * plan.dim2()];
        float[] w = new float[plan.weightNumel()];
        java.util.Arrays.fill(x1, 0.5f);
        java.util.Arrays.fill(x2, 0.25f);
        java.util.Arrays.fill(w, 1f);
        float[] expected = new TensorProduct(spec).forward(x1, x2, w, batch);

        // README: "Devices, memory and interop"
        try (Device device = Devices.open("opencl");           // or Devices.defaultDevice()
             TensorProductOp op = TensorProductOp.on(device, plan);  // plan tables uploaded once
             MemoryScope scope = device.openScope()) {         // frees every buffer it allocated
            DeviceBuffer dx1 = scope.upload(x1);
            DeviceBuffer dx2 = scope.upload(x2);
            DeviceBuffer dw = scope.upload(w);
            DeviceBuffer out = scope.allocate(DType.FLOAT32, (long) batch * plan.dimOut());
            op.forward(dx1, dx2, dw, out, batch);
            float[] result = out.toFloatArray();
            // end README
            assertArrayEquals(expected, result, 1e-5f);

            // README: interop
            OpenClDevice cl = (OpenClDevice) device;
            cl_mem yours = CL.clCreateBuffer(cl.context(), CL.CL_MEM_READ_WRITE,
                    (long) Sizeof.cl_float * out.length(), null, null);  // memory a framework owns
            DeviceBuffer view = cl.wrap(yours, DType.FLOAT32, out.length()); // no copy; never freed by us
            op.forward(dx1, dx2, dw, view, batch);
            view.close();
            // end README
            float[] back = new float[(int) out.length()];
            CL.clEnqueueReadBuffer(cl.queue(), yours, true, 0, (long) Sizeof.cl_float * back.length,
                    Pointer.to(back), 0, null, null);
            CL.clReleaseMemObject(yours);
            assertArrayEquals(expected, back, 1e-5f);
        }

        // README: host arrays on a device
        try (Device device = Devices.open("opencl");
             DeviceTensorProductExecutor executor = new DeviceTensorProductExecutor(device, plan)) {
            float[] out = new TensorProduct(executor).forward(x1, x2, w, batch);
            // end README
            assertArrayEquals(expected, out, 1e-5f);
        }
    }

    @Test
    void aTrainedPotentialOnADevice() {
        Potential model = NequipModel.create(NequipConfig.builder().rMax(3.0).numLayers(1).lMax(1).numFeatures(4)
                .numBasis(4).invariantLayers(1).invariantNeurons(8).avgNumNeighbors(8.0)
                .chemicalSymbols(List.of("Cu")).perSpeciesShifts(List.of(-0.5)).globalScale(1.0).build(), 3);
        List<Structure> structures = List.of(Structure.builder(new String[] {"Cu", "Cu"},
                new double[] {0, 0, 0, 1.3, 1.2, 0.2}).periodicCell(new double[] {2.6, 0, 0, 0, 2.5, 0, 0, 0, 2.7})
                .build());
        PotentialEvaluation host = model.evaluate(AtomicBatch.of(structures, model.cutoff()));

        // README: "A trained potential on a device"
        try (DevicePotential potential = DevicePotential.open(model, "opencl", DType.FLOAT64)) {
            AtomicBatch batch = AtomicBatch.of(structures, potential.cutoff());
            PotentialEvaluation e = potential.evaluate(batch);   // uploads the batch, downloads E, E_i, F
            double[] energies = e.energies();
            double[] forces = e.forces();                          // atoms × 3
            Transfers copies = potential.device().transfers();     // host↔device copies so far
            // end README
            assertArrayEquals(host.energies(), energies, 1e-10);
            assertArrayEquals(host.forces(), forces, 1e-10);
            assertTrue(copies.uploads() > 11 && copies.downloads() == 3, copies.toString());
        }
    }

    @Test
    void trainingOnTheDevice() {
        Potential model = NequipModel.create(NequipConfig.builder().rMax(3.0).numLayers(1).lMax(1).numFeatures(4)
                .numBasis(4).invariantLayers(1).invariantNeurons(8).avgNumNeighbors(8.0)
                .chemicalSymbols(List.of("Cu")).perSpeciesShifts(List.of(-0.5)).globalScale(1.0).build(), 3);
        List<Structure> structures = List.of(Structure.builder(new String[] {"Cu", "Cu"},
                new double[] {0, 0, 0, 1.3, 1.2, 0.2}).periodicCell(new double[] {2.6, 0, 0, 0, 2.5, 0, 0, 0, 2.7})
                .energy(-1.0).forces(new double[] {0.1, 0, -0.2, -0.1, 0, 0.2}).build());
        AtomicBatch batch = AtomicBatch.of(structures, model.cutoff());
        PotentialEvaluation host = model.evaluate(batch);
        EnergyForceLoss.Result hostLoss = EnergyForceLoss.mse(1, 10).evaluate(batch.atomsPerStructure(),
                host.energies(), batch.energies(), host.forces(), batch.forces());
        model.parameters().zeroGrad();
        host.backward(hostLoss.gradEnergy(), hostLoss.gradForces());

        try (Device device = Devices.open("java")) {
            // README: "Training on the device"
            try (DevicePotential potential = DevicePotential.of(model, device, DType.FLOAT64)) {
                DeviceParameters parameters = potential.parameters();   // flat values and gradients on the device
                try (DeviceTrainingEvaluation e = potential.evaluateForTraining(batch)) {
                    EnergyForceLoss.Result loss = EnergyForceLoss.mse(1, 10).evaluate(batch.atomsPerStructure(),
                            e.energies(), batch.energies(), e.forces(), batch.forces());
                    e.backward(loss.gradEnergy(), loss.gradForces());   // uploads the seeds, downloads nothing
                }
                DeviceBuffer gradients = parameters.gradients();       // dL/dθ, offset(name) per parameter
                // end README
                double[] onDevice = gradients.toDoubleArray();
                int offset = parameters.offset("readout.weight");
                double[] expected = model.parameters().get("readout.weight").grad();
                for (int i = 0; i < expected.length; i++) {
                    assertEquals(expected[i], onDevice[offset + i], 1e-10 * Math.max(1, Math.abs(expected[i])));
                }
            }
        }
    }
}
