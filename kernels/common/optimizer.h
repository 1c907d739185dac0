/*
 * The optimizer updates of a model whose parameters and gradients are one flat buffer each
 * (org.equikern.ops.optimizer.OptimizerOp): Adam / AdamW (amsgrad), SGD with momentum, the EMA of
 * the weights, and clipping by the global norm. Each elementwise kernel is the host optimizer's
 * formula (org.equikern.train.Adam, SGD, ExponentialMovingAverage, GradientClipping) term for term,
 * with the per-step scalars (bias corrections, decay factors) computed once on the host in double.
 * One work item per element; launches are padded, so every item guards its id.
 */
#ifndef EQUIKERN_OPTIMIZER_H
#define EQUIKERN_OPTIMIZER_H

#include "prelude.h"
#include "reduction.h"

#if defined(__OPENCL_VERSION__)
/* No fused multiply-adds: each product and sum rounds as in the host's Java arithmetic. */
#pragma OPENCL FP_CONTRACT OFF
#endif

/*
 * One Adam element: weight decay (decoupled: theta scaled by `decay` = 1 - lr * wd; else L2 on the
 * gradient), the moments, then theta -= step_size * m / (sqrt(second) / bc2_sqrt + eps). `v_max`
 * is the AMSGrad running maximum, or null.
 */
DEVICE_FN void adam_element(const INDEX i, const int decoupled, const REAL weight_decay, const REAL decay,
                            const REAL one_minus_beta1, const REAL beta2, const REAL one_minus_beta2,
                            const REAL step_size, const REAL bc2_sqrt, const REAL eps, GLOBAL REAL *RESTRICT theta,
                            const GLOBAL REAL *RESTRICT grad, GLOBAL REAL *RESTRICT m, GLOBAL REAL *RESTRICT v,
                            GLOBAL REAL *RESTRICT v_max) {
    REAL g = grad[i];
    REAL t = theta[i];
    if (decoupled) {
        t = t * decay;
    } else if (weight_decay != (REAL) 0) {
        g = g + weight_decay * t;
    }
    const REAL m_new = m[i] + one_minus_beta1 * (g - m[i]);
    const REAL v_new = v[i] * beta2 + one_minus_beta2 * (g * g);
    m[i] = m_new;
    v[i] = v_new;
    REAL second = v_new;
    if (v_max) {
        second = v_max[i] > v_new ? v_max[i] : v_new;
        v_max[i] = second;
    }
    const REAL denom = sqrt(second) / bc2_sqrt + eps;
    theta[i] = t + -step_size * (m_new / denom);
}

KERNEL void adam(const int n, const int decoupled, const REAL weight_decay, const REAL decay,
                 const REAL one_minus_beta1, const REAL beta2, const REAL one_minus_beta2, const REAL step_size,
                 const REAL bc2_sqrt, const REAL eps, GLOBAL REAL *RESTRICT theta, const GLOBAL REAL *RESTRICT grad,
                 GLOBAL REAL *RESTRICT m, GLOBAL REAL *RESTRICT v) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        adam_element(i, decoupled, weight_decay, decay, one_minus_beta1, beta2, one_minus_beta2, step_size, bc2_sqrt,
                     eps, theta, grad, m, v, 0);
    }
}

KERNEL void adam_amsgrad(const int n, const int decoupled, const REAL weight_decay, const REAL decay,
                         const REAL one_minus_beta1, const REAL beta2, const REAL one_minus_beta2,
                         const REAL step_size, const REAL bc2_sqrt, const REAL eps, GLOBAL REAL *RESTRICT theta,
                         const GLOBAL REAL *RESTRICT grad, GLOBAL REAL *RESTRICT m, GLOBAL REAL *RESTRICT v,
                         GLOBAL REAL *RESTRICT v_max) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        adam_element(i, decoupled, weight_decay, decay, one_minus_beta1, beta2, one_minus_beta2, step_size, bc2_sqrt,
                     eps, theta, grad, m, v, v_max);
    }
}

/* Plain SGD: theta -= lr * (g + wd * theta). */
KERNEL void sgd(const int n, const REAL lr, const REAL weight_decay, GLOBAL REAL *RESTRICT theta,
                const GLOBAL REAL *RESTRICT grad) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        REAL g = grad[i];
        if (weight_decay != (REAL) 0) {
            g = g + weight_decay * theta[i];
        }
        theta[i] = theta[i] + -lr * g;
    }
}

/*
 * SGD with momentum: b = g at the first step (first != 0), else momentum * b + (1 - dampening) * g;
 * the step follows g + momentum * b with Nesterov, else b.
 */
KERNEL void sgd_momentum(const int n, const REAL lr, const REAL weight_decay, const REAL momentum,
                         const REAL one_minus_dampening, const int first, const int nesterov,
                         GLOBAL REAL *RESTRICT theta, const GLOBAL REAL *RESTRICT grad, GLOBAL REAL *RESTRICT buf) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        REAL g = grad[i];
        if (weight_decay != (REAL) 0) {
            g = g + weight_decay * theta[i];
        }
        const REAL b = first ? g : buf[i] * momentum + one_minus_dampening * g;
        buf[i] = b;
        g = nesterov ? g + momentum * b : b;
        theta[i] = theta[i] + -lr * g;
    }
}

/* The EMA of the weights: shadow -= (shadow - theta) * (1 - decay). */
KERNEL void ema_update(const int n, const REAL one_minus_decay, const GLOBAL REAL *RESTRICT theta,
                       GLOBAL REAL *RESTRICT shadow) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        shadow[i] = shadow[i] - (shadow[i] - theta[i]) * one_minus_decay;
    }
}

/*
 * First pass of the squared 2-norm of g[n] (reduction.h with one sum): each slice's sum of squares
 * in element order into partial[slice].
 */
KERNEL void sum_squares(const int n, const int slices, const int chunk, const GLOBAL REAL *RESTRICT g,
                        GLOBAL REAL *RESTRICT partial) {
    int element, first, end;
    if (!slice_item(1, slices, chunk, n, &element, &first, &end)) {
        return;
    }
    REAL s = (REAL) 0;
    for (int k = first; k < end; ++k) {
        s += g[k] * g[k];
    }
    partial[GLOBAL_ID(0)] = s;
}

/* norm[0] = sqrt(norm[0]): the total norm from its square, by one work item. */
KERNEL void square_root(GLOBAL REAL *RESTRICT norm) {
    if (GLOBAL_ID(0) == 0) {
        norm[0] = sqrt(norm[0]);
    }
}

/*
 * g *= c for c = max_norm / (norm + 1e-6) unless c >= 1, as torch.nn.utils.clip_grad_norm_: a NaN
 * norm gives a NaN c, which propagates into g.
 */
KERNEL void clip_scale(const int n, const REAL max_norm, const GLOBAL REAL *RESTRICT norm, GLOBAL REAL *RESTRICT g) {
    const INDEX i = GLOBAL_ID(0);
    if (i < n) {
        const REAL c = max_norm / (norm[0] + (REAL) 1e-6);
        if (!(c >= (REAL) 1)) {
            g[i] = g[i] * c;
        }
    }
}

#endif /* EQUIKERN_OPTIMIZER_H */
