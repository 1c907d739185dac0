/**
 * Group theory with exact arithmetic: O(3) irreps and their direct sums ({@link org.equikern.group.Irreps}),
 * real Wigner 3j symbols and Clebsch–Gordan coefficients, Wigner D matrices, real spherical
 * harmonics, and the {@link org.equikern.group.Coupling} interface that a tensor product's
 * coefficients implement. The bottom layer: it uses only the JDK.
 */
package org.equikern.group;
