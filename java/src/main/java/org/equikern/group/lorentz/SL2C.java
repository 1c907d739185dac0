package org.equikern.group.lorentz;

import java.util.Arrays;
import java.util.Random;
import org.equikern.group.Rotation;

/**
 * An immutable element of SL(2,C), the double cover of SO⁺(1,3): a complex 2×2 matrix
 * A = [[a, b], [c, d]] with det A = 1. It acts on 4-vectors through X(p) = t·1 + x·σx + y·σy + z·σz
 * ↦ A·X·A†, which is {@link #toLorentz()}; A and −A give the same Lorentz transformation.
 * Group elements are passed as SL2C rather than 4×4 matrices because the half-integer spin irreps
 * ({@link LorentzD}) need the sign.
 */
public final class SL2C {
    private static final double DET_TOLERANCE = 1e-9;

    // a = m[0] + i m[1], b = m[2] + i m[3], c = m[4] + i m[5], d = m[6] + i m[7]
    private final double[] m;

    private SL2C(double[] m) {
        this.m = m;
    }

    /**
     * The identity.
     *
     * @return the 2×2 identity
     */
    public static SL2C identity() {
        return new SL2C(new double[] {1, 0, 0, 0, 0, 0, 1, 0});
    }

    /**
     * The matrix [[a, b], [c, d]] given as a 2×2 {@link ComplexMatrix}.
     *
     * @param a the 2×2 complex matrix; copied
     * @return the element
     * @throws IllegalArgumentException unless it is 2×2 with finite entries and |det − 1| ≤ 1e-9·‖A‖²
     *     (Frobenius)
     */
    public static SL2C of(ComplexMatrix a) {
        if (a.rows() != 2 || a.cols() != 2) {
            throw new IllegalArgumentException("an SL(2,C) matrix is 2 x 2, got " + a.rows() + " x " + a.cols());
        }
        double[] m = new double[8];
        for (int e = 0; e < 4; e++) {
            m[2 * e] = a.re(e / 2, e % 2);
            m[2 * e + 1] = a.im(e / 2, e % 2);
        }
        double norm2 = 0;
        for (double v : m) {
            if (!Double.isFinite(v)) throw new IllegalArgumentException("SL(2,C) matrix has a non-finite entry");
            norm2 += v * v;
        }
        double detRe = m[0] * m[6] - m[1] * m[7] - (m[2] * m[4] - m[3] * m[5]);
        double detIm = m[0] * m[7] + m[1] * m[6] - (m[2] * m[5] + m[3] * m[4]);
        double error = Math.hypot(detRe - 1, detIm);
        if (error > DET_TOLERANCE * Math.max(norm2, 1)) {
            throw new IllegalArgumentException("det = " + detRe + (detIm < 0 ? " - " : " + ") + Math.abs(detIm)
                    + "i, not 1 (to " + DET_TOLERANCE + " times |A|^2)");
        }
        return new SL2C(m);
    }

    /**
     * Rotation by {@code angle} (radians, right-handed) about the axis (x, y, z):
     * cos(θ/2)·1 − i·sin(θ/2)·n·σ.
     *
     * @param angle the angle θ in radians
     * @param x the axis' x component
     * @param y the axis' y component
     * @param z the axis' z component
     * @return the rotation, in SU(2)
     * @throws IllegalArgumentException for a zero or non-finite axis or a non-finite angle
     */
    public static SL2C rotation(double angle, double x, double y, double z) {
        requireFinite("angle", angle);
        double[] n = unit(x, y, z);
        double s = Math.sin(angle / 2);
        return ofQuaternion(Math.cos(angle / 2), s * n[0], s * n[1], s * n[2]);
    }

    /** w·1 − i(x σx + y σy + z σz), in SU(2) for a unit quaternion (w, x, y, z). */
    private static SL2C ofQuaternion(double w, double x, double y, double z) {
        return new SL2C(new double[] {w, -z, -y, -x, y, -x, w, z});
    }

