package org.equikern.data;

import java.util.Arrays;
import java.util.Comparator;

/** Growable columns of neighbour-list edges; sorts one receiver's edges at a time. */
final class EdgeBuffer {
    /** Largest edge count whose {@code edges × 3} arrays still fit a Java array. */
    static final int MAX_EDGES = (Integer.MAX_VALUE - 8) / 3;

    int size;
    int[] senders = new int[64];
    int[] receivers = new int[64];
    int[] shifts = new int[3 * 64];
    double[] vectors = new double[3 * 64];
    double[] cartesianShifts = new double[3 * 64];
    double[] distances = new double[64];

    void add(int sender, int receiver, int[] shift, double[] vector, double[] cartesianShift, double distance) {
        if (size == senders.length) {
            grow();
        }
        senders[size] = sender;
        receivers[size] = receiver;
        System.arraycopy(shift, 0, shifts, 3 * size, 3);
        System.arraycopy(vector, 0, vectors, 3 * size, 3);
        System.arraycopy(cartesianShift, 0, cartesianShifts, 3 * size, 3);
        distances[size] = distance;
        size++;
    }

    private void grow() {
        if (size >= MAX_EDGES) {
            throw new IllegalArgumentException("neighbour list: more than " + MAX_EDGES
                    + " edges; lower the cutoff or split the batch");
        }
        int capacity = (int) Math.min(MAX_EDGES, 2L * size);
        senders = Arrays.copyOf(senders, capacity);
        receivers = Arrays.copyOf(receivers, capacity);
        shifts = Arrays.copyOf(shifts, 3 * capacity);
        vectors = Arrays.copyOf(vectors, 3 * capacity);
        cartesianShifts = Arrays.copyOf(cartesianShifts, 3 * capacity);
        distances = Arrays.copyOf(distances, capacity);
    }

    /** Orders edges {@code [from, size)} by sender, then shift (lexicographic). */
    void sortTail(int from) {
        int n = size - from;
        if (n < 2) {
            return;
        }
        Integer[] order = new Integer[n];
        for (int k = 0; k < n; k++) {
            order[k] = from + k;
        }
        Arrays.sort(order, Comparator.<Integer>comparingInt(e -> senders[e])
                .thenComparingInt(e -> shifts[3 * e])
                .thenComparingInt(e -> shifts[3 * e + 1])
                .thenComparingInt(e -> shifts[3 * e + 2]));
        permute(senders, order, from, 1);
        permute(receivers, order, from, 1);
        permute(shifts, order, from, 3);
        permute(vectors, order, from, 3);
        permute(cartesianShifts, order, from, 3);
        permute(distances, order, from, 1);
    }

    private static void permute(Object array, Integer[] order, int from, int width) {
        Object copy = copyRange(array, width * from, width * (from + order.length));
        for (int k = 0; k < order.length; k++) {
            System.arraycopy(copy, width * (order[k] - from), array, width * (from + k), width);
        }
    }

    private static Object copyRange(Object array, int start, int end) {
        if (array instanceof int[]) {
            return Arrays.copyOfRange((int[]) array, start, end);
        }
        return Arrays.copyOfRange((double[]) array, start, end);
    }
}
