package org.equikern.data.jets;

import java.util.List;
import org.equikern.group.lorentz.LorentzTransform;

/**
 * Jets padded to a common particle count, the layout of the jet operations
 * ({@code org.equikern.ops.jets.JetArrays}): momenta {@code [batch][particles][4]} as (E, p_x, p_y,
 * p_z), the real particles first and zeros after; {@code counts[b]} real particles in jet b; labels
 * 1 for signal, 0 for background. Immutable (accessors copy).
 */
public final class JetBatch {
    private final double[] momenta;
    private final int[] counts;
    private final double[] labels;
    private final int particles;

    private JetBatch(double[] momenta, int[] counts, double[] labels, int particles) {
        this.momenta = momenta;
        this.counts = counts;
        this.labels = labels;
        this.particles = particles;
    }

    /**
     * The jets padded to their largest constituent count.
     *
     * @param jets the jets, at least one
     * @return the batch
     * @throws IllegalArgumentException for an empty list
     */
    public static JetBatch of(List<Jet> jets) {
        if (jets.isEmpty()) throw new IllegalArgumentException("a jet batch needs at least one jet");
        int particles = jets.stream().mapToInt(Jet::count).max().orElseThrow();
        int batch = jets.size();
        double[] momenta = new double[Math.multiplyExact(Math.multiplyExact(batch, particles), 4)];
        int[] counts = new int[batch];
        double[] labels = new double[batch];
        for (int b = 0; b < batch; b++) {
            Jet jet = jets.get(b);
            System.arraycopy(jet.momenta(), 0, momenta, b * particles * 4, jet.count() * 4);
            counts[b] = jet.count();
            labels[b] = jet.signal() ? 1 : 0;
        }
        return new JetBatch(momenta, counts, labels, particles);
    }

    /**
     * The same jets with every real momentum mapped by Λ (padding stays zero).
     *
     * @param lambda the Lorentz transformation
     * @return a new batch
     */
    public JetBatch transformed(LorentzTransform lambda) {
        double[] out = new double[momenta.length];
        double[] p = new double[4];
        for (int b = 0; b < counts.length; b++) {
            for (int i = 0; i < counts[b]; i++) {
                int at = (b * particles + i) * 4;
                System.arraycopy(momenta, at, p, 0, 4);
                System.arraycopy(lambda.apply(p), 0, out, at, 4);
            }
        }
        return new JetBatch(out, counts, labels, particles);
    }

    /**
     * The number of jets.
     *
     * @return the count
     */
    public int batch() {
        return counts.length;
    }

    /**
     * The padded particle count.
     *
     * @return the count
     */
    public int particles() {
        return particles;
    }

    /**
     * Momenta {@code [batch][particles][4]} (a copy).
     *
     * @return a new array
     */
    public double[] momenta() {
        return momenta.clone();
    }

    /**
     * Real particles per jet (a copy).
     *
     * @return a new array
     */
    public int[] counts() {
        return counts.clone();
    }

    /**
     * 1 for signal, 0 for background, per jet (a copy).
     *
     * @return a new array
     */
    public double[] labels() {
        return labels.clone();
    }
}
