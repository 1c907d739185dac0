/**
 * The Lorentz figures of merit ({@code figures jets}): Lorentz-invariant jet taggers (PELICAN-style,
 * LorentzNet-style, LGN-style) against non-invariant baselines (Deep Sets, an MLP on the leading constituents) on
 * generated top-like and QCD-like jets, all trained with the same seeds on the same jets, measured and
 * written as figures, CSV tables and a markdown report.
 */
package org.equikern.cli.jets;
