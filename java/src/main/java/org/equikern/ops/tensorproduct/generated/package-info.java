/**
 * The per-plan tensor-product kernel generator: from a {@link org.equikern.tp.Plan}, OpenCL C or
 * CUDA C with every Clebsch–Gordan nonzero a literal in unrolled sums, operands in registers and
 * one work item per written (sample, channel), rows indexed in either irreps layout
 * ({@link org.equikern.ops.tensorproduct.generated.OperandLayouts}). Internal to the library; the
 * tensor-product op launches what it writes.
 */
package org.equikern.ops.tensorproduct.generated;
