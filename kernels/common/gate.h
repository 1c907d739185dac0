/*
 * e3nn's nn.Gate forward and input gradient, table driven from org.equikern.nn.GateLayout
 * (tables built by the GateTables of its op package; keep the field positions in sync). One work
 * item per (sample, channel), where the channels are the scalars, then the gates:
 *
 *   scalar (GATED_DIM = 0): out[OUTPUT] = c·f(x[ACT_INPUT])
 *   gate:                   out[OUTPUT + i] = c·f(x[ACT_INPUT])·x[GATED_INPUT + i], i < GATED_DIM
 *
 * with f the activation of ordinal ACTIVATION (org.equikern.nn.Activation) and c its constant.
 * Scalars, gates and gated components partition the input, so the backward item of a channel
 * writes each of its input entries exactly once.
 *
 * The second-order kernels differentiate forward and backward along an input tangent xd (and an
 * output-gradient tangent gd), as org.equikern.nn.GateArithmetic: for a gated copy y_i = G(z) x_i,
 *   yd_i = G'(z) zd x_i + G(z) xd_i,
 *   gxd_i = G' zd g_i + G gd_i,   gzd = G'' zd sum x_i g_i + G' sum (xd_i g_i + x_i gd_i),
 * and for a scalar y = F(x): yd = F' xd, gxd = F'' xd g + F' gd (G, F include the constant c).
 */
#ifndef EQUIKERN_GATE_H
#define EQUIKERN_GATE_H

#include "prelude.h"
#include "activation.h"

/* channel record */
#define GC_ACT_INPUT 0
#define GC_ACTIVATION 1
#define GC_GATED_INPUT 2
#define GC_OUTPUT 3
#define GC_GATED_DIM 4
#define GC_STRIDE 5

/* c·f(z) for channel c: f its activation, c that activation's constant. */
DEVICE_FN REAL gate_value(const GLOBAL int *ch, const GLOBAL REAL *act_constant, const int c, const REAL z) {
    return act_constant[c] * activation_value(ch[GC_ACTIVATION], z);
}

/* c·f'(z) for channel c, the derivative of gate_value. */
DEVICE_FN REAL gate_derivative(const GLOBAL int *ch, const GLOBAL REAL *act_constant, const int c, const REAL z) {
    return act_constant[c] * activation_derivative(ch[GC_ACTIVATION], z);
}

/* This work item's (sample b, channel c) and c's record; 0 for the items that pad the launch. */
DEVICE_FN const GLOBAL int *gate_item(const int batch, const int channels, const GLOBAL int *channel, int *b,
                                      int *c) {
    return grid_item(batch, channels, b, c) ? channel + GC_STRIDE * *c : 0;
}

KERNEL void gate_forward(const int batch, const int dim_in, const int dim_out, const int channels,
                         const GLOBAL int *RESTRICT channel,
                         const GLOBAL REAL *RESTRICT act_constant,
                         const GLOBAL REAL *RESTRICT x,
                         GLOBAL REAL *RESTRICT out) {
    int b, c;
    const GLOBAL int *ch = gate_item(batch, channels, channel, &b, &c);
    if (!ch) {
        return;
    }
    const GLOBAL REAL *xb = x + (INDEX) b * dim_in;
    GLOBAL REAL *ob = out + (INDEX) b * dim_out + ch[GC_OUTPUT];
    const REAL g = gate_value(ch, act_constant, c, xb[ch[GC_ACT_INPUT]]);
    const int n = ch[GC_GATED_DIM];
    if (n == 0) {
        ob[0] = g;
        return;
    }
    const GLOBAL REAL *xg = xb + ch[GC_GATED_INPUT];
    for (int i = 0; i < n; ++i) {
        ob[i] = g * xg[i];
    }
}

