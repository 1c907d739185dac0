package org.equikern.tp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.equikern.group.Irreps;
import org.junit.jupiter.api.Test;

class PlanCacheTest {
    private static TensorProductSpec spec(int channels) {
        Irreps irreps = Irreps.parse(channels + "x0e+1x1o");
        return TensorProductSpec.fullyConnected(irreps, Irreps.parse("1x0e"), irreps);
    }

    @Test
    void theCacheKeepsTheMostRecentlyUsedPlansUpToItsSize() {
        assertEquals(Plan.DEFAULT_CACHE_SIZE, Plan.cacheSize());
        try {
            Plan.setCacheSize(2);
            Plan a = Plan.of(spec(101));
            Plan b = Plan.of(spec(102));
            assertSame(a, Plan.of(spec(101)));     // a used last: b is evicted next
            Plan.of(spec(103));
            assertSame(a, Plan.of(spec(101)));
            assertNotSame(b, Plan.of(spec(102)));  // compiled again, equal content
            assertEquals(b.toString(), Plan.of(spec(102)).toString());
        } finally {
            Plan.setCacheSize(Plan.DEFAULT_CACHE_SIZE);
        }
    }
}