    /**
     * The pure boost of {@code rapidity} along the direction (x, y, z): cosh(η/2)·1 + sinh(η/2)·n·σ;
     * it maps the rest frame (1, 0, 0, 0) to (cosh η, sinh η · n).
     *
     * @param rapidity η, finite
     * @param x the direction's x component
     * @param y the direction's y component
     * @param z the direction's z component
     * @return the boost, Hermitian
     * @throws IllegalArgumentException for a zero or non-finite direction or a non-finite rapidity
     */
    public static SL2C boost(double rapidity, double x, double y, double z) {
        requireFinite("rapidity", rapidity);
        double[] n = unit(x, y, z);
        double c = Math.cosh(rapidity / 2);
        double s = Math.sinh(rapidity / 2);
        return new SL2C(new double[] {c + s * n[2], 0, s * n[0], -s * n[1], s * n[0], s * n[1], c - s * n[2], 0});
    }

    /**
     * A random element U1·B_z(η)·U2 with U1, U2 Haar-uniform in SU(2) and η uniform in
     * [0, maxRapidity]: a random rotation composed with a boost of rapidity η in a uniformly random
     * direction, so {@link #rapidity()} is η ≤ maxRapidity. Reproducible from the seed of {@code random}.
     *
     * @param random the source of randomness
     * @param maxRapidity the largest rapidity, finite and ≥ 0
     * @return the random element
     * @throws IllegalArgumentException unless maxRapidity is finite and ≥ 0
     */
    public static SL2C random(Random random, double maxRapidity) {
        if (!(maxRapidity >= 0) || Double.isInfinite(maxRapidity)) {
            throw new IllegalArgumentException("maxRapidity = " + maxRapidity + " must be finite and >= 0");
        }
        SL2C u1 = randomSu2(random);
        SL2C u2 = randomSu2(random);
        return u1.times(boost(maxRapidity * random.nextDouble(), 0, 0, 1)).times(u2);
    }

    /** The unit quaternion of a Haar-random rotation with a random overall sign: Haar measure on SU(2). */
    private static SL2C randomSu2(Random random) {
        double[] q = Rotation.random(random).toQuaternion();
        double sign = random.nextBoolean() ? 1 : -1;
        return ofQuaternion(sign * q[0], sign * q[1], sign * q[2], sign * q[3]);
    }

    /**
     * The element of SL(2,C) over Λ: one of the two, ±A, chosen with a continuous formula —
     * Σ_ν X(Λ e_ν)·W·σ_ν = 2·tr(A†W)·A for each W ∈ {1, σx, σy, σz}; the W with the largest result
     * is used, normalized to det 1.
     *
     * @param lambda a proper orthochronous Lorentz transformation
     * @return the element A with {@code A.toLorentz()} = Λ
     */
    public static SL2C fromLorentz(LorentzTransform lambda) {
        double[] l = lambda.matrix();
        double[] best = null;
        double bestNorm = -1;
        for (int w = 0; w < 4; w++) {
            double[] sum = new double[8];
            for (int nu = 0; nu < 4; nu++) {
                double[] column = {l[nu], l[4 + nu], l[8 + nu], l[12 + nu]};
                double[] x = Pauli.hermitian(column);
                add(sum, Pauli.multiply(Pauli.multiply(x, Pauli.SIGMA[w]), Pauli.SIGMA[nu]));
            }
            double norm = 0;
            for (double v : sum) norm += v * v;
            if (norm > bestNorm) {
                bestNorm = norm;
                best = sum;
            }
        }
        // det(2 tr(A†W) A) = (2 tr(A†W))², so dividing by one square root of the determinant gives ±A.
        double detRe = best[0] * best[6] - best[1] * best[7] - (best[2] * best[4] - best[3] * best[5]);
        double detIm = best[0] * best[7] + best[1] * best[6] - (best[2] * best[5] + best[3] * best[4]);
        double modulus = Math.sqrt(Math.hypot(detRe, detIm));
        double phase = Math.atan2(detIm, detRe) / 2;
        double sRe = Math.cos(phase) / modulus;
        double sIm = -Math.sin(phase) / modulus;
        double[] a = new double[8];
        for (int e = 0; e < 4; e++) {
            a[2 * e] = best[2 * e] * sRe - best[2 * e + 1] * sIm;
            a[2 * e + 1] = best[2 * e] * sIm + best[2 * e + 1] * sRe;
        }
        return new SL2C(a);
    }

