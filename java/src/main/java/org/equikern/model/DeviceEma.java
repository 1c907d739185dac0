package org.equikern.model;

import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.ops.optimizer.OptimizerOp;

/**
 * The exponential moving average of a model's flat parameter buffer, kept on its device: the device twin
 * of {@link org.equikern.train.ExponentialMovingAverage} (same update, same optional ramp of the decay
 * (1 + n)/(10 + n)). Evaluate with {@link #shadow()} in place of the parameters; nothing is swapped and
 * nothing crosses to the host.
 */
public final class DeviceEma implements AutoCloseable {
    private final OptimizerOp op;
    private final MemoryScope scope;
    private final DeviceBuffer shadow;
    private final double decay;
    private final boolean useNumUpdates;
    private final int n;
    private long numUpdates;

    /**
     * Starts the averages at the current values of {@code params}, copied on the device.
     *
     * @param params the flat parameters, FLOAT32 or FLOAT64
     * @param decay the decay, in [0, 1]
     * @param useNumUpdates whether the decay ramps up as (1 + n)/(10 + n), as torch_ema's {@code use_num_updates}
     * @throws IllegalArgumentException for a decay out of range or a buffer longer than 2^31 − 1
     * @throws IllegalStateException when the buffer or its device is closed
     */
    public DeviceEma(DeviceBuffer params, double decay, boolean useNumUpdates) {
        if (!(decay >= 0 && decay <= 1)) {
            throw new IllegalArgumentException("DeviceEma: decay = " + decay + ": must be in [0.0, 1.0]");
        }
        if (params.length() > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("DeviceEma: params " + params.name() + " has " + params.length()
                    + " elements, more than 2^31-1");
        }
        DType dtype = params.dtype();
        this.n = (int) params.length();
        this.decay = decay;
        this.useNumUpdates = useNumUpdates;
        this.op = OptimizerOp.on(params.device(), dtype);
        this.scope = params.device().openScope();
        this.shadow = scope.allocate(dtype, n);
        shadow.zero();
        // A decay of 0 moves the zero shadow all the way to θ: 0 − (0 − θ)·1 = θ exactly.
        op.emaUpdate(0, params, shadow, n);
    }

    /**
     * Folds the current values of {@code params} into the averages.
     *
     * @param params the flat parameters the averages started from
     * @throws IllegalArgumentException for a buffer of another device, dtype or length
     */
    public void update(DeviceBuffer params) {
        long next = useNumUpdates ? numUpdates + 1 : 0;
        double d = useNumUpdates ? Math.min(decay, (1.0 + next) / (10.0 + next)) : decay;
        op.emaUpdate(d, params, shadow, n);
        numUpdates = next;
    }

    /**
     * The averages, live: pass it where the parameters go to evaluate with the averaged weights.
     *
     * @return the shadow buffer, owned by this average
     */
    public DeviceBuffer shadow() {
        return shadow;
    }

    /**
     * Updates counted so far (0 when not counting).
     *
     * @return the count
     */
    public long numUpdates() {
        return numUpdates;
    }

    /** Continues the ramp of the decay after {@code numUpdates} updates whose average was copied into the shadow. */
    void restoreNumUpdates(long numUpdates) {
        if (numUpdates < 0) {
            throw new IllegalArgumentException("DeviceEma: numUpdates = " + numUpdates + ": must be >= 0");
        }
        this.numUpdates = numUpdates;
    }

    /** Frees the shadow and the op; idempotent. */
    @Override
    public void close() {
        scope.close();
        op.close();
    }
}
