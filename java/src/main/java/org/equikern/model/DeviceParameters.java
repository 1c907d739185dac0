package org.equikern.model;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.MemoryScope;
import org.equikern.ops.axpy.AxpyOp;
import org.equikern.train.Parameter;
import org.equikern.train.Parameters;

/**
 * Every parameter of a {@link DevicePotential}, as one flat device buffer of values and one of gradients, each
 * in the order of the host model's {@link Parameters} (parameter after parameter, each flattened as its
 * {@link Parameter#values()}): what an optimizer updates with one elementwise op. The values are the truth:
 * every evaluation first copies them, on the device, into the weights its layers read, so an update of
 * {@link #values()} is seen by the next evaluation. The gradients add up over
 * {@link DeviceTrainingEvaluation#backward} calls until {@link #zeroGradients()}.
 */
public final class DeviceParameters {
    private final AxpyOp axpy;
    private final DeviceBuffer values;
    private final DeviceBuffer gradients;
    private final Map<String, Integer> offsetByName = new LinkedHashMap<>();
    private final Map<Parameter, Integer> offsetOf = new IdentityHashMap<>();
    private final List<Slot> slots = new ArrayList<>();
    private final List<DeviceWeights> bound = new ArrayList<>();

    /** Uploads {@code parameters}' values into {@code scope} in {@code dtype}; the gradients start at zero. */
    DeviceParameters(Parameters parameters, MemoryScope scope, DType dtype, AxpyOp axpy) {
        this.axpy = axpy;
        int count = Math.toIntExact(parameters.elementCount());
        double[] flat = new double[count];
        int offset = 0;
        for (Parameter p : parameters) {
            offsetByName.put(p.name(), offset);
            offsetOf.put(p, offset);
            slots.add(new Slot(p.name(), offset, p.size()));
            System.arraycopy(p.values(), 0, flat, offset, p.size());
            offset = Math.addExact(offset, p.size());
        }
        this.values = DeviceResources.upload(scope, dtype, flat, 1);
        this.gradients = scope.allocate(dtype, count);
        gradients.zero();
    }

    /**
     * The flat values, {@link #count()} elements in the model's precision; an optimizer may update them in place.
     *
     * @return the buffer, owned by the potential
     */
    public DeviceBuffer values() {
        return values;
    }

    /**
     * The flat gradients, laid out as {@link #values()}.
     *
     * @return the buffer, owned by the potential
     */
    public DeviceBuffer gradients() {
        return gradients;
    }

    /**
     * The number of parameter elements, {@link Parameters#elementCount()} of the host model.
     *
     * @return the length of both buffers
     */
    public int count() {
        return Math.toIntExact(values.length());
    }

    /**
     * Where the parameter named {@code name} starts in both flat buffers.
     *
     * @param name a parameter name of the host model
     * @return the offset of its first element
     * @throws IllegalArgumentException for a name the model does not have
     */
    public int offset(String name) {
        Integer offset = offsetByName.get(name);
        if (offset == null) {
            throw new IllegalArgumentException("DeviceParameters.offset: no parameter '" + name + "'; known: "
                    + offsetByName.keySet());
        }
        return offset;
    }

    /**
     * Writes the flat values into {@code host}'s parameter values (one download), e.g. to save a checkpoint or
     * to evaluate the host model after training on the device.
     *
     * @param host parameters with the model's names, order and sizes, such as the host model's own
     * @throws IllegalArgumentException when {@code host} is null or its names, order or sizes differ, naming
     *     the first difference
     */
    public void copyTo(Parameters host) {
        checkLayout("copyTo", host);
        double[] flat = DeviceCall.download(values);
        int i = 0;
        for (Parameter p : host) {
            System.arraycopy(flat, slots.get(i).offset(), p.values(), 0, p.size());
            i++;
        }
    }

    /**
     * Replaces the flat values with {@code host}'s parameter values (one upload), e.g. after loading a
     * checkpoint; the next evaluation reads them.
     *
     * @param host parameters with the model's names, order and sizes
     * @throws IllegalArgumentException when {@code host} is null or its names, order or sizes differ, naming
     *     the first difference
     */
    public void copyFrom(Parameters host) {
        checkLayout("copyFrom", host);
        double[] flat = new double[count()];
        int i = 0;
        for (Parameter p : host) {
            System.arraycopy(p.values(), 0, flat, slots.get(i).offset(), p.size());
            i++;
        }
        if (values.dtype() == DType.FLOAT64) {
            values.copyFrom(flat);
        } else {
            float[] rounded = new float[flat.length];
            for (int k = 0; k < flat.length; k++) rounded[k] = (float) flat[k];
            values.copyFrom(rounded);
        }
    }

    /** {@code host} has exactly this model's parameters: the same names, in the same order, of the same sizes. */
    private void checkLayout(String method, Parameters host) {
        String call = "DeviceParameters." + method;
        if (host == null) throw new IllegalArgumentException(call + ": parameters must not be null");
        if (host.size() != slots.size()) {
            throw new IllegalArgumentException(call + ": " + host.size() + " parameters, the model has "
                    + slots.size());
        }
        int i = 0;
        for (Parameter p : host) {
            Slot slot = slots.get(i++);
            if (!slot.name().equals(p.name()) || slot.size() != p.size()) {
                throw new IllegalArgumentException(call + ": parameter " + (i - 1) + " is " + p.name() + " of "
                        + p.size() + " values, the model's is " + slot.name() + " of " + slot.size());
            }
        }
    }

    /** Sets every gradient to zero, on the device. */
    public void zeroGradients() {
        gradients.zero();
    }

    /**
     * A layer's own copy of {@code parameter} times {@code factor} (a constant after a linear map folds into
     * its weights), allocated in {@code scope} and kept equal to the flat values by {@link #refresh()}.
     */
    DeviceWeights bind(Parameter parameter, double factor, MemoryScope scope) {
        Integer offset = offsetOf.get(parameter);
        if (offset == null) {
            throw new IllegalArgumentException("DeviceParameters.bind: " + parameter + " is not a parameter of "
                    + "the model");
        }
        DeviceWeights weights = new DeviceWeights(this, scope.allocate(values.dtype(), parameter.size()), offset,
                factor);
        weights.refresh();
        bound.add(weights);
        return weights;
    }

    /** Copies the flat values into every layer's weights. */
    void refresh() {
        for (DeviceWeights weights : bound) weights.refresh();
    }

    AxpyOp axpy() {
        return axpy;
    }

    /** Where one parameter lies in the flat buffers. */
    private record Slot(String name, int offset, int size) {
    }
}
