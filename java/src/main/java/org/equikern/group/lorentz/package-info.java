/**
 * The Lorentz group SO(1,3)+ through SL(2,C): its finite-dimensional irreps, their
 * Clebsch–Gordan coefficients and representation matrices, and Minkowski-space helpers.
 */
package org.equikern.group.lorentz;
