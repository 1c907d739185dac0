package org.equikern.model;

import java.util.List;
import org.equikern.data.AtomicBatch;
import org.equikern.device.DType;
import org.equikern.device.Device;
import org.equikern.device.DeviceBuffer;
import org.equikern.ops.edgeembedding.EdgeEmbeddingOp;
import org.equikern.runtime.Devices;
import org.equikern.train.Potential;
import org.equikern.train.PotentialEvaluation;
import org.equikern.train.Predictor;

/**
 * A trained {@link NequipModel} or {@link MaceModel} evaluated on a {@link Device} ({@code java},
 * {@code opencl:0}, {@code cuda:0}) in FLOAT64 or FLOAT32: energies, per-atom energies and forces
 * {@code −∂E/∂positions}, with the forward and the reverse pass run entirely by device ops.
 *
 * <p>The parameters are uploaded once, when the potential is built, as they are then (a later change to the
 * host model's parameters is not seen: build a new one, or update {@link #parameters()} on the device). Each
 * {@link #evaluate} uploads only the batch (species, positions, cell shifts, the edge index and which atoms
 * form which structure; the first call also the constant tables a kernel op builds on its first use in a
 * precision), keeps every intermediate on the device in one memory scope freed before it returns, and
 * downloads only the energies, the per-atom energies and the forces ({@link Device#transfers()} counts this).
 * The energy scale and the per-species shifts are applied on the device too; the forces come out of the
 * reverse pass seeded with {@code −scale}, so no host arithmetic follows.
 *
 * <p>The parameters live on the device as one flat buffer ({@link #parameters()}), with their gradients:
 * {@link #evaluateForTraining} keeps an evaluation's intermediates, and its
 * {@link DeviceTrainingEvaluation#backward backward} adds the gradient of an energy and force loss there, so an
 * optimizer on the device can update the values, which the next evaluation reads.
 *
 * <p>In FLOAT64 the results equal the host model's to round-off (about 1e-13 relative); FLOAT32 runs every op
 * in float, positions included. Calls on one potential run one at a time. Close it to free its device
 * memory, and the device too when {@link #open} opened it.
 */
public final class DevicePotential implements Predictor, AutoCloseable {
    private final DeviceResources resources;
    private final boolean ownsDevice;
    private final SpeciesEncoding species;
    private final double cutoff;
    private final EdgeEmbeddingOp edges;
    private final DeviceLayer network;
    private final DeviceBuffer oneHotRows;
    private final DeviceBuffer seeds;
    private final DeviceBuffer shifts;
    private final double scale;

    private DevicePotential(AtomCentredModel model, DeviceResources resources, boolean ownsDevice) {
        this.resources = resources;
        this.ownsDevice = ownsDevice;
        this.species = model.species();
        this.cutoff = model.cutoff();
        this.scale = model.energyScale();
        int count = species.count();
        this.edges = resources.own(EdgeEmbeddingOp.on(resources.device(), model.edgeEmbedding(), resources.dtype()));
        this.network = model.onDevice(resources);
        int[] identity = new int[count];
        for (int s = 0; s < count; s++) identity[s] = s;
        this.oneHotRows = resources.upload(species.oneHot(identity));
        double[] seed = new double[count];
        double[] shift = new double[count];
        List<Double> shiftList = model.energyShifts();
        for (int s = 0; s < count; s++) {
            seed[s] = -scale;
            shift[s] = shiftList.get(s);
        }
        this.seeds = resources.upload(seed);
        this.shifts = resources.upload(shift);
    }

    /**
     * {@code model} on {@code device} in {@code dtype}, its parameters uploaded now.
     *
     * @param model  a {@link NequipModel} or {@link MaceModel}
     * @param device the device, owned by the caller and open while this potential is used
     * @param dtype  FLOAT64 or FLOAT32
     * @return the potential, owned by the caller
     * @throws IllegalArgumentException for another model type, INT32, or FLOAT64 on a device without it
     * @throws IllegalStateException when the device is closed
     */
    public static DevicePotential of(Potential model, Device device, DType dtype) {
        return build(model, device, dtype, false);
    }

