package org.equikern.train;

import static org.equikern.train.TorchReference.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.equikern.testing.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Adam, AdamW and SGD against PyTorch trajectories, and exact resume through a safetensors file. */
class OptimizerReferenceTest {
    private static JsonObject ref;
    private static double[] initial;
    private static double[][] grads;

    @BeforeAll
    static void load() throws Exception {
        ref = TorchReference.load();
        JsonObject problem = ref.object("problem");
        initial = problem.doubles("initial");
        grads = TorchReference.rows(problem, "grads");
    }

    /** w [2,3] then b [3], from the flat vector {@code v}. */
    static Parameters parameters(double[] v) {
        Parameters p = new Parameters();
        p.add("w", new int[] {2, 3}, Arrays.copyOfRange(v, 0, 6));
        p.add("b", new int[] {3}, Arrays.copyOfRange(v, 6, 9));
        return p;
    }

    static double[] flat(Parameters p) {
        double[] out = new double[9];
        System.arraycopy(p.get("w").values(), 0, out, 0, 6);
        System.arraycopy(p.get("b").values(), 0, out, 6, 3);
        return out;
    }

    static void setGrads(Parameters p, double[] g) {
        System.arraycopy(g, 0, p.get("w").grad(), 0, 6);
        System.arraycopy(g, 6, p.get("b").grad(), 0, 3);
    }

    static Optimizer optimizer(JsonObject config, Parameters p) {
        JsonObject o = config.object("options");
        String kind = config.string("kind");
        if (kind.equals("sgd")) {
            return new SGD(p, o.number("lr"), o.has("momentum") ? o.number("momentum") : 0,
                    o.has("dampening") ? o.number("dampening") : 0, o.has("weight_decay") ? o.number("weight_decay") : 0,
                    o.bool("nesterov", false));
        }
        Adam.Options options = kind.equals("adamw") ? Adam.Options.adamW() : Adam.Options.adam();
        options = options.learningRate(o.number("lr")).amsgrad(o.bool("amsgrad", false));
        if (o.has("weight_decay")) {
            options = options.weightDecay(o.number("weight_decay"));
        }
        if (o.has("eps")) {
            options = options.eps(o.number("eps"));
        }
        if (o.has("betas")) {
            double[] b = o.doubles("betas");
            options = options.betas(b[0], b[1]);
        }
        return kind.equals("adamw") ? new AdamW(p, options) : new Adam(p, options);
    }

    @Test
    void everyConfigurationFollowsPyTorchForTwentySteps() {
        List<JsonObject> configs = ref.objects("optimizers");
        assertEquals(12, configs.size());
        for (JsonObject config : configs) {
            Parameters p = parameters(initial);
            Optimizer opt = optimizer(config, p);
            double[][] expected = TorchReference.rows(config, "params");
            for (int t = 0; t < grads.length; t++) {
                setGrads(p, grads[t]);
                opt.step();
                assertClose(expected[t], flat(p), config.string("kind") + " " + config.object("options").path()
                        + " step " + (t + 1));
            }
            assertEquals(grads.length, opt.steps());
        }
    }

    @Test
    void resumeFromASavedStateIsBitExact(@TempDir Path dir) throws Exception {
        for (JsonObject config : ref.objects("optimizers")) {
            Parameters straight = parameters(initial);
            Optimizer a = optimizer(config, straight);
            Parameters resumed = parameters(initial);
            Optimizer b = optimizer(config, resumed);
            for (int t = 0; t < grads.length; t++) {
                setGrads(straight, grads[t]);
                a.step();
                if (t < 10) {
                    setGrads(resumed, grads[t]);
                    b.step();
                }
            }
            Path file = dir.resolve("opt.safetensors");
            Safetensors.write(file, new TensorFile(b.state()));
            Safetensors.write(dir.resolve("w.safetensors"), new TensorFile(resumed.toTensors()));
            Parameters fresh = parameters(new double[9]);
            fresh.load(Safetensors.read(dir.resolve("w.safetensors")).tensors());
            Optimizer c = optimizer(config, fresh);
            c.loadState(Safetensors.read(file).tensors());
            for (int t = 10; t < grads.length; t++) {
                setGrads(fresh, grads[t]);
                c.step();
            }
            assertArrayEquals(flat(straight), flat(fresh), 0.0, config.object("options").path());
            assertEquals(a.state().keySet(), c.state().keySet());
            for (Map.Entry<String, StoredTensor> e : a.state().entrySet()) {
                assertEquals(e.getValue(), c.state().get(e.getKey()), e.getKey());
            }
        }
    }

    @Test
    void amsgradStateCarriesTheRunningMaximum() {
        Parameters p = parameters(initial);
        Adam adam = new Adam(p, Adam.Options.adam().amsgrad(true));
        setGrads(p, grads[0]);
        adam.step();
        assertTrue(adam.state().containsKey("max_exp_avg_sq.w"));
        Map<String, StoredTensor> state = new java.util.LinkedHashMap<>(adam.state());
        state.remove("max_exp_avg_sq.b");
        Adam other = new Adam(parameters(initial), Adam.Options.adam().amsgrad(true));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> other.loadState(state));
        assertTrue(e.getMessage().contains("max_exp_avg_sq.b"), e.getMessage());
        assertEquals(0, other.steps(), "a failed load leaves the optimizer unchanged");
    }

    @Test
    void badHyperparametersAreRejectedByName() {
        Parameters p = parameters(initial);
        assertThrows(IllegalArgumentException.class, () -> Adam.Options.adam().betas(0.9, 1.0), "beta2");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Adam.Options.adam().learningRate(-1));
        assertTrue(e.getMessage().startsWith("lr = -1.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new SGD(p, 0.1, 0, 0, 0, true));
        assertTrue(e.getMessage().contains("nesterov"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SGD(p, 0.1).setLearningRate(Double.NaN));
    }
}
