package org.equikern.model;

/**
 * The edges of a batch as the layers read them: message {@code e} goes from {@code senders[e]} to
 * {@code receivers[e]}. Arrays are shared, not copied; nobody writes them.
 */
record Graph(int atoms, int[] senders, int[] receivers) {
    int edges() {
        return senders.length;
    }
}
