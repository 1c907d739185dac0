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
import java.util.List;
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
import org.equikern.train.StoredTensor;
import org.equikern.train.TensorFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Equikern's NequIP model side by side with the reference implementation. The weights in
 * {@code test-data/models/nequip-tiny.safetensors}, written by {@code equikern train nequip-tiny.yaml}, are
 * loaded into the same architecture built from e3nn 0.5.6 modules the way NequIP builds it
 * ({@code bench/oracle/nequip_reference.py}, float64, neighbours from ASE), which wrote the energies, forces,
 * loss and the loss gradient of every parameter into {@code nequip-tiny.reference.safetensors}. Equikern
 * agrees with each to 1e-10 relative to the largest magnitude of that tensor. The NequIP model runs on the
 * java device (host float64) only: there is no device path to compare here.
 */
class NequipReferenceTest {
    private static final double TOLERANCE = 1e-10;

    private static NequipModel model;
    private static AtomicBatch batch;
    private static Map<String, Object> config;
    private static TensorFile reference;

    @BeforeAll
    static void load() throws IOException {
        config = new ObjectMapper(new YAMLFactory()).readValue(testData("nequip-tiny.yaml").toFile(),
                new TypeReference<Map<String, Object>>() { });
        Map<String, Object> section = new HashMap<>(ConfigNode.root(config).section("model").asMap());
        section.put("r_max", config.get("r_max"));
        model = (NequipModel) new NequipPotentialFactory().build(ConfigNode.root(section), 0);
        model.parameters().load(Safetensors.read(testData("nequip-tiny.safetensors")).tensors());
        Path data = testData("nequip-tiny.yaml").resolveSibling((String) config.get("dataset_file_name"));
        List<Structure> structures = ExtXyz.DEFAULT.readAll(data);
        batch = AtomicBatch.of(structures, model.cutoff());
        reference = Safetensors.read(testData("nequip-tiny.reference.safetensors"));
    }

    @Test
    void sameGraphAsAse() {
        assertEquals(reference.tensor("edges").doubles()[0], batch.graph().edgeCount(), 0.0, "directed edges");
    }

    @Test
    void energiesAndForcesAgreeWithE3nn() {
        PotentialEvaluation evaluation = model.evaluate(batch);
        assertClose(reference.tensor("energies").doubles(), evaluation.energies(), "energies");
        assertClose(reference.tensor("forces").doubles(), evaluation.forces(), "forces");
    }

    @Test
    void lossAndEveryParameterGradientAgreeWithE3nn() {
        PotentialEvaluation evaluation = model.evaluate(batch);
        EnergyForceLoss.Result loss = loss().evaluate(batch.atomsPerStructure(), evaluation.energies(),
                referenceEnergies(), evaluation.forces(), referenceForces());
        assertClose(reference.tensor("loss").doubles(), new double[] {loss.value()}, "loss");

        model.parameters().zeroGrad();
        evaluation.backward(loss.gradEnergy(), loss.gradForces());
        TreeSet<String> referenced = new TreeSet<>();
        for (String name : reference.tensors().keySet()) {
            if (name.startsWith("grad.")) {
                referenced.add(name.substring("grad.".length()));
            }
        }
        assertEquals(referenced, new TreeSet<>(model.parameters().names()), "parameters with a gradient");
        for (Parameter p : model.parameters()) {
            assertClose(reference.tensor("grad." + p.name()).doubles(), p.grad(), "d loss / d " + p.name());
        }
    }

    private static EnergyForceLoss loss() {
        ConfigNode coeffs = ConfigNode.root(config).section("loss_coeffs");
        return EnergyForceLoss.mse(coeffs.number("energy", 0, Double.MAX_VALUE),
                coeffs.number("forces", 0, Double.MAX_VALUE));
    }

    private static double[] referenceEnergies() {
        return batch.structures().stream().mapToDouble(Structure::energy).toArray();
    }

    private static double[] referenceForces() {
        return batch.structures().stream().flatMapToDouble(s -> Arrays.stream(s.forces())).toArray();
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
