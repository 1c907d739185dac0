/*
 * The scalar activations of org.equikern.nn.Activation and their first and second derivatives, by
 * ordinal, shared by the gate and the norm activation.
 */
#ifndef EQUIKERN_ACTIVATION_H
#define EQUIKERN_ACTIVATION_H

#include "prelude.h"

/* Activation ordinals, in org.equikern.nn.Activation's order. */
#define ACT_IDENTITY 0
#define ACT_SILU 1
#define ACT_TANH 2
#define ACT_SIGMOID 3
#define ACT_RELU 4
#define ACT_ABS 5

/* The logistic function without overflow for either sign. */
DEVICE_FN REAL activation_logistic(const REAL z) {
    if (z >= (REAL) 0) {
        return (REAL) 1 / ((REAL) 1 + exp(-z));
    }
    const REAL e = exp(z);
    return e / ((REAL) 1 + e);
}

DEVICE_FN REAL activation_value(const int kind, const REAL z) {
    switch (kind) {
        case ACT_SILU: return z * activation_logistic(z);
        case ACT_TANH: return tanh(z);
        case ACT_SIGMOID: return activation_logistic(z);
        case ACT_RELU: return z > (REAL) 0 ? z : (REAL) 0;
        case ACT_ABS: return fabs(z);
        default: return z;
    }
}

/* Derivatives at kinks as PyTorch's autograd: relu'(0) = abs'(0) = 0. */
DEVICE_FN REAL activation_derivative(const int kind, const REAL z) {
    switch (kind) {
        case ACT_SILU: {
            const REAL s = activation_logistic(z);
            return s * ((REAL) 1 + z * ((REAL) 1 - s));
        }
        case ACT_TANH: {
            const REAL t = tanh(z);
            return (REAL) 1 - t * t;
        }
        case ACT_SIGMOID: {
            const REAL s = activation_logistic(z);
            return s * ((REAL) 1 - s);
        }
        case ACT_RELU: return z > (REAL) 0 ? (REAL) 1 : (REAL) 0;
        case ACT_ABS: return z > (REAL) 0 ? (REAL) 1 : (z < (REAL) 0 ? (REAL) -1 : (REAL) 0);
        default: return (REAL) 1;
    }
}

/*
 * Second derivatives as org.equikern.nn.Activation.secondDerivative (0 at the kinks of relu and
 * abs, as PyTorch's double backward); tanh'' uses 1/cosh^2, which does not cancel for large |z|.
 */
DEVICE_FN REAL activation_second_derivative(const int kind, const REAL z) {
    switch (kind) {
        case ACT_SILU: {
            const REAL s = activation_logistic(z);
            return s * ((REAL) 1 - s) * ((REAL) 2 + z * ((REAL) 1 - (REAL) 2 * s));
        }
        case ACT_TANH: {
            const REAL c = cosh(z);
            return (REAL) -2 * tanh(z) / (c * c);
        }
        case ACT_SIGMOID: {
            const REAL s = activation_logistic(z);
            return s * ((REAL) 1 - s) * ((REAL) 1 - (REAL) 2 * s);
        }
        default: return (REAL) 0;
    }
}

#endif /* EQUIKERN_ACTIVATION_H */
