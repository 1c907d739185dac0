package org.equikern.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.equikern.data.AtomicBatch;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.train.ConfigNode;
import org.equikern.train.EnergyForceLoss;
import org.equikern.train.Parameter;
import org.equikern.train.PotentialEvaluation;
import org.equikern.train.Safetensors;
import org.equikern.train.TensorFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Equikern's NequIP model side by side with the reference implementation, for l_max = 2
 * ({@code nequip-tiny}) and l_max = 0 ({@code nequip-l0}, invariant messages). The weights in
 * {@code test-data/models/NAME.safetensors}, written by {@code equikern train NAME.yaml}, are loaded into the
 * same architecture built from e3nn 0.5.6 modules the way NequIP builds it
 * ({@code bench/oracle/nequip_reference.py}, float64, neighbours from ASE), which wrote the energies, forces,
 * loss and the loss gradient of every parameter into {@code NAME.reference.safetensors}. Equikern agrees
 * with each to 1e-10 relative to the largest magnitude of that tensor. The NequIP model runs on the
 * java device (host float64) only: there is no device path to compare here.
 */
class NequipReferenceTest {
    private static final double TOLERANCE = 1e-10;

    /** One committed model: its configuration, Equikern with its weights, the batch and e3nn's results. */
    private record Case(Map<String, Object> config, NequipModel model, AtomicBatch batch, TensorFile reference) {
        static Case load(String name) throws IOException {
            Map<String, Object> config = new ObjectMapper(new YAMLFactory()).readValue(
                    testData(name + ".yaml").toFile(), new TypeReference<Map<String, Object>>() { });
            Map<String, Object> section = new HashMap<>(ConfigNode.root(config).section("model").asMap());
            section.put("r_max", config.get("r_max"));
            NequipModel model = (NequipModel) new NequipPotentialFactory().build(ConfigNode.root(section), 0);
            model.parameters().load(Safetensors.read(testData(name + ".safetensors")).tensors());
            Path data = testData(name + ".yaml").resolveSibling((String) config.get("dataset_file_name"));
            AtomicBatch batch = AtomicBatch.of(ExtXyz.DEFAULT.readAll(data), model.cutoff());
            return new Case(config, model, batch, Safetensors.read(testData(name + ".reference.safetensors")));
        }

        double[] expected(String tensor) {
            return reference.tensor(tensor).doubles();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"nequip-tiny", "nequip-l0"})
    void sameGraphAsAse(String name) throws IOException {
        Case c = Case.load(name);
        assertEquals(c.expected("edges")[0], c.batch().graph().edgeCount(), 0.0, "directed edges");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nequip-tiny", "nequip-l0"})
    void energiesAndForcesAgreeWithE3nn(String name) throws IOException {
        Case c = Case.load(name);
        PotentialEvaluation evaluation = c.model().evaluate(c.batch());
        assertClose(c.expected("energies"), evaluation.energies(), "energies");
        assertClose(c.expected("forces"), evaluation.forces(), "forces");
    }

    @ParameterizedTest
    @ValueSource(strings = {"nequip-tiny", "nequip-l0"})
    void lossAndEveryParameterGradientAgreeWithE3nn(String name) throws IOException {
        Case c = Case.load(name);
        AtomicBatch batch = c.batch();
        PotentialEvaluation evaluation = c.model().evaluate(batch);
        double[] energies = batch.structures().stream().mapToDouble(Structure::energy).toArray();
        double[] forces = batch.structures().stream().flatMapToDouble(s -> Arrays.stream(s.forces())).toArray();
        EnergyForceLoss.Result loss = loss(c.config()).evaluate(batch.atomsPerStructure(), evaluation.energies(),
                energies, evaluation.forces(), forces);
        assertClose(c.expected("loss"), new double[] {loss.value()}, "loss");

        c.model().parameters().zeroGrad();
        evaluation.backward(loss.gradEnergy(), loss.gradForces());
        TreeSet<String> referenced = new TreeSet<>();
        for (String tensor : c.reference().tensors().keySet()) {
            if (tensor.startsWith("grad.")) {
                referenced.add(tensor.substring("grad.".length()));
            }
        }
        assertEquals(referenced, new TreeSet<>(c.model().parameters().names()), "parameters with a gradient");
        for (Parameter p : c.model().parameters()) {
            assertClose(c.expected("grad." + p.name()), p.grad(), "d loss / d " + p.name());
        }
    }

    private static EnergyForceLoss loss(Map<String, Object> config) {
        ConfigNode coeffs = ConfigNode.root(config).section("loss_coeffs");
        return EnergyForceLoss.mse(coeffs.number("energy", 0, Double.MAX_VALUE),
                coeffs.number("forces", 0, Double.MAX_VALUE));
    }

    /** |actual − expected| ≤ 1e-10 · max|expected| element by element, and the tensor is not all zero. */
    private static void assertClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        double scale = 0;
        for (double e : expected) {
            scale = Math.max(scale, Math.abs(e));
        }
        assertTrue(scale > 0, what + " is all zero in the reference");
        for (int i = 0; i < expected.length; i++) {
            double err = Math.abs(actual[i] - expected[i]);
            assertTrue(err <= TOLERANCE * scale, what + "[" + i + "]: e3nn " + expected[i] + ", Equikern " + actual[i]
                    + " (error " + err / scale + " of the largest entry)");
        }
    }

    private static Path testData(String name) {
        try {
            return Path.of(NequipReferenceTest.class.getResource("/test-data/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
