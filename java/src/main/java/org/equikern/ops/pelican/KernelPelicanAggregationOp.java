package org.equikern.ops.pelican;

import static org.equikern.device.kernel.KernelSignature.Param.INT;
import static org.equikern.device.kernel.KernelSignature.Param.INT_BUFFER;
import static org.equikern.device.kernel.KernelSignature.Param.REAL;
import static org.equikern.device.kernel.KernelSignature.Param.REAL_BUFFER;

import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.kernel.DeviceTables;
import org.equikern.device.kernel.KernelLauncher;
import org.equikern.device.kernel.KernelSignature;

/**
 * PELICAN's aggregation maps with the kernels of {@code kernels/common/pelican.h}, on OpenCL or
 * CUDA. Forward: the raw row and column sums and diagonal per (jet, channel, particle) (rank-2
 * inputs), the trace, total or value sum and the (n/N_avg)^α factors per (jet, channel), then
 * one item per output position for every op. Backward, after the same two passes: the vector adjoints and per-row partials per
 * (jet, channel, particle), their sums per (jet, channel), α's gradient per (channel, scaled op)
 * and the input's gradient per input entry. Every kernel gathers, so no atomics; the scratch
 * lives for the call. The map table ({@link PelicanTables}) is uploaded once.
 */
final class KernelPelicanAggregationOp extends PelicanAggregationOp {
    private static final String PROGRAM = "pelican";
    private static final KernelSignature VECTORS = KernelSignature.of(PROGRAM, "pelican_vectors",
            INT, INT, INT, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature SCALARS = KernelSignature.of(PROGRAM, "pelican_scalars",
            INT, INT, INT, INT, REAL, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature FORWARD = KernelSignature.of(PROGRAM, "pelican_forward",
            INT, INT, INT, INT, REAL, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature ADJOINT_ROWS = KernelSignature.of(PROGRAM, "pelican_adjoint_rows",
            INT, INT, INT, INT, REAL, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature ADJOINT_JETS = KernelSignature.of(PROGRAM, "pelican_adjoint_jets",
            INT, INT, INT, INT, REAL, INT_BUFFER, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GRAD_ALPHA = KernelSignature.of(PROGRAM, "pelican_grad_alpha",
            INT, INT, INT, REAL_BUFFER, REAL_BUFFER);
    private static final KernelSignature GRAD_IN = KernelSignature.of(PROGRAM, "pelican_grad_in",
            INT, INT, INT, INT, REAL, INT_BUFFER, INT_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER, REAL_BUFFER,
            REAL_BUFFER);

    private final KernelLauncher launcher;
    private final DeviceTables tables;
    private final DeviceBuffer map;

    KernelPelicanAggregationOp(Device device, KernelLauncher launcher, DType dtype, PelicanAggregation aggregation) {
        super(device, dtype, aggregation);
        this.launcher = launcher;
        this.tables = new DeviceTables(device, dtype);
        try {
            this.map = tables.ints(PelicanTables.map(aggregation.map()));
        } catch (RuntimeException | Error e) {
            tables.close();
            throw e;
        }
    }

    @Override
    protected void runForward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer out, int batch,
            int particles) {
        Shape s = new Shape(batch, particles);
        try (DeviceBuffer vectors = scratch(s.lineItems, PelicanTables.VECTOR_STRIDE);
                DeviceBuffer scalars = scratch(s.lines, s.scalarRecord)) {
            reduce(s, in, counts, alpha, vectors, scalars);
            launcher.launch(FORWARD, dtype(), s.outItems, batch, particles, s.channels, s.mean, s.average, map,
                    counts, in, vectors, scalars, out);
        }
    }

    @Override
    protected void runBackward(DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer gradOut,
            DeviceBuffer gradIn, DeviceBuffer gradAlpha, int batch, int particles) {
        Shape s = new Shape(batch, particles);
        int scaled = aggregation().map().scaledOpCount();
        int record = PelicanTables.ADJOINT_STRIDE + scaled;
        try (DeviceBuffer vectors = scratch(s.lineItems, PelicanTables.VECTOR_STRIDE);
                DeviceBuffer scalars = scratch(s.lines, s.scalarRecord);
                DeviceBuffer adjoints = scratch(s.lineItems, PelicanTables.VECTOR_STRIDE);
                DeviceBuffer partials = scratch(s.lineItems, record);
                DeviceBuffer jets = scratch(s.lines, record)) {
            reduce(s, in, counts, alpha, vectors, scalars);
            launcher.launch(ADJOINT_ROWS, dtype(), s.lineItems, batch, particles, s.channels, s.mean, s.average, map,
                    counts, in, vectors, scalars, gradOut, adjoints, partials);
            launcher.launch(ADJOINT_JETS, dtype(), s.lines, batch, particles, s.channels, scaled, s.average, counts,
                    partials, jets);
            launcher.launch(GRAD_ALPHA, dtype(), gradAlpha.length(), batch, s.channels, scaled, jets, gradAlpha);
            launcher.launch(GRAD_IN, dtype(), gradIn.length(), batch, particles, s.channels, s.mean, s.average, map,
                    counts, scalars, gradOut, adjoints, jets, gradIn);
        }
    }

    /** Forward passes 1 and 2: the raw vector reductions (rank-2 inputs), the scalar ones and the scales. */
    private void reduce(Shape s, DeviceBuffer in, DeviceBuffer counts, DeviceBuffer alpha, DeviceBuffer vectors,
            DeviceBuffer scalars) {
        if (aggregation().map().inRank() == 2) {
            launcher.launch(VECTORS, dtype(), s.lineItems, s.batch, s.particles, s.channels, counts, in, vectors);
        }
        launcher.launch(SCALARS, dtype(), s.lines, s.batch, s.particles, s.channels, s.mean, s.average, map, counts,
                in, vectors, alpha, scalars);
    }

    private DeviceBuffer scratch(long records, int stride) {
        return device().allocate(dtype(), Math.multiplyExact(records, (long) stride));
    }

    @Override
    protected void release() {
        tables.close();
    }

    /** One call's sizes and the scalar arguments every kernel shares. */
    private final class Shape {
        final int batch;
        final int particles;
        final int channels = aggregation().channels();
        final int mean = aggregation().aggregation() == Aggregation.MEAN ? 1 : 0;
        /** A REAL scalar travels in the op's precision. */
        final Object average = dtype() == DType.FLOAT64 ? (Object) aggregation().averageCount()
                : (Object) (float) aggregation().averageCount();
        /** Reals per (jet, channel) of the scalar scratch: the reductions, then the scaled ops' factors. */
        final int scalarRecord = PelicanTables.SCALAR_STRIDE + aggregation().map().scaledOpCount();
        /** (jet, channel) pairs. */
        final long lines;
        /** (jet, channel, particle) triples. */
        final long lineItems;
        /** (jet, output position, channel) triples. */
        final long outItems;

        Shape(int batch, int particles) {
            this.batch = batch;
            this.particles = particles;
            this.lines = Math.multiplyExact((long) batch, channels);
            this.lineItems = Math.multiplyExact(lines, particles);
            long positions = aggregation().map().outRank() == 2 ? Math.multiplyExact((long) particles, particles)
                    : aggregation().map().outRank() == 1 ? particles : 1;
            this.outItems = Math.multiplyExact(lines, positions);
        }
    }
}
