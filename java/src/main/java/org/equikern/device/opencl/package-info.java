/**
 * The OpenCL device (through JOCL, optional at run time): its buffers, and the interop that
 * wraps a framework's {@code cl_mem} or shares its context and queue.
 */
package org.equikern.device.opencl;
