package org.equikern.nn;

import java.util.Arrays;

/**
 * The monomials of one correlation order of a {@link SymmetricContraction}, as flat arrays: entry
 * {@code e} adds {@code coefficient[e] · w[path[e]] · x[i1]·…·x[in]} to output component
 * {@code output[e]} of a channel, with the sorted input indices at
 * {@code index[e·n .. e·n+n)}. Output components number the concatenated target irreps of one
 * channel; paths number the weights of one element. Immutable once built.
 */
final class ContractionTable {
    final int order;
    final int size;
    final int[] index;
    final int[] output;
    final int[] path;
    final double[] coefficient;

    private ContractionTable(Builder b) {
        order = b.order;
        size = b.size;
        index = Arrays.copyOf(b.index, b.size * b.order);
        output = Arrays.copyOf(b.output, b.size);
        path = Arrays.copyOf(b.path, b.size);
        coefficient = Arrays.copyOf(b.coefficient, b.size);
    }

    /** Collects entries of one order. */
    static final class Builder {
        private final int order;
        private int size;
        private int[] index;
        private int[] output = new int[16];
        private int[] path = new int[16];
        private double[] coefficient = new double[16];

        Builder(int order) {
            this.order = order;
            this.index = new int[16 * order];
        }

        void add(int[] tuple, int outputComponent, int pathIndex, double value) {
            if (size == output.length) {
                index = Arrays.copyOf(index, 2 * size * order);
                output = Arrays.copyOf(output, 2 * size);
                path = Arrays.copyOf(path, 2 * size);
                coefficient = Arrays.copyOf(coefficient, 2 * size);
            }
            System.arraycopy(tuple, 0, index, size * order, order);
            output[size] = outputComponent;
            path[size] = pathIndex;
            coefficient[size] = value;
            size++;
        }

        ContractionTable build() {
            return new ContractionTable(this);
        }
    }
}