KERNEL void gate_backward(const int batch, const int dim_in, const int dim_out, const int channels,
                          const GLOBAL int *RESTRICT channel,
                          const GLOBAL REAL *RESTRICT act_constant,
                          const GLOBAL REAL *RESTRICT x,
                          const GLOBAL REAL *RESTRICT grad_out,
                          GLOBAL REAL *RESTRICT grad_x) {
    int b, c;
    const GLOBAL int *ch = gate_item(batch, channels, channel, &b, &c);
    if (!ch) {
        return;
    }
    const GLOBAL REAL *xb = x + (INDEX) b * dim_in;
    const GLOBAL REAL *gb = grad_out + (INDEX) b * dim_out + ch[GC_OUTPUT];
    GLOBAL REAL *gxb = grad_x + (INDEX) b * dim_in;
    const int kind = ch[GC_ACTIVATION];
    const REAL z = xb[ch[GC_ACT_INPUT]];
    const int n = ch[GC_GATED_DIM];
    REAL upstream = gb[0];
    if (n > 0) {
        const REAL g = gate_value(ch, act_constant, c, z);
        const GLOBAL REAL *xg = xb + ch[GC_GATED_INPUT];
        GLOBAL REAL *gxg = gxb + ch[GC_GATED_INPUT];
        upstream = (REAL) 0;
        for (int i = 0; i < n; ++i) {
            upstream += gb[i] * xg[i];
            gxg[i] = g * gb[i];
        }
    }
    gxb[ch[GC_ACT_INPUT]] = upstream * act_constant[c] * activation_derivative(kind, z);
}

KERNEL void gate_tangent(const int batch, const int dim_in, const int dim_out, const int channels,
                         const GLOBAL int *RESTRICT channel,
                         const GLOBAL REAL *RESTRICT act_constant,
                         const GLOBAL REAL *RESTRICT x,
                         const GLOBAL REAL *RESTRICT x_dot,
                         GLOBAL REAL *RESTRICT out_dot) {
    int b, c;
    const GLOBAL int *ch = gate_item(batch, channels, channel, &b, &c);
    if (!ch) {
        return;
    }
    const INDEX row = (INDEX) b * dim_in;
    const int zi = ch[GC_ACT_INPUT];
    const REAL z = x[row + zi];
    const REAL g_dot = gate_derivative(ch, act_constant, c, z) * x_dot[row + zi];
    GLOBAL REAL *ob = out_dot + (INDEX) b * dim_out + ch[GC_OUTPUT];
    const int n = ch[GC_GATED_DIM];
    if (n == 0) {
        ob[0] = g_dot;
        return;
    }
    const REAL g = gate_value(ch, act_constant, c, z);
    const GLOBAL REAL *xg = x + row + ch[GC_GATED_INPUT];
    const GLOBAL REAL *xg_dot = x_dot + row + ch[GC_GATED_INPUT];
    for (int i = 0; i < n; ++i) {
        ob[i] = g_dot * xg[i] + g * xg_dot[i];
    }
}

KERNEL void gate_tangent_backward(const int batch, const int dim_in, const int dim_out, const int channels,
                                  const GLOBAL int *RESTRICT channel,
                                  const GLOBAL REAL *RESTRICT act_constant,
                                  const GLOBAL REAL *RESTRICT x,
                                  const GLOBAL REAL *RESTRICT x_dot,
                                  const GLOBAL REAL *RESTRICT grad_out,
                                  const GLOBAL REAL *RESTRICT grad_out_dot,
                                  GLOBAL REAL *RESTRICT grad_x_dot) {
    int b, c;
    const GLOBAL int *ch = gate_item(batch, channels, channel, &b, &c);
    if (!ch) {
        return;
    }
    const INDEX row = (INDEX) b * dim_in;
    const INDEX out_row = (INDEX) b * dim_out + ch[GC_OUTPUT];
    const int zi = ch[GC_ACT_INPUT];
    const REAL z = x[row + zi];
    const REAL z_dot = x_dot[row + zi];
    const REAL g1 = gate_derivative(ch, act_constant, c, z);
    const REAL g2 = act_constant[c] * activation_second_derivative(ch[GC_ACTIVATION], z);
    const int n = ch[GC_GATED_DIM];
    if (n == 0) {
        grad_x_dot[row + zi] = g2 * z_dot * grad_out[out_row] + g1 * grad_out_dot[out_row];
        return;
    }
    const REAL g = gate_value(ch, act_constant, c, z);
    const INDEX from = row + ch[GC_GATED_INPUT];
    REAL xg = (REAL) 0;
    REAL mixed = (REAL) 0;
    for (int i = 0; i < n; ++i) {
        const REAL go = grad_out[out_row + i];
        const REAL go_dot = grad_out_dot[out_row + i];
        grad_x_dot[from + i] = g1 * z_dot * go + g * go_dot;
        xg += x[from + i] * go;
        mixed += x_dot[from + i] * go + x[from + i] * go_dot;
    }
    grad_x_dot[row + zi] = g2 * z_dot * xg + g1 * mixed;
}

#endif /* EQUIKERN_GATE_H */