    private static void add(double[] sum, double[] term) {
        for (int i = 0; i < sum.length; i++) sum[i] += term[i];
    }

    /**
     * The product {@code this · other}.
     *
     * @param other the right factor
     * @return the product
     */
    public SL2C times(SL2C other) {
        return new SL2C(Pauli.multiply(m, other.m));
    }

    /**
     * The inverse [[d, −b], [−c, a]].
     *
     * @return the inverse, which has determinant 1 too
     */
    public SL2C inverse() {
        return new SL2C(new double[] {m[6], m[7], -m[2], -m[3], -m[4], -m[5], m[0], m[1]});
    }

    /** The entrywise complex conjugate Ā (again in SL(2,C)). */
    SL2C conjugate() {
        return new SL2C(new double[] {m[0], -m[1], m[2], -m[3], m[4], -m[5], m[6], -m[7]});
    }

    /** The transpose Aᵀ. */
    SL2C transpose() {
        return new SL2C(new double[] {m[0], m[1], m[4], m[5], m[2], m[3], m[6], m[7]});
    }

    /**
     * The Lorentz transformation Λ(A): X(Λp) = A·X(p)·A†, i.e. Λ[μ][ν] = ½·tr(σ_μ·A·σ_ν·A†).
     *
     * @return the transformation of 4-vectors this element induces
     */
    public LorentzTransform toLorentz() {
        double[] dagger = {m[0], -m[1], m[4], -m[5], m[2], -m[3], m[6], -m[7]};
        double[] l = new double[16];
        for (int nu = 0; nu < 4; nu++) {
            double[] image = Pauli.multiply(Pauli.multiply(m, Pauli.SIGMA[nu]), dagger);
            double[] p = Pauli.components(image);
            for (int mu = 0; mu < 4; mu++) l[4 * mu + nu] = p[mu];
        }
        return LorentzTransform.trusted(l);
    }

    /**
     * The rapidity η of the boost in A = B·U (U ∈ SU(2)): ‖A‖²(Frobenius) = 2·cosh η.
     *
     * @return η ≥ 0
     */
    public double rapidity() {
        double norm2 = 0;
        for (double v : m) norm2 += v * v;
        return acosh(Math.max(1, norm2 / 2));
    }

    static double acosh(double x) {
        return Math.log(x + Math.sqrt((x - 1) * (x + 1)));
    }

    /**
     * The matrix [[a, b], [c, d]].
     *
     * @return a new 2×2 complex matrix
     */
    public ComplexMatrix matrix() {
        return ComplexMatrix.wrap(2, 2, new double[] {m[0], m[2], m[4], m[6]}, new double[] {m[1], m[3], m[5], m[7]});
    }

    /** Interleaved (re, im) entries a, b, c, d, for {@link LorentzD}. */
    double[] entries() {
        return m.clone();
    }

    private static double[] unit(double x, double y, double z) {
        double norm = Math.sqrt(x * x + y * y + z * z);
        if (!(norm > 0) || Double.isInfinite(norm)) {
            throw new IllegalArgumentException("axis (" + x + ", " + y + ", " + z + ") must be finite and non-zero");
        }
        return new double[] {x / norm, y / norm, z / norm};
    }

    private static void requireFinite(String name, double value) {
        if (!Double.isFinite(value)) throw new IllegalArgumentException(name + " = " + value + " must be finite");
    }

    @Override
    public String toString() {
        return "SL2C" + Arrays.toString(m);
    }
}
