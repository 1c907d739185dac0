package org.equikern.testing;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.equikern.gemm.GemmRoute;

/**
 * The float32 GEMM routes a layer's test runs on: each test makes its layer or plan inside
 * {@link #with}, so the {@code ChannelMix} scratch it makes takes that route.
 */
public final class GemmRoutes {
    private GemmRoutes() {}

    /**
     * The routes this JVM runs: java, vector (the tests resolve {@code jdk.incubator.vector}) and
     * native where a system BLAS loads.
     *
     * @return the available routes
     */
    public static List<GemmRoute> available() {
        return Arrays.stream(GemmRoute.values()).filter(GemmRoute::isAvailable).collect(Collectors.toList());
    }

    /**
     * Runs {@code body} with {@link GemmRoute#PROPERTY} naming {@code route}, then restores the
     * property's previous value.
     *
     * @param route the route scratch made in {@code body} takes
     * @param body the test code
     */
    public static void with(GemmRoute route, Runnable body) {
        String previous = System.getProperty(GemmRoute.PROPERTY);
        System.setProperty(GemmRoute.PROPERTY, route.name());
        try {
            body.run();
        } finally {
            if (previous == null) {
                System.clearProperty(GemmRoute.PROPERTY);
            } else {
                System.setProperty(GemmRoute.PROPERTY, previous);
            }
        }
    }
}
