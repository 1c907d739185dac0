package org.equikern.model;

import org.equikern.data.AtomicBatch;
import org.equikern.data.EdgeIndex;
import org.equikern.data.NeighbourList;
import org.equikern.data.RowSegments;
import org.equikern.device.DType;
import org.equikern.device.DeviceBuffer;
import org.equikern.device.DeviceGraph;
import org.equikern.device.MemoryScope;

/**
 * One evaluation of a {@link DevicePotential}: the batch uploaded (species, positions, cell shifts, the edge
 * index and the grouping of atoms into structures, nothing else), and every intermediate buffer, allocated in
 * one scope that closing the call frees. The gradients on the edge harmonics and radial features, which the
 * reverse pass of every layer adds into, start at zero; a training evaluation adds the tangents of the edge
 * features along a direction of the positions.
 */
final class DeviceCall implements AutoCloseable {
    private final DeviceResources resources;
    private final MemoryScope scope;
    private final DeviceGraph graph;
    private final int atoms;
    private final int structures;
    private final DeviceBuffer species;
    private final DeviceBuffer positions;
    private final DeviceBuffer shifts;
    private final DeviceBuffer atomOrder;
    private final DeviceBuffer structureOffsets;
    private DeviceBuffer oneHot;
    private DeviceBuffer sh;
    private DeviceBuffer radial;
    private DeviceBuffer gradSh;
    private DeviceBuffer gradRadial;
    private DeviceBuffer shTangent;
    private DeviceBuffer radialTangent;

    /** Uploads {@code batch}, whose atoms have the species indices {@code species}. */
    DeviceCall(DeviceResources resources, AtomicBatch batch, int[] species) {
        this.resources = resources;
        this.scope = resources.device().openScope();
        NeighbourList neighbours = batch.graph();
        this.atoms = batch.atomCount();
        this.structures = batch.structureCount();
        try {
            this.species = scope.upload(species);
            this.positions = upload(batch.positions());
            this.shifts = upload(neighbours.cartesianShifts());
            RowSegments byStructure = RowSegments.group(batch.structureOfAtom(), structures);
            this.atomOrder = scope.upload(byStructure.order());
            this.structureOffsets = scope.upload(byStructure.offsets());
            this.graph = DeviceGraph.upload(resources.device(),
                    EdgeIndex.of(atoms, neighbours.senders(), neighbours.receivers()));
        } catch (RuntimeException e) {
            scope.close();
            throw e;
        }
    }

    /** {@code values} in the model's precision, freed with the call (one upload). */
    DeviceBuffer upload(double[] values) {
        return DeviceResources.upload(scope, resources.dtype(), values, 1);
    }

    /** A buffer of {@code length} elements in the model's precision, freed with the call; content undefined. */
    DeviceBuffer allocate(long length) {
        return scope.allocate(resources.dtype(), length);
    }

    /** A zero buffer of {@code length} elements in the model's precision, freed with the call. */
    DeviceBuffer zeros(long length) {
        DeviceBuffer buffer = allocate(length);
        buffer.zero();
        return buffer;
    }

    /** {@code target += addend}, element by element. */
    void addInto(DeviceBuffer target, DeviceBuffer addend) {
        resources.axpy().apply(1, addend, target, Math.toIntExact(target.length()));
    }

    /** Row {@code species[a]} of {@code perSpecies} ({@code [species, width]}) for each atom a. */
    DeviceBuffer perAtom(DeviceBuffer perSpecies, int width) {
        DeviceBuffer out = allocate(Math.multiplyExact((long) atoms, width));
        resources.rows().gatherRows(perSpecies, species, out, width);
        return out;
    }

    /** Element {@code structureOfAtom[a]} of {@code perStructure} ({@code [structures]}) for each atom a. */
    DeviceBuffer perAtomOfStructure(DeviceBuffer perStructure, int[] structureOfAtom) {
        DeviceBuffer out = allocate(atoms);
        resources.rows().gatherRows(perStructure, scope.upload(structureOfAtom), out, 1);
        return out;
    }

    /** The sum of {@code perAtom} ({@code [atoms]}) over each structure's atoms, in atom order. */
    DeviceBuffer perStructure(DeviceBuffer perAtom) {
        DeviceBuffer out = zeros(structures);
        resources.rows().segmentSumRows(perAtom, atomOrder, structureOffsets, out, 1);
        return out;
    }

    /** Keeps the edge features and the one-hot species, and zeroes their gradients' accumulators. */
    void setFeatures(DeviceBuffer sh, DeviceBuffer radial, DeviceBuffer oneHot) {
        this.sh = sh;
        this.radial = radial;
        this.oneHot = oneHot;
        this.gradSh = zeros(sh.length());
        this.gradRadial = zeros(radial.length());
    }

    /** Keeps the tangents of the edge features that {@link DeviceLayer.Step#tangent} reads. */
    void setTangents(DeviceBuffer shTangent, DeviceBuffer radialTangent) {
        this.shTangent = shTangent;
        this.radialTangent = radialTangent;
    }

    int atoms() {
        return atoms;
    }

    int edges() {
        return graph.edgeCount();
    }

    DeviceGraph graph() {
        return graph;
    }

    /** INT32 {@code [atoms]} species indices. */
    DeviceBuffer species() {
        return species;
    }

    DeviceBuffer positions() {
        return positions;
    }

    /** {@code [edges, 3]} Cartesian cell shifts of the edge vectors. */
    DeviceBuffer shifts() {
        return shifts;
    }

    /** {@code [atoms, species]} one-hot rows. */
    DeviceBuffer oneHot() {
        return oneHot;
    }

    /** {@code [edges, dim(sh)]} harmonics. */
    DeviceBuffer sh() {
        return sh;
    }

    /** {@code [edges, radial size]} radial features. */
    DeviceBuffer radial() {
        return radial;
    }

    /** The gradient on {@link #sh()} the reverse pass adds into. */
    DeviceBuffer gradSh() {
        return gradSh;
    }

    /** The gradient on {@link #radial()} the reverse pass adds into. */
    DeviceBuffer gradRadial() {
        return gradRadial;
    }

    /** The tangent of {@link #sh()} set by {@link #setTangents}. */
    DeviceBuffer shTangent() {
        return shTangent;
    }

    /** The tangent of {@link #radial()} set by {@link #setTangents}. */
    DeviceBuffer radialTangent() {
        return radialTangent;
    }

    /** A buffer's values widened to double (one download). */
    static double[] download(DeviceBuffer buffer) {
        if (buffer.dtype() == DType.FLOAT64) return buffer.toDoubleArray();
        float[] f = buffer.toFloatArray();
        double[] out = new double[f.length];
        for (int i = 0; i < f.length; i++) out[i] = f[i];
        return out;
    }

    @Override
    public void close() {
        graph.close();
        scope.close();
    }
}
