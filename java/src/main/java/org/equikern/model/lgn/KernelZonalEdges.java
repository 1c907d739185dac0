package org.equikern.model.lgn;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import java.util.ArrayList;
import java.util.List;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;
import org.equikern.group.lorentz.ComplexMatrix;
import org.equikern.group.lorentz.LorentzClebschGordan;
import org.equikern.group.lorentz.LorentzIrrep;
import org.equikern.group.lorentz.Minkowski;

/**
 * {@link DeviceZonalEdges} with the kernel of {@code kernels/common/lgn_edges.h}, one work item per
 * pair. Its tables, uploaded once when the op is made: the map of a 4-vector to the canonical
 * components of (1,1), and the terms of H(Zˡ⁻¹, Z¹) → Zˡ of each level l ≥ 2, both read off the
 * host's own maps applied to basis vectors.
 */
final class KernelZonalEdges extends DeviceZonalEdges {
    private static final KernelSignature EDGES = KernelSignature.of("lgn_edges", "lgn_edges", INT, INT, INT, INT,
            INT_BUFFER, INT_BUFFER, REAL_BUFFER, INT_BUFFER, INT_BUFFER, REAL_BUFFER, INT, REAL_BUFFER, REAL_BUFFER);
    /** The kernel's term index packs (out, in1, in2) as out · 64 + in1 · 4 + in2 (in1 < 16, in2 < 4). */
    private static final int OUT_STRIDE = 64;

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer canonical;
    private final DeviceBuffer termOffsets;
    private final DeviceBuffer termIndex;
    private final DeviceBuffer termCoefficients;
    private final int terms;

    KernelZonalEdges(Device device, KernelLauncher launcher, DType dtype, ZonalEdges zonal) {
        super(device, dtype, zonal);
        this.launcher = launcher;
        this.tables = new DeviceTables(device, dtype);
        Terms coupling = new Terms(zonal.levels());
        terms = coupling.index.size();
        try {
            canonical = tables.reals(canonicalMap());
            termOffsets = tables.ints(coupling.offsets);
            termIndex = tables.ints(coupling.index.stream().mapToInt(Integer::intValue).toArray());
            termCoefficients = tables.reals(coupling.planarCoefficients());
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    /** Planar [2][4][4]: column μ is the canonical image of the unit 4-vector e_μ. */
    private static double[] canonicalMap() {
        double[] map = new double[32];
        for (int mu = 0; mu < 4; mu++) {
            double[] unit = new double[4];
            unit[mu] = 1;
            ComplexMatrix image = Minkowski.toCanonical(unit);
            for (int a = 0; a < 4; a++) {
                map[a * 4 + mu] = image.re(a, 0);
                map[16 + a * 4 + mu] = image.im(a, 0);
            }
        }
        return map;
    }

    @Override
    void runCompute(DeviceBuffer momenta, DeviceBuffer first, DeviceBuffer second, DeviceBuffer edges, int pairs) {
        launcher.launch(EDGES, dtype(), pairs, pairs, zonal().levels(), zonal().radial(), zonal().irreps().dim(),
                first, second, canonical, termOffsets, termIndex, termCoefficients, terms, momenta, edges);
    }

    @Override
    protected void release() {
        tables.close();
    }

    /**
     * The nonzero coefficients of each level's coupling, level after level; a trailing zero term
     * keeps the tables non-empty when no level needs one.
     */
    private static final class Terms {
        final int[] offsets;
        final List<Integer> index = new ArrayList<>();
        final List<double[]> coefficients = new ArrayList<>();

        Terms(int levels) {
            offsets = new int[Math.max(1, levels - 1)];
            for (int l = 2; l < levels; l++) {
                LorentzClebschGordan cg = LorentzClebschGordan.of(LorentzIrrep.of(l - 1, l - 1), LorentzIrrep.of(1, 1),
                        LorentzIrrep.of(l, l));
                int d1 = l * l;
                for (int i1 = 0; i1 < d1; i1++) {
                    for (int i2 = 0; i2 < 4; i2++) {
                        ComplexMatrix out = cg.couple(unit(d1, i1), unit(4, i2));
                        for (int o = 0; o < out.rows(); o++) {
                            if (out.re(o, 0) != 0 || out.im(o, 0) != 0) {
                                index.add(o * OUT_STRIDE + i1 * 4 + i2);
                                coefficients.add(new double[] {out.re(o, 0), out.im(o, 0)});
                            }
                        }
                    }
                }
                offsets[l - 1] = index.size();
            }
            index.add(0);
            coefficients.add(new double[] {0, 0});
        }

        private static ComplexMatrix unit(int d, int i) {
            double[] re = new double[d];
            re[i] = 1;
            return ComplexMatrix.ofReal(d, 1, re);
        }

        double[] planarCoefficients() {
            int n = coefficients.size();
            double[] planar = new double[2 * n];
            for (int t = 0; t < n; t++) {
                planar[t] = coefficients.get(t)[0];
                planar[n + t] = coefficients.get(t)[1];
            }
            return planar;
        }
    }
}