    /**
     * {@code model} on the device named {@code deviceName}, opened now and closed with the potential: what a
     * command line or an executor that evaluates on one device for its whole life needs.
     *
     * @param model      a {@link NequipModel} or {@link MaceModel}
     * @param deviceName {@code java}, {@code opencl:N} or {@code cuda:N}, as {@link Devices#open} takes it
     * @param dtype      FLOAT64 or FLOAT32
     * @return the potential, owned by the caller
     * @throws IllegalArgumentException for another model type, an unknown device name, INT32, or FLOAT64 on a
     *     device without it
     * @throws IllegalStateException when the device's backend is unavailable here
     */
    public static DevicePotential open(Potential model, String deviceName, DType dtype) {
        checkModel(model);
        Device device = Devices.open(deviceName);
        try {
            return build(model, device, dtype, true);
        } catch (RuntimeException | Error e) {
            device.close();
            throw e;
        }
    }

    private static void checkModel(Potential model) {
        if (!(model instanceof AtomCentredModel)) {
            throw new IllegalArgumentException("DevicePotential: model " + model + " evaluates on the host only; "
                    + "NequipModel and MaceModel run on a device");
        }
    }

    private static DevicePotential build(Potential model, Device device, DType dtype, boolean ownsDevice) {
        checkModel(model);
        if (device == null) throw new IllegalArgumentException("DevicePotential: device must not be null");
        if (dtype == null || !dtype.isFloatingPoint()) {
            throw new IllegalArgumentException("DevicePotential: dtype must be FLOAT64 or FLOAT32, got " + dtype);
        }
        if (dtype == DType.FLOAT64 && !device.supportsFloat64()) {
            throw new IllegalArgumentException("DevicePotential: device " + device.name()
                    + " does not support FLOAT64; use FLOAT32");
        }
        DeviceResources resources = new DeviceResources(device, dtype, model.parameters());
        try {
            return new DevicePotential((AtomCentredModel) model, resources, ownsDevice);
        } catch (RuntimeException | Error e) {
            resources.close();
            throw e;
        }
    }

    /**
     * The device the potential runs on.
     *
     * @return the device
     */
    public Device device() {
        return resources.device();
    }

    /**
     * The precision of every device buffer.
     *
     * @return FLOAT64 or FLOAT32
     */
    public DType dtype() {
        return resources.dtype();
    }

    /**
     * {@code r_max}, the cutoff the batches' neighbour lists must be built with.
     *
     * @return the cutoff radius
     */
    @Override
    public double cutoff() {
        return cutoff;
    }

    /**
     * The model's parameters and their gradients on the device, each one flat buffer in the host model's
     * {@link org.equikern.train.Parameters} order; every evaluation reads the values as they are then.
     *
     * @return the parameters, owned by this potential
     */
    public DeviceParameters parameters() {
        return resources.parameters();
    }

    /**
     * Energies, per-atom energies and forces of {@code batch}, whose neighbour list was built at {@link #cutoff()}.
     * The result has no {@link PotentialEvaluation#backward backward}: {@link #evaluateForTraining} has one.
     *
     * @param batch the structures
     * @return the predictions, in double
     * @throws IllegalArgumentException for a null batch, or an atom whose element is not a species of the model
     * @throws IllegalStateException when the potential or its device is closed
     */
    @Override
    public synchronized PotentialEvaluation evaluate(AtomicBatch batch) {
        try (DeviceCall call = open(batch, "evaluate")) {
            Run run = run(call);
            return new DevicePredictions(DeviceCall.download(run.energies()), DeviceCall.download(run.atomEnergies()),
                    DeviceCall.download(run.forces()));
        }
    }

    /**
     * Energies, per-atom energies and forces of {@code batch} as {@link #evaluate} computes them, keeping every
     * intermediate on the device for {@link DeviceTrainingEvaluation#backward}, which adds the gradient of an
     * energy and force loss to {@link #parameters()}'s gradients. Close the evaluation to free that memory.
     *
     * @param batch the structures, with a neighbour list built at {@link #cutoff()}
     * @return the evaluation, owned by the caller
     * @throws IllegalArgumentException for a null batch, or an atom whose element is not a species of the model
     * @throws IllegalStateException when the potential or its device is closed
     */
    public synchronized DeviceTrainingEvaluation evaluateForTraining(AtomicBatch batch) {
        return training(batch, "evaluateForTraining", true);
    }

