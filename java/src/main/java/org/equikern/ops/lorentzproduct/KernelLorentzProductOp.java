package org.equikern.ops.lorentzproduct;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * {@link LorentzProductOp} with the kernels of {@code kernels/common/lorentz_product.h}: the
 * forward and the two input gradients gather one (sample, entry) per work item over that entry's
 * terms; the weights' gradient gathers one weight per item over the batch; the double backward
 * sums such launches. The four term lists
 * ({@link LorentzProductTables}) are uploaded once, when the op is made.
 */
final class KernelLorentzProductOp extends LorentzProductOp {
    private static final String PROGRAM = "lorentz_product";
    private static final KernelSignature GATHER = KernelSignature.of(PROGRAM, "lorentz_product_gather",
            INT, INT, INT, INT, INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GRAD_WEIGHTS = KernelSignature.of(PROGRAM, "lorentz_product_grad_weights",
            INT, INT, INT, INT, INT, INT, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceList byOut;
    private final DeviceList byX1;
    private final DeviceList byX2;
    private final DeviceList byWeight;

    KernelLorentzProductOp(Device device, KernelLauncher launcher, DType dtype, LorentzProduct product) {
        super(device, dtype, product);
        this.launcher = launcher;
        this.tables = new DeviceTables(device, dtype);
        try {
            byOut = upload(LorentzProductTables.Key.OUT);
            byX1 = upload(LorentzProductTables.Key.X1);
            byX2 = upload(LorentzProductTables.Key.X2);
            byWeight = upload(LorentzProductTables.Key.WEIGHT);
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    private DeviceList upload(LorentzProductTables.Key key) {
        LorentzProductTables.TermList list = LorentzProductTables.of(product(), key);
        return new DeviceList(tables.ints(list.offsets), tables.ints(list.terms), tables.reals(list.coefficients));
    }

    @Override
    protected void runForward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer out, int batch) {
        product(x1, x2, w, out, batch, false);
    }

    @Override
    protected void runBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer gradX1, DeviceBuffer gradX2, DeviceBuffer gradW, int batch) {
        gradX1(gradOut, x2, w, gradX1, batch, false);
        gradX2(gradOut, x1, w, gradX2, batch, false);
        gradW(gradOut, x1, x2, gradW, batch, false);
    }

    /**
     * The product is trilinear: each output of the double backward is a sum of forward or backward
     * terms with one argument replaced by its tangent (as in {@link LorentzProduct#doubleBackward}).
     */
    @Override
    protected void runDoubleBackward(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradOut,
            DeviceBuffer v1, DeviceBuffer v2, DeviceBuffer vw, DeviceBuffer gradX1, DeviceBuffer gradX2,
            DeviceBuffer gradW, DeviceBuffer gradGradOut, int batch) {
        product(v1, x2, w, gradGradOut, batch, false);
        product(x1, v2, w, gradGradOut, batch, true);
        product(x1, x2, vw, gradGradOut, batch, true);
        gradX1(gradOut, v2, w, gradX1, batch, false);
        gradX1(gradOut, x2, vw, gradX1, batch, true);
        gradX2(gradOut, v1, w, gradX2, batch, false);
        gradX2(gradOut, x1, vw, gradX2, batch, true);
        gradW(gradOut, v1, x2, gradW, batch, false);
        gradW(gradOut, x1, v2, gradW, batch, true);
    }

    /** out (+)= x1 ⊗_H x2 weighted by w. */
    private void product(DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer out, int batch,
            boolean accumulate) {
        gather(batch, dimOut(), dim1(), dim2(), false, accumulate, byOut, x1, x2, w, out);
    }

    /** gradX1 (+)= the x1 gradient at (x2, w). */
    private void gradX1(DeviceBuffer gradOut, DeviceBuffer x2, DeviceBuffer w, DeviceBuffer gradX1, int batch,
            boolean accumulate) {
        gather(batch, dim1(), dimOut(), dim2(), true, accumulate, byX1, gradOut, x2, w, gradX1);
    }

    /** gradX2 (+)= the x2 gradient at (x1, w). */
    private void gradX2(DeviceBuffer gradOut, DeviceBuffer x1, DeviceBuffer w, DeviceBuffer gradX2, int batch,
            boolean accumulate) {
        gather(batch, dim2(), dimOut(), dim1(), true, accumulate, byX2, gradOut, x1, w, gradX2);
    }

    /** gradW (+)= the weights' gradient at (x1, x2), summed over the batch. */
    private void gradW(DeviceBuffer gradOut, DeviceBuffer x1, DeviceBuffer x2, DeviceBuffer gradW, int batch,
            boolean accumulate) {
        int weights = product().weightLength();
        launcher.launch(GRAD_WEIGHTS, dtype(), weights, batch, weights, dimOut(), dim1(), dim2(), accumulate ? 1 : 0,
                byWeight.offsets, byWeight.terms, byWeight.coefficients, gradOut, x1, x2, gradW);
    }

    /** target[s][key] (+)= Σ c·f1[s][i1]·f2[s][i2]·f3[i3] over the key's terms, f2 and f3 conjugated when asked. */
    private void gather(int batch, int keys, int dimF1, int dimF2, boolean conjugate, boolean accumulate,
            DeviceList list, DeviceBuffer f1, DeviceBuffer f2, DeviceBuffer f3, DeviceBuffer target) {
        launcher.launch(GATHER, dtype(), Math.multiplyExact((long) batch, keys), batch, keys, dimF1, dimF2,
                product().weightLength(), conjugate ? 1 : 0, accumulate ? 1 : 0, list.offsets, list.terms,
                list.coefficients, f1, f2, f3, target);
    }

    private int dim1() {
        return product().irreps1().dim();
    }

    private int dim2() {
        return product().irreps2().dim();
    }

    private int dimOut() {
        return product().irrepsOut().dim();
    }

    @Override
    protected void release() {
        tables.close();
    }

    /** One term list on the device. */
    private static final class DeviceList {
        final DeviceBuffer offsets;
        final DeviceBuffer terms;
        final DeviceBuffer coefficients;

        DeviceList(DeviceBuffer offsets, DeviceBuffer terms, DeviceBuffer coefficients) {
            this.offsets = offsets;
            this.terms = terms;
            this.coefficients = coefficients;
        }
    }
}
