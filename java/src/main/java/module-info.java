/**
 * Equikern: irreps and exact Clebsch-Gordan coefficients, tensor-product plans, equivariant
 * layers, and their operations on the Java, OpenCL and CUDA devices. The layers and where a new
 * operation goes are described in ARCHITECTURE.md; only the API packages are exported (the Java
 * device's internals, the kernel launcher and the shared utilities stay inside).
 */
module org.equikern {
    requires org.equikern.nativeloader;
    requires com.fasterxml.jackson.databind;
    // The Java backend compiles plan-specialized tensor-product code in memory (javax.tools).
    requires java.compiler;
    // Optional: only the opencl and cuda devices need them.
    requires static jocl;
    requires static jcuda;
    // Optional: ChannelMix's native route (a system BLAS through netlib), pure Java without it.
    requires static dev.ludovic.netlib.blas;

    exports org.equikern.group;
    exports org.equikern.group.lorentz;
    exports org.equikern.data;
    exports org.equikern.data.synthetic;
    exports org.equikern.data.jets;
    exports org.equikern.tp;
    exports org.equikern.nn;
    exports org.equikern.device;
    // For interop: wrapping a framework's cl_mem or CUdeviceptr, and the devices' queues and contexts.
    exports org.equikern.device.opencl;
    exports org.equikern.device.cuda;
    exports org.equikern.ops.tensorproduct;
    exports org.equikern.ops.harmonics;
    exports org.equikern.ops.edgeembedding;
    exports org.equikern.ops.linear;
    exports org.equikern.ops.gate;
    exports org.equikern.ops.normactivation;
    exports org.equikern.ops.symmetriccontraction;
    exports org.equikern.ops.gatherscatter;
    exports org.equikern.ops.axpy;
    exports org.equikern.ops.optimizer;
    exports org.equikern.ops.loss;
    exports org.equikern.ops.layout;
    exports org.equikern.ops.jets;
    exports org.equikern.ops.lorentzproduct;
    exports org.equikern.ops.minkowski;
    exports org.equikern.ops.pelican;
    exports org.equikern.ops.lorentznet;
    exports org.equikern.model.lgn;
    exports org.equikern.runtime;
    exports org.equikern.train;
    exports org.equikern.model;
    exports org.equikern.model.jets;

    uses org.equikern.train.PotentialFactory;
    provides org.equikern.train.PotentialFactory with org.equikern.model.PairPotentialFactory,
            org.equikern.model.NequipPotentialFactory, org.equikern.model.CartesianMlpPotentialFactory,
            org.equikern.model.MacePotentialFactory;

    // The kernel sources and CUDA binaries, which the native loader reads as resources.
    opens kernels.common;
    opens kernels.opencl;
    opens kernels.cuda;
}
