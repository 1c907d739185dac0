package org.equikern.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A named parameter set: an ordered map from name to {@link Parameter} (values, shape, gradient).
 * Iteration follows the order of {@link #add}, so optimizers, clipping and saved files see the
 * parameters in one deterministic order.
 */
public final class Parameters implements Iterable<Parameter> {
    private final Map<String, Parameter> byName = new LinkedHashMap<>();

    /**
     * Adds a parameter with a copy of {@code values} and a zero gradient.
     *
     * @param name the name, e.g. {@code net.weight}
     * @param shape the shape; its product is {@code values.length}
     * @param values the initial values; copied
     * @return the parameter
     * @throws IllegalArgumentException for an empty or repeated name, or values that do not fill the shape
     */
    public Parameter add(String name, int[] shape, double[] values) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a parameter name must not be empty");
        }
        if (byName.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' is already defined as " + byName.get(name));
        }
        try {
            StoredTensor.checkCount(shape, values.length);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("parameter '" + name + "': " + e.getMessage(), e);
        }
        Parameter p = new Parameter(name, shape, values);
        byName.put(name, p);
        return p;
    }

    /**
     * The parameter named {@code name}; the exception lists the names there are.
     *
     * @param name the name
     * @return the parameter
     * @throws IllegalArgumentException for an unknown name
     */
    public Parameter get(String name) {
        Parameter p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter named '" + name + "'; defined: " + byName.keySet());
        }
        return p;
    }

    /**
     * Whether a parameter has this name.
     *
     * @param name the name
     * @return true when present
     */
    public boolean contains(String name) {
        return byName.containsKey(name);
    }

    /**
     * The number of parameters (not elements).
     *
     * @return the count
     */
    public int size() {
        return byName.size();
    }

    /**
     * The names, in order.
     *
     * @return an unmodifiable list
     */
    public List<String> names() {
        return Collections.unmodifiableList(new ArrayList<>(byName.keySet()));
    }

    /**
     * The total number of elements over all parameters.
     *
     * @return the count
     */
    public long elementCount() {
        long n = 0;
        for (Parameter p : this) {
            n += p.size();
        }
        return n;
    }

    /** Sets every gradient to zero. */
    public void zeroGrad() {
        for (Parameter p : this) {
            Arrays.fill(p.grad(), 0.0);
        }
    }

    /**
     * The values as F64 tensors, in order (to save with {@link Safetensors}).
     *
     * @return a new map of new tensors, in order
     */
    public Map<String, StoredTensor> toTensors() {
        Map<String, StoredTensor> out = new LinkedHashMap<>();
        for (Parameter p : this) {
            out.put(p.name(), StoredTensor.f64(p.shape(), p.values()));
        }
        return out;
    }

    /**
     * Overwrites the values from {@code tensors} (F64, or F32 widened), which must hold exactly
     * these names with these shapes; nothing changes when they do not.
     *
     * @param tensors the tensors by name
     * @throws IllegalArgumentException naming a missing, extra or misshapen tensor
     */
    public void load(Map<String, StoredTensor> tensors) {
        for (Parameter p : this) {
            StoredTensor t = tensors.get(p.name());
            if (t == null) {
                throw new IllegalArgumentException("no tensor for parameter '" + p.name() + "'; given: " + tensors.keySet());
            }
            if (!Arrays.equals(t.shape(), p.shape())
                    || (t.dtype() != TensorDtype.F64 && t.dtype() != TensorDtype.F32)) {
                throw new IllegalArgumentException("parameter " + p + " cannot take tensor " + t);
            }
        }
        for (String name : tensors.keySet()) {
            if (!byName.containsKey(name)) {
                throw new IllegalArgumentException("tensor '" + name + "' matches no parameter; defined: " + byName.keySet());
            }
        }
        for (Parameter p : this) {
            double[] v = tensors.get(p.name()).doubles();
            System.arraycopy(v, 0, p.values(), 0, v.length);
        }
    }

    @Override
    public Iterator<Parameter> iterator() {
        return Collections.unmodifiableCollection(byName.values()).iterator();
    }
}
