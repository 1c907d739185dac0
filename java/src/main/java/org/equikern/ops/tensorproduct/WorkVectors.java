package org.equikern.ops.tensorproduct;

/** One work item's float64 working vectors for one plan, allocated once and reused for every sample. */
final class WorkVectors {
    final double[] x1;
    final double[] x2;
    final double[] out;
    final double[] gradOut;
    final double[] gradX1;
    final double[] gradX2;
    final double[] pairs;
    final double[] pairGrads;
    /** One sample's weights widened from float32 (per-sample weights only). */
    final double[] weights;
    /** One sample's weight gradient before narrowing to float32 (per-sample weights only). */
    final double[] gradWeights;

    WorkVectors(FlatPlan plan) {
        x1 = new double[plan.dim1];
        x2 = new double[plan.dim2];
        out = new double[plan.dimOut];
        gradOut = new double[plan.dimOut];
        gradX1 = new double[plan.dim1];
        gradX2 = new double[plan.dim2];
        pairs = new double[plan.maxPairProducts];
        pairGrads = new double[plan.maxPairProducts];
        weights = new double[plan.weightNumel];
        gradWeights = new double[plan.weightNumel];
    }
}
