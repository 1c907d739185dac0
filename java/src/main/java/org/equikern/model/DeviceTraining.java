package org.equikern.model;

import java.util.LinkedHashMap;
import java.util.Map;
import org.equikern.data.AtomicBatch;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.train.Adam;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.EnergyForceMetrics;
import org.equikern.train.ExponentialMovingAverage;
import org.equikern.train.Optimizer;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;
import org.equikern.train.Potential;
import org.equikern.train.StoredTensor;
import org.equikern.train.TrainingSteps;

/**
 * A {@link org.equikern.train.Trainer}'s steps on a device ({@code opencl:0}, {@code cuda:0}, or {@code java} for
 * tests): the model, the Adam/AdamW moments and the moving average are uploaded once when the steps open (from
 * the host objects, so a resumed run continues), every step is a {@link DeviceTrainingStep}, and
 * {@link #syncToHost()} downloads the values, the moments and the average into the host parameters, optimizer and
 * average, whose validation and checkpoints then run on the host as before.
 */
public final class DeviceTraining implements TrainingSteps {
    private static final String[] ADAM_STATE = {"exp_avg.", "exp_avg_sq.", "max_exp_avg_sq."};

    private final DevicePotential potential;
    private final Optimizer hostOptimizer;
    private final ExponentialMovingAverage hostEma;
    private final DeviceOptimizer optimizer;
    private final DeviceEma ema;
    private final DeviceTrainingStep step;

    private DeviceTraining(DevicePotential potential, Adam hostOptimizer, ExponentialMovingAverage hostEma,
            EnergyForceLoss loss, double maxGradientNorm) {
        this.potential = potential;
        this.hostOptimizer = hostOptimizer;
        this.hostEma = hostEma;
        int n = potential.parameters().count();
        this.optimizer = hostOptimizer.decoupledWeightDecay()
                ? DeviceOptimizer.adamW(potential.device(), potential.dtype(), hostOptimizer.options(), n)
                : DeviceOptimizer.adam(potential.device(), potential.dtype(), hostOptimizer.options(), n);
        Map<String, StoredTensor> state = hostOptimizer.state();
        DeviceBuffer[] moments = optimizer.stateBuffers();
        for (int i = 0; i < moments.length; i++) upload(moments[i], flat(state, ADAM_STATE[i]));
        optimizer.restoreSteps(hostOptimizer.steps());
        if (hostEma == null) {
            this.ema = null;
        } else {
            this.ema = new DeviceEma(potential.parameters().values(), hostEma.decay(), hostEma.useNumUpdates());
            upload(ema.shadow(), flat(hostEma.state(), "shadow."));
            ema.restoreNumUpdates(hostEma.numUpdates());
        }
        this.step = new DeviceTrainingStep(potential, optimizer, ema, loss, maxGradientNorm);
    }

    /**
     * The factory a trainer opens its steps with: the model on the device named {@code deviceName} in
     * {@code dtype}, the device opened with the steps and closed with them.
     *
     * @param deviceName {@code java}, {@code opencl:N} or {@code cuda:N}
     * @param dtype FLOAT64 or FLOAT32
     * @return the factory
     */
    public static TrainingSteps.Factory on(String deviceName, DType dtype) {
        return (model, optimizer, ema, loss, maxGradientNorm) -> {
            if (!(optimizer instanceof Adam adam)) {
                throw new IllegalArgumentException("DeviceTraining: optimizer " + optimizer.getClass().getSimpleName()
                        + " has no device twin here; use Adam or AdamW");
            }
            DevicePotential potential = DevicePotential.open(model, deviceName, dtype);
            try {
                return new DeviceTraining(potential, adam, ema, loss, maxGradientNorm);
            } catch (RuntimeException | Error e) {
                potential.close();
                throw e;
            }
        };
    }

    @Override
    public double step(AtomicBatch batch, EnergyForceMetrics metrics) {
        optimizer.setLearningRate(hostOptimizer.learningRate());
        DeviceTrainingStep.Result result = step.step(batch);
        result.addTo(metrics);
        return result.loss();
    }

    /**
     * The optimizer steps of the run so far, those before a resume included.
     *
     * @return the step count
     */
    public long steps() {
        return optimizer.steps();
    }

    @Override
    public void syncToHost() {
        Parameters parameters = hostOptimizer.parameters();
        split(DeviceCall.download(potential.parameters().values()), parameters);
        Map<String, StoredTensor> state = new LinkedHashMap<>(hostOptimizer.state());
        state.put("step", StoredTensor.scalar(optimizer.steps()));
        DeviceBuffer[] moments = optimizer.stateBuffers();
        for (int i = 0; i < moments.length; i++) putPerParameter(state, ADAM_STATE[i], DeviceCall.download(moments[i]));
        hostOptimizer.loadState(state);
        if (ema != null) {
            Map<String, StoredTensor> average = new LinkedHashMap<>();
            average.put("num_updates", StoredTensor.scalar(ema.numUpdates()));
            putPerParameter(average, "shadow.", DeviceCall.download(ema.shadow()));
            hostEma.loadState(average);
        }
    }

    /** The per-parameter entries {@code prefix + name} of {@code state}, concatenated in parameter order. */
    private double[] flat(Map<String, StoredTensor> state, String prefix) {
        Parameters parameters = hostOptimizer.parameters();
        double[] out = new double[potential.parameters().count()];
        for (Parameter p : parameters) {
            double[] values = state.get(prefix + p.name()).doubles();
            System.arraycopy(values, 0, out, potential.parameters().offset(p.name()), p.size());
        }
        return out;
    }

    /** Puts {@code prefix + name} → that parameter's slice of {@code flat} into {@code state}. */
    private void putPerParameter(Map<String, StoredTensor> state, String prefix, double[] flat) {
        for (Parameter p : hostOptimizer.parameters()) {
            double[] values = new double[p.size()];
            System.arraycopy(flat, potential.parameters().offset(p.name()), values, 0, p.size());
            state.put(prefix + p.name(), StoredTensor.f64(p.shape(), values));
        }
    }

    /** Copies each parameter's slice of {@code flat} into its host values. */
    private void split(double[] flat, Parameters parameters) {
        for (Parameter p : parameters) {
            System.arraycopy(flat, potential.parameters().offset(p.name()), p.values(), 0, p.size());
        }
    }

    /** Writes {@code values} into {@code buffer} in its precision (one upload). */
    private static void upload(DeviceBuffer buffer, double[] values) {
        if (buffer.dtype() == DType.FLOAT64) {
            buffer.copyFrom(values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) f[i] = (float) values[i];
            buffer.copyFrom(f);
        }
    }

    /** Frees the step, the optimizer state, the average and the potential with its device; idempotent. */
    @Override
    public void close() {
        step.close();
        if (ema != null) ema.close();
        optimizer.close();
        potential.close();
    }
}
