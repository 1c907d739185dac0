package org.equikern.ops.tensorproduct;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.Random;
import org.equikern.group.Irreps;
import org.equikern.tp.Plan;
import org.equikern.tp.TensorProductSpec;
import org.junit.jupiter.api.Test;

/**
 * A warmed-up executor call on a batch split across the fork-join pool allocates no scratch: the
 * bytes allocated by every thread stay far below one work item's scratch (which a thread-local
 * scratch re-allocated on the pool's short-lived workers at every call: 200 kB for this plan).
 */
class ExecutorAllocationTest {
    private static final long MAX_BYTES_PER_CALL = 32 << 10;

    @Test
    void rowKernelsAndGeneratedKernelsReuseTheirScratch() {
        Irreps irreps = Irreps.parse("32x0e+32x1o+32x2e");
        Irreps sh = Irreps.parse("0e+1o+2e");
        assertSteadyState(Plan.of(TensorProductSpec.fullyConnected(irreps, sh, irreps)), 2000);
        assertSteadyState(Plan.of(TensorProductSpec.channelWise(irreps, sh, irreps)), 4000);
    }

    private static void assertSteadyState(Plan plan, int batch) {
        JavaTensorProductExecutor executor = new JavaTensorProductExecutor(plan);
        Random random = new Random(5);
        float[] x1 = floats(random, batch * plan.dim1());
        float[] x2 = floats(random, batch * plan.dim2());
        float[] w = floats(random, (plan.sharedWeights() ? 1 : batch) * plan.weightNumel());
        float[] out = new float[batch * plan.dimOut()];
        float[] g1 = new float[x1.length];
        float[] g2 = new float[x2.length];
        float[] gw = new float[w.length];
        Runnable call = () -> {
            executor.forward(x1, x2, w, out, batch);
            executor.backward(x1, x2, w, out, g1, g2, gw, batch);
        };
        for (int i = 0; i < 30; i++) call.run();
        long least = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 3; attempt++) {
            long before = allThreadsAllocated();
            for (int i = 0; i < 10; i++) call.run();
            least = Math.min(least, (allThreadsAllocated() - before) / 10);
        }
        assertTrue(least < MAX_BYTES_PER_CALL, plan + ": " + least + " bytes allocated per call");
    }

    private static long allThreadsAllocated() {
        com.sun.management.ThreadMXBean threads =
                (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long total = 0;
        for (long bytes : threads.getThreadAllocatedBytes(threads.getAllThreadIds())) total += Math.max(0, bytes);
        return total;
    }

    private static float[] floats(Random random, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) v[i] = (float) random.nextGaussian();
        return v;
    }
}
