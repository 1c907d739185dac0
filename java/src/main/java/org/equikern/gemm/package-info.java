/**
 * Register-blocked float32 micro-kernels for the matrix-shaped work of equivariant layers:
 * channel mixing of features laid out {@code [sample][channel][component]}, and the outer
 * products of its weight gradient. Internal (not exported); the util layer, so every layer above
 * may use it.
 */
package org.equikern.gemm;
