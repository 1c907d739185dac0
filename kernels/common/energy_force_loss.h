/*
 * The energy + force training loss (org.equikern.ops.loss.EnergyForceLossOp), term for term the
 * host's org.equikern.train.EnergyForceLoss and EnergyForceMetrics:
 *   L = w_E * mean_s rho(E_s/n_s - Eref_s/n_s) + w_F * mean_k rho(F_k - Fref_k)
 * with rho(x) = x^2 (huber = 0) or PyTorch's Huber function with threshold delta (huber = 1).
 * The gradients are elementwise (one work item per structure or force component); the sums are
 * reduction.h's two-level sums, three per sample (|metric error|, its square, rho of the loss
 * residual), then one work item combines them into sums[5] = {L, energy abs, energy sq, force abs,
 * force sq}, the only buffer a training step downloads.
 */
#ifndef EQUIKERN_ENERGY_FORCE_LOSS_H
#define EQUIKERN_ENERGY_FORCE_LOSS_H

#include "prelude.h"
#include "reduction.h"

#if defined(__OPENCL_VERSION__)
/* No fused multiply-adds: each product and sum rounds as in the host's Java arithmetic. */
#pragma OPENCL FP_CONTRACT OFF
#endif

/* rho(r): r^2, or 0.5 r^2 below delta and delta (|r| - 0.5 delta) above. */
DEVICE_FN REAL loss_rho(const int huber, const REAL delta, const REAL r) {
    if (!huber) {
        return r * r;
    }
    const REAL z = fabs(r);
    return z < delta ? (REAL) 0.5 * z * z : delta * (z - (REAL) 0.5 * delta);
}

/* rho'(r): 2 r, or r clamped to [-delta, delta]. */
DEVICE_FN REAL loss_rho_prime(const int huber, const REAL delta, const REAL r) {
    if (!huber) {
        return (REAL) 2 * r;
    }
    return fmax(-delta, fmin(delta, r));
}

/* gradE[i] = w_E * rho'(E_i/n_i - Eref_i/n_i) / S / n_i, one item per structure. */
KERNEL void energy_gradient(const int structures, const REAL weight, const int huber, const REAL delta,
                            const GLOBAL int *RESTRICT num_atoms, const GLOBAL REAL *RESTRICT pred,
                            const GLOBAL REAL *RESTRICT ref, GLOBAL REAL *RESTRICT grad) {
    const INDEX i = GLOBAL_ID(0);
    if (i < structures) {
        const REAL n = (REAL) num_atoms[i];
        const REAL r = pred[i] / n - ref[i] / n;
        grad[i] = weight * loss_rho_prime(huber, delta, r) / (REAL) structures / n;
    }
}

/* gradF[k] = w_F * rho'(F_k - Fref_k) / (3N), one item per component. */
KERNEL void force_gradient(const int components, const REAL weight, const int huber, const REAL delta,
                           const GLOBAL REAL *RESTRICT pred, const GLOBAL REAL *RESTRICT ref,
                           GLOBAL REAL *RESTRICT grad) {
    const INDEX k = GLOBAL_ID(0);
    if (k < components) {
        grad[k] = weight * loss_rho_prime(huber, delta, pred[k] - ref[k]) / (REAL) components;
    }
}

/*
 * First pass of the energy sums over a slice of structures: element 0 sums |(E - Eref)/n|,
 * element 1 its square, element 2 rho(E/n - Eref/n); into partial[slice, element].
 */
KERNEL void energy_sums(const int structures, const int slices, const int chunk, const int huber, const REAL delta,
                        const GLOBAL int *RESTRICT num_atoms, const GLOBAL REAL *RESTRICT pred,
                        const GLOBAL REAL *RESTRICT ref, GLOBAL REAL *RESTRICT partial) {
    int element, first, end;
    if (!slice_item(3, slices, chunk, structures, &element, &first, &end)) {
        return;
    }
    REAL s = (REAL) 0;
    for (int i = first; i < end; ++i) {
        const REAL n = (REAL) num_atoms[i];
        const REAL error = (pred[i] - ref[i]) / n;
        if (element == 0) {
            s += fabs(error);
        } else if (element == 1) {
            s += error * error;
        } else {
            s += loss_rho(huber, delta, pred[i] / n - ref[i] / n);
        }
    }
    partial[GLOBAL_ID(0)] = s;
}

/*
 * First pass of the force sums over a slice of components: element 0 sums |F - Fref|, element 1
 * its square, element 2 rho(F - Fref); into partial[slice, element].
 */
KERNEL void force_sums(const int components, const int slices, const int chunk, const int huber, const REAL delta,
                       const GLOBAL REAL *RESTRICT pred, const GLOBAL REAL *RESTRICT ref,
                       GLOBAL REAL *RESTRICT partial) {
    int element, first, end;
    if (!slice_item(3, slices, chunk, components, &element, &first, &end)) {
        return;
    }
    REAL s = (REAL) 0;
    for (int k = first; k < end; ++k) {
        const REAL r = pred[k] - ref[k];
        if (element == 0) {
            s += fabs(r);
        } else if (element == 1) {
            s += r * r;
        } else {
            s += loss_rho(huber, delta, r);
        }
    }
    partial[GLOBAL_ID(0)] = s;
}

/* sums = {w_E * (energy rho / S) + w_F * (force rho / 3N), energy abs, energy sq, force abs, force sq}. */
KERNEL void loss_combine(const int structures, const int components, const REAL energy_weight,
                         const REAL forces_weight, const GLOBAL REAL *RESTRICT energy,
                         const GLOBAL REAL *RESTRICT force, GLOBAL REAL *RESTRICT sums) {
    if (GLOBAL_ID(0) == 0) {
        sums[0] = energy_weight * (energy[2] / (REAL) structures) + forces_weight * (force[2] / (REAL) components);
        sums[1] = energy[0];
        sums[2] = energy[1];
        sums[3] = force[0];
        sums[4] = force[1];
    }
}

#endif /* EQUIKERN_ENERGY_FORCE_LOSS_H */
