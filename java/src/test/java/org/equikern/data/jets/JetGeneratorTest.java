package org.equikern.data.jets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The generator against exact kinematics: 4-momentum conservation and the drawn masses at every
 * splitting, signal and background roots in the same mass window, constituent counts and lab momenta
 * within the settings, and the same jets for the same seed.
 */
class JetGeneratorTest {
    private static final JetGenerator GENERATOR = new JetGenerator(JetGenerator.Settings.DEFAULT);

    @Test
    void everySplittingConservesFourMomentumAndGivesTheDrawnMasses() {
        for (Signal signal : Signal.values()) {
            for (boolean isSignal : new boolean[] {true, false}) {
                SplittableRandom random = new SplittableRandom(7);
                for (int jet = 0; jet < 20; jet++) {
                    List<Splitting> splittings = new ArrayList<>();
                    Jet j = GENERATOR.generate(signal, isSignal, random, splittings::add);
                    assertEquals(j.count() - 1, splittings.size(), "a binary tree of n leaves has n - 1 splittings");
                    for (Splitting s : splittings) {
                        double[] p = s.parent();
                        double scale = p[0] * p[0];
                        for (int mu = 0; mu < 4; mu++) {
                            assertEquals(p[mu], s.left()[mu] + s.right()[mu], 1e-12 * p[0], signal + " component " + mu);
                        }
                        assertEquals(s.leftMassSquared(), Kinematics.massSquared(s.left()), 1e-12 * scale);
                        assertEquals(s.rightMassSquared(), Kinematics.massSquared(s.right()), 1e-12 * scale);
                        assertTrue(s.left()[0] > 0 && s.right()[0] > 0, "children move forward in time");
                    }
                }
            }
        }
    }

    @Test
    void signalAndBackgroundRootsShareTheSignalsMassWindow() {
        for (Signal signal : Signal.values()) {
            for (boolean isSignal : new boolean[] {true, false}) {
                SplittableRandom random = new SplittableRandom(11);
                double sum = 0;
                int n = 400;
                for (int jet = 0; jet < n; jet++) {
                    List<Splitting> splittings = new ArrayList<>();
                    Jet j = GENERATOR.generate(signal, isSignal, random, splittings::add);
                    double root = Math.sqrt(Kinematics.massSquared(splittings.get(0).parent()));
                    assertEquals(root, j.mass(), 1e-9 * j.total()[0], "the constituents sum to the root");
                    sum += root;
                }
                // The root mass is Gaussian (mass, spread): its sample mean is within 4 standard errors.
                assertEquals(signal.mass(), sum / n, 4 * signal.spread() / Math.sqrt(n), signal + " " + isSignal);
            }
        }
    }

    @Test
    void aTopRootDecaysFirstIntoAWAndALighterProngThatThenSplitsInTwo() {
        SplittableRandom random = new SplittableRandom(3);
        for (int jet = 0; jet < 50; jet++) {
            List<Splitting> splittings = new ArrayList<>();
            GENERATOR.generate(Signal.TOP, true, random, splittings::add);
            double w = Math.sqrt(splittings.get(0).leftMassSquared());
            assertEquals(80.4, w, 6 * 2.1, "the W-like daughter's mass");
            assertArrayEquals(splittings.get(0).left(), splittings.get(1).parent(), "the W splits next");
            double root = Math.sqrt(Kinematics.massSquared(splittings.get(0).parent()));
            assertTrue(Math.sqrt(splittings.get(0).rightMassSquared()) <= root - w + 1e-9, "the b prong fits");
        }
    }

    @Test
    void jetsHaveTheAllowedConstituentCountsLabMomentaAndEnergyOrder() {
        for (Signal signal : Signal.values()) {
            List<Jet> jets = GENERATOR.sample(signal, 200, 5);
            for (int i = 0; i < jets.size(); i++) {
                Jet jet = jets.get(i);
                assertEquals(i % 2 == 0, jet.signal(), "alternating labels");
                assertTrue(jet.count() >= 10 && jet.count() <= 50, "count " + jet.count());
                double[] total = jet.total();
                double momentum = Math.sqrt(total[1] * total[1] + total[2] * total[2] + total[3] * total[3]);
                assertTrue(momentum >= 400 - 1e-9 && momentum <= 1000 + 1e-9, "lab momentum " + momentum);
                double[] p = jet.momenta();
                for (int k = 1; k < jet.count(); k++) assertTrue(p[4 * k] <= p[4 * (k - 1)], "sorted by energy");
            }
        }
    }

    @Test
    void theSameSeedGivesTheSameJetsAndAnotherSeedOthers() {
        List<Jet> a = GENERATOR.sample(Signal.W, 10, 42);
        List<Jet> b = GENERATOR.sample(Signal.W, 10, 42);
        List<Jet> c = GENERATOR.sample(Signal.W, 10, 43);
        for (int i = 0; i < 10; i++) {
            assertArrayEquals(a.get(i).momenta(), b.get(i).momenta());
            assertFalse(Arrays.equals(a.get(i).momenta(), c.get(i).momenta()));
        }
    }

    @Test
    void smearingScalesEachConstituentAndBreaksExactConservation() {
        JetGenerator smeared = new JetGenerator(JetGenerator.Settings.DEFAULT.withSmearing(0.1));
        Jet exact = GENERATOR.generate(Signal.W, true, new SplittableRandom(9), s -> { });
        Jet blurred = smeared.generate(Signal.W, true, new SplittableRandom(9), s -> { });
        assertEquals(exact.count(), blurred.count());
        assertTrue(Math.abs(exact.mass() - blurred.mass()) > 1e-6, "smearing changes the jet mass");
        double[] p = blurred.momenta();
        for (int k = 0; k < blurred.count(); k++) {
            assertTrue(Kinematics.massSquared(Arrays.copyOfRange(p, 4 * k, 4 * k + 4)) > -1e-9 * p[4 * k] * p[4 * k],
                    "a scaled time-like vector stays time-like");
        }
    }

    @Test
    void badSettingsAreRejectedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new JetGenerator.Settings(4, 0, 0.05, 8, 400, 1000, 10, 50, 0));
        assertTrue(e.getMessage().contains("qcdRate = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new JetGenerator.Settings(4, 3, 0.05, 8, 400, 300, 10, 50, 0));
        assertTrue(e.getMessage().contains("momentumMax = 300.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new JetGenerator.Settings(4, 3, 0.05, 8, 400, 1000, 20, 10, 0));
        assertTrue(e.getMessage().contains("20..10"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> new JetGenerator.Settings(4, 3, 0, 8, 400, 1000, 10, 50, 0));
        assertTrue(e.getMessage().contains("softestFraction = 0.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> GENERATOR.sample(Signal.W, -1, 0));
        assertTrue(e.getMessage().contains("-1"), e.getMessage());
        JetGenerator impossible = new JetGenerator(new JetGenerator.Settings(4, 3, 0.05, 8, 400, 1000, 500, 600, 0));
        IllegalStateException s = assertThrows(IllegalStateException.class,
                () -> impossible.generate(Signal.W, true, new SplittableRandom(1), x -> { }));
        assertTrue(s.getMessage().contains("500..600"), s.getMessage());
    }
}
