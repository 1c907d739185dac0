package org.equikern.bench;

import org.equikern.device.DType;

/**
 * One workload set up on one backend and precision, as the plain {@link TimingRunner} drives it:
 * the JMH suite's own benchmark classes (their workload definitions, inputs and device waits), set
 * up by hand instead of by JMH.
 *
 * @param forward one forward call on the whole batch, returning when the device is done
 * @param forwardBackward forward then every gradient; null where the suite times forward only
 * @param release releases the device and its buffers
 */
record TimedCase(Runnable forward, Runnable forwardBackward, Runnable release) implements AutoCloseable {

    /** {@code workload} set up on {@code backend} in {@code precision} ({@code f32}/{@code f64}) at batch {@code scale}. */
    static TimedCase open(Workload workload, String backend, String precision, double scale) {
        switch (workload.kind()) {
            case CHANNEL_WISE:
            case FULLY_CONNECTED: {
                TensorProductBenchmark b = withParams(new TensorProductBenchmark(), workload, backend, precision, scale);
                b.setUp();
                return new TimedCase(b::forward, b::forwardBackward, b::tearDown);
            }
            case CONVOLUTION: {
                ConvolutionBenchmark b = withParams(new ConvolutionBenchmark(), workload, backend, precision, scale);
                b.setUp();
                return new TimedCase(b::forward, b::forwardBackward, b::tearDown);
            }
            case SYMMETRIC_CONTRACTION: {
                SymmetricContractionBenchmark b = withParams(new SymmetricContractionBenchmark(), workload, backend, precision, scale);
                b.setUp();
                return new TimedCase(b::forward, b::forwardBackward, b::tearDown);
            }
            case SPHERICAL_HARMONICS: {
                DType dtype = Precision.dtype(precision);
                HarmonicsFixture f = new HarmonicsFixture(workload, backend, dtype, scale);
                return new TimedCase(f::forward, null, f::close);
            }
            default:
                throw new IllegalArgumentException("workload kind " + workload.kind() + " has no timed case");
        }
    }

    /**
     * Sets the JMH {@code @Param} fields every device benchmark of the suite declares, by name, as
     * JMH itself does.
     */
    private static <B> B withParams(B benchmark, Workload workload, String backend, String precision, double scale) {
        try {
            Class<?> type = benchmark.getClass();
            type.getField("workload").set(benchmark, workload.id());
            type.getField("backend").set(benchmark, backend);
            type.getField("precision").set(benchmark, precision);
            type.getField("scale").setDouble(benchmark, scale);
            return benchmark;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(benchmark.getClass().getSimpleName() + " lacks a JMH parameter field", e);
        }
    }

    @Override
    public void close() {
        release.run();
    }
}
