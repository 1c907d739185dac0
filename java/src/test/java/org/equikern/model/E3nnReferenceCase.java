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
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;
import org.equikern.train.PotentialFactory;
import org.equikern.train.Safetensors;
import org.equikern.train.TensorFile;

/**
 * One committed model of {@code test-data/models/} side by side with its e3nn reference: the configuration
 * {@code NAME.yaml}, Equikern's model with the weights of {@code NAME.safetensors}, the configuration's data
 * set as one batch, and what the e3nn 0.5.6 + PyTorch version of the same architecture computed with those
 * weights ({@code NAME.reference.safetensors}: energies, forces, loss, {@code grad.PARAM} for every
 * parameter, ASE's edge count). The checks compare Equikern with every reference tensor to 1e-10 relative
 * to the tensor's largest magnitude.
 */
record E3nnReferenceCase(Map<String, Object> config, Potential model, AtomicBatch batch, TensorFile reference) {
    private static final double TOLERANCE = 1e-10;

    /** Loads model {@code name}, built by {@code factory} from the model section with the top-level r_max. */
    static E3nnReferenceCase load(String name, PotentialFactory factory) throws IOException {
        Map<String, Object> config = new ObjectMapper(new YAMLFactory()).readValue(
                testData(name + ".yaml").toFile(), new TypeReference<Map<String, Object>>() { });
        Map<String, Object> section = new HashMap<>(ConfigNode.root(config).section("model").asMap());
        section.put("r_max", config.get("r_max"));
        Potential model = factory.build(ConfigNode.root(section), 0);
        model.parameters().load(Safetensors.read(testData(name + ".safetensors")).tensors());
        Path data = testData(name + ".yaml").resolveSibling((String) config.get("dataset_file_name"));
        AtomicBatch batch = AtomicBatch.of(ExtXyz.DEFAULT.readAll(data), model.cutoff());
        return new E3nnReferenceCase(config, model, batch, Safetensors.read(testData(name + ".reference.safetensors")));
    }

    /** The file {@code test-data/models/NAME} on the test class path. */
    static Path testData(String name) {
        try {
            return Path.of(E3nnReferenceCase.class.getResource("/test-data/models/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Equikern's neighbour list has as many directed edges as ASE's. */
    void assertSameGraph() {
        assertEquals(expected("edges")[0], batch.graph().edgeCount(), 0.0, "directed edges");
    }

    /** Energies and forces agree. */
    void assertEnergiesAndForces() {
        PotentialEvaluation evaluation = model.evaluate(batch);
        assertClose(expected("energies"), evaluation.energies(), "energies");
        assertClose(expected("forces"), evaluation.forces(), "forces");
    }

    /** The energy+force loss and its gradient with respect to every parameter agree, for the same parameters. */
    void assertLossAndEveryParameterGradient() {
        PotentialEvaluation evaluation = model.evaluate(batch);
        double[] energies = batch.structures().stream().mapToDouble(Structure::energy).toArray();
        double[] forces = batch.structures().stream().flatMapToDouble(s -> Arrays.stream(s.forces())).toArray();
        EnergyForceLoss.Result loss = loss().evaluate(batch.atomsPerStructure(), evaluation.energies(), energies,
                evaluation.forces(), forces);
        assertClose(expected("loss"), new double[] {loss.value()}, "loss");

        model.parameters().zeroGrad();
        evaluation.backward(loss.gradEnergy(), loss.gradForces());
        TreeSet<String> referenced = new TreeSet<>();
        for (String tensor : reference.tensors().keySet()) {
            if (tensor.startsWith("grad.")) {
                referenced.add(tensor.substring("grad.".length()));
            }
        }
        assertEquals(referenced, new TreeSet<>(model.parameters().names()), "parameters with a gradient");
        for (Parameter p : model.parameters()) {
            assertClose(expected("grad." + p.name()), p.grad(), "d loss / d " + p.name());
        }
    }

    private double[] expected(String tensor) {
        return reference.tensor(tensor).doubles();
    }

    private EnergyForceLoss loss() {
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
}
