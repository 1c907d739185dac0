package org.equikern.train;

import java.util.Arrays;

/**
 * One named parameter: its shape, its values and its gradient, both flat row-major arrays of the
 * same length. The arrays are live: a model writes the gradient into {@link #grad()}, an optimizer
 * updates {@link #values()} in place.
 */
public final class Parameter {
    private final String name;
    private final int[] shape;
    private final double[] values;
    private final double[] grad;

    Parameter(String name, int[] shape, double[] values) {
        this.name = name;
        this.shape = shape.clone();
        this.values = values.clone();
        this.grad = new double[values.length];
    }

    /**
     * The name, unique within its {@link Parameters}.
     *
     * @return the name
     */
    public String name() {
        return name;
    }

    /**
     * The shape (a copy).
     *
     * @return a new array
     */
    public int[] shape() {
        return shape.clone();
    }

    /**
     * The number of elements.
     *
     * @return the element count
     */
    public int size() {
        return values.length;
    }

    /**
     * The values, live.
     *
     * @return the array itself
     */
    public double[] values() {
        return values;
    }

    /**
     * The gradient, live.
     *
     * @return the array itself
     */
    public double[] grad() {
        return grad;
    }

    /** For example {@code layer.0.weight[16, 8]}. */
    @Override
    public String toString() {
        return name + Arrays.toString(shape);
    }
}
