/**
 * Lazy, non-throwing probes for OpenCL (JOCL) and CUDA (JCuda), and loading of packaged kernel
 * sources. Both bindings are optional ({@code requires static}): without them the probes report
 * the backend unavailable, naming the missing binding.
 */
module org.equikern.nativeloader {
    requires static jocl;
    requires static jcuda;

    exports org.equikern.nativeloader;
}
