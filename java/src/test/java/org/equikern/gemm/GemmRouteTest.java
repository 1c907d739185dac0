package org.equikern.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How the GEMM route is chosen: the system property and OpenBLAS's thread variables. */
class GemmRouteTest {
    @AfterEach
    void clearProperty() {
        System.clearProperty(GemmRoute.PROPERTY);
    }

    @Test
    void aRouteNamedByThePropertyIsTakenWhateverItsCase() {
        System.setProperty(GemmRoute.PROPERTY, " Vector ");
        assertEquals(GemmRoute.VECTOR, GemmRoute.configured());
        System.setProperty(GemmRoute.PROPERTY, "java");
        assertEquals(GemmRoute.JAVA, GemmRoute.configured());
    }

    @Test
    void autoIsTheDefault() {
        assertEquals(GemmRoute.automatic(), GemmRoute.configured());
        System.setProperty(GemmRoute.PROPERTY, "auto");
        assertEquals(GemmRoute.automatic(), GemmRoute.configured());
    }

    @Test
    void autoTakesTheVectorTileWhereverItLoads() {
        for (boolean pinned : new boolean[] {false, true}) {
            for (boolean nativeLoaded : new boolean[] {false, true}) {
                assertEquals(GemmRoute.VECTOR, GemmRoute.automatic(true, pinned, nativeLoaded));
            }
        }
    }

    @Test
    void withoutTheVectorApiAutoTakesTheNativeBlasOnlyWhenOpenBlasIsPinnedToOneThread() {
        assertEquals(GemmRoute.NATIVE, GemmRoute.automatic(false, true, true));
        assertEquals(GemmRoute.JAVA, GemmRoute.automatic(false, false, true));
        assertEquals(GemmRoute.JAVA, GemmRoute.automatic(false, true, false));
        assertEquals(GemmRoute.JAVA, GemmRoute.automatic(false, false, false));
    }

    @Test
    void anUnknownRouteIsRefusedListingTheKnownOnes() {
        System.setProperty(GemmRoute.PROPERTY, "cuda");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, GemmRoute::configured);
        assertEquals("unknown equikern.gemm 'cuda'; known: auto, java, vector, native", e.getMessage());
    }

    @Test
    void openBlasIsPinnedOnlyByTheFirstPositiveThreadVariable() {
        assertTrue(NativeSgemm.pinnedToOneThread(Map.of("OPENBLAS_NUM_THREADS", "1")));
        assertTrue(NativeSgemm.pinnedToOneThread(Map.of("OMP_NUM_THREADS", " 1 ")));
        assertFalse(NativeSgemm.pinnedToOneThread(Map.of()));
        assertFalse(NativeSgemm.pinnedToOneThread(Map.of("OPENBLAS_NUM_THREADS", "2", "OMP_NUM_THREADS", "1")));
        // OpenBLAS skips values that are not a positive count and reads the next variable.
        assertTrue(NativeSgemm.pinnedToOneThread(Map.of("OPENBLAS_NUM_THREADS", "0", "GOTO_NUM_THREADS", "1")));
        assertTrue(NativeSgemm.pinnedToOneThread(Map.of("OPENBLAS_NUM_THREADS", "many", "OMP_NUM_THREADS", "1")));
        assertFalse(NativeSgemm.pinnedToOneThread(Map.of("GOTO_NUM_THREADS", "4", "OMP_NUM_THREADS", "1")));
    }

    @Test
    void theScalarRouteIsAlwaysAvailable() {
        assertTrue(GemmRoute.JAVA.isAvailable());
        assertTrue(GemmRoute.VECTOR.isAvailable(), "the tests resolve jdk.incubator.vector");
    }
}
