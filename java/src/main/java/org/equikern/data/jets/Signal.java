package org.equikern.data.jets;

/**
 * The resonance a signal jet comes from, with the spread of its jet mass; background jets for a
 * signal draw their root mass from the same distribution, so mass alone does not separate them.
 */
public enum Signal {
    /** W-like: the root splits into two light prongs (2-prong). */
    W(80.4, 4.0),
    /** Top-like: the root splits into a W-like particle and a light b prong (3-prong). */
    TOP(172.8, 8.0);

    private final double mass;
    private final double spread;

    Signal(double mass, double spread) {
        this.mass = mass;
        this.spread = spread;
    }

    /**
     * The central mass (GeV).
     *
     * @return the mass in GeV
     */
    public double mass() {
        return mass;
    }

    /**
     * The standard deviation of the root mass (GeV), the same for signal and background.
     *
     * @return the spread in GeV
     */
    public double spread() {
        return spread;
    }
}
