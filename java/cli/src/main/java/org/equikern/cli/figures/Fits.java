package org.equikern.cli.figures;

/** The statistics the figures print: a power-law fit on log-log axes and Pearson's correlation. */
public final class Fits {
    private Fits() {
    }

    /** y ≈ prefactor · x^slope, fitted by least squares on (log x, log y). */
    public record PowerLaw(double slope, double prefactor) {
        /** The fitted value at {@code x}. */
        public double at(double x) {
            return prefactor * Math.pow(x, slope);
        }
    }

    /** The least-squares power law through the points of {@code series} (at least two distinct positive x). */
    public static PowerLaw powerLaw(Series series) {
        series.requirePositive();
        double[] lx = logs(series.x());
        double[] ly = logs(series.y());
        double mx = mean(lx);
        double my = mean(ly);
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < lx.length; i++) {
            sxx += (lx[i] - mx) * (lx[i] - mx);
            sxy += (lx[i] - mx) * (ly[i] - my);
        }
        if (sxx == 0) {
            throw new IllegalArgumentException("series '" + series.name() + "': a power-law fit needs at least two "
                    + "distinct x values");
        }
        double slope = sxy / sxx;
        return new PowerLaw(slope, Math.exp(my - slope * mx));
    }

    /** Pearson's correlation of the x and y of {@code series}; NaN when either is constant. */
    public static double correlation(Series series) {
        double[] x = series.x();
        double[] y = series.y();
        double mx = mean(x);
        double my = mean(y);
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
            sxy += (x[i] - mx) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }

    private static double[] logs(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.log(v[i]);
        }
        return out;
    }

    private static double mean(double[] v) {
        double sum = 0;
        for (double d : v) {
            sum += d;
        }
        return sum / v.length;
    }
}
