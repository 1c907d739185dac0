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
import java.util.function.Function;
import org.equikern.data.AtomicBatch;
import org.equikern.data.ExtXyz;
import org.equikern.data.Structure;
import org.equikern.device.DType;
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
 * parameter, ASE's edge count). The checks, of the host model or of the model run by {@link DevicePotential}
 * on a device in FLOAT64, compare Equikern with every reference tensor to 1e-10 relative to the tensor's
 * largest magnitude.
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

    /** Energies and forces of the host model agree. */
    void assertEnergiesAndForces() {
        assertEnergiesAndForces(model.evaluate(batch));
    }

    /** Energies and forces of the model run by {@link DevicePotential} on {@code device} in FLOAT64 agree. */
    void assertEnergiesAndForcesOn(String device) {
        try (DevicePotential potential = DevicePotential.open(model, device, DType.FLOAT64)) {
            assertEnergiesAndForces(potential.evaluate(batch));
        }
    }

    private void assertEnergiesAndForces(PotentialEvaluation evaluation) {
        assertClose(expected("energies"), evaluation.energies(), "energies");
        assertClose(expected("forces"), evaluation.forces(), "forces");
    }

    /** The host model's energy+force loss and its gradient with respect to every parameter agree. */
    void assertLossAndEveryParameterGradient() {
        model.parameters().zeroGrad();
        assertLossAndEveryParameterGradient(model.evaluate(batch), Parameter::grad);
    }

    /**
     * The same on {@code device} in FLOAT64: the loss of the device's predictions, and the gradients its
     * {@link DeviceTrainingEvaluation#backward} accumulates in the flat device buffer.
     */
    void assertLossAndEveryParameterGradientOn(String device) {
        try (DevicePotential potential = DevicePotential.open(model, device, DType.FLOAT64);
                DeviceTrainingEvaluation evaluation = potential.evaluateForTraining(batch)) {
            DeviceParameters flat = potential.parameters();
            flat.zeroGradients();
            assertLossAndEveryParameterGradient(evaluation, p -> {
                int offset = flat.offset(p.name());
                return Arrays.copyOfRange(flat.gradients().toDoubleArray(), offset, offset + p.size());
            });
        }
    }

    /** Checks the loss of {@code evaluation}, runs its backward, then checks {@code gradient} of each parameter. */
    private void assertLossAndEveryParameterGradient(PotentialEvaluation evaluation,
            Function<Parameter, double[]> gradient) {
        double[] energies = batch.structures().stream().mapToDouble(Structure::energy).toArray();
        double[] forces = batch.structures().stream().flatMapToDouble(s -> Arrays.stream(s.forces())).toArray();
        EnergyForceLoss.Result loss = loss().evaluate(batch.atomsPerStructure(), evaluation.energies(), energies,
                evaluation.forces(), forces);
        assertClose(expected("loss"), new double[] {loss.value()}, "loss");

        evaluation.backward(loss.gradEnergy(), loss.gradForces());
        TreeSet<String> referenced = new TreeSet<>();
        for (String tensor : reference.tensors().keySet()) {
            if (tensor.startsWith("grad.")) {
                referenced.add(tensor.substring("grad.".length()));
            }
        }
        assertEquals(referenced, new TreeSet<>(model.parameters().names()), "parameters with a gradient");
        for (Parameter p : model.parameters()) {
            assertClose(expected("grad." + p.name()), gradient.apply(p), "d loss / d " + p.name());
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