    /**
     * As {@link #evaluateForTraining}, but downloading nothing: the predictions stay on the device
     * ({@link DeviceTrainingEvaluation#energiesOnDevice()}, {@link DeviceTrainingEvaluation#forcesOnDevice()}) for
     * a loss computed there, whose gradients {@link DeviceTrainingEvaluation#backward(DeviceBuffer, DeviceBuffer)}
     * takes as device buffers; {@link DeviceTrainingEvaluation#energies()} and the like download on their first
     * call. A training step built on it uploads the batch and downloads only the scalars it asks for.
     *
     * @param batch the structures, with a neighbour list built at {@link #cutoff()}
     * @return the evaluation, owned by the caller
     * @throws IllegalArgumentException for a null batch, or an atom whose element is not a species of the model
     * @throws IllegalStateException when the potential or its device is closed
     */
    public synchronized DeviceTrainingEvaluation evaluateOnDeviceForTraining(AtomicBatch batch) {
        return training(batch, "evaluateOnDeviceForTraining", false);
    }

    private DeviceTrainingEvaluation training(AtomicBatch batch, String method, boolean download) {
        DeviceCall call = open(batch, method);
        try {
            Run run = run(call);
            return new DeviceTrainingEvaluation(this, call, run.network(), run.energies(), run.atomEnergies(),
                    run.forces(), download);
        } catch (RuntimeException | Error e) {
            call.close();
            throw e;
        }
    }

    /** The batch uploaded, once the layers' weights are the current flat values. */
    private DeviceCall open(AtomicBatch batch, String method) {
        if (batch == null) throw new IllegalArgumentException("DevicePotential." + method + ": batch must not be null");
        int[] speciesOfAtom = species.indices(batch.numbers());
        resources.parameters().refresh();
        return new DeviceCall(resources, batch, speciesOfAtom);
    }

    /** One evaluation's network run and its predictions, on the device. */
    private record Run(DeviceLayer.Step network, DeviceBuffer energies, DeviceBuffer atomEnergies,
            DeviceBuffer forces) {
    }

    /**
     * The forward pass and the reverse pass for the forces, seeded with {@code −scale} per atom so that the
     * gradients the layers keep are those of {@code −E}.
     */
    private Run run(DeviceCall call) {
        DeviceBuffer sh = call.allocate(Math.multiplyExact((long) call.edges(), edges.embedding().shDim()));
        DeviceBuffer radial = call.allocate(Math.multiplyExact((long) call.edges(), edges.embedding().radialSize()));
        edges.forward(call.positions(), call.shifts(), call.graph(), null, null, sh, radial);
        call.setFeatures(sh, radial, call.perAtom(oneHotRows, species.count()));
        DeviceLayer.Step step = network.forward(call, call.oneHot());
        step.backward(call.perAtom(seeds, 1));
        DeviceBuffer atomEnergies = call.perAtom(shifts, 1);
        resources.axpy().apply(scale, step.output(), atomEnergies, call.atoms());
        DeviceBuffer energies = call.perStructure(atomEnergies);
        DeviceBuffer forces = call.allocate(3L * call.atoms());
        edges.backward(call.positions(), call.shifts(), call.graph(), call.gradSh(), call.gradRadial(), forces,
                null, call.allocate(edges.scratchLength(call.edges())));
        return new Run(step, energies, atomEnergies, forces);
    }

    /**
     * Runs the tangent passes of a training evaluation: the edge features' tangents along the positions'
     * direction {@code gradForces}, the network's tangent, then the tangent of its reverse pass from
     * {@code scale · gradEnergies} of each atom's structure, which adds every parameter's gradient.
     */
    synchronized void tangentPasses(DeviceCall call, DeviceLayer.Step step, DeviceBuffer gradEnergies,
            DeviceBuffer gradForces) {
        DeviceBuffer shTangent = call.allocate(call.sh().length());
        DeviceBuffer radialTangent = call.allocate(call.radial().length());
        edges.tangent(call.positions(), call.shifts(), call.graph(), gradForces, shTangent, radialTangent,
                call.allocate(edges.scratchLength(call.edges())));
        call.setTangents(shTangent, radialTangent);
        step.tangent(call.zeros(call.oneHot().length()));
        DeviceBuffer seedTangent = call.zeros(call.atoms());
        resources.axpy().apply(scale, call.perAtomOfStructure(gradEnergies), seedTangent, call.atoms());
        step.tangentBackward(seedTangent);
    }

    /**
     * Frees the parameters and the ops' tables on the device, and closes the device when {@link #open} opened
     * it; idempotent.
     */
    @Override
    public synchronized void close() {
        resources.close();
        if (ownsDevice) resources.device().close();
    }
}
