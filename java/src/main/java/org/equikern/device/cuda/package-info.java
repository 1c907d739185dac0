/**
 * The CUDA device (through JCuda, optional at run time): its buffers, and the interop that wraps
 * a framework's device pointers or shares its stream.
 */
package org.equikern.device.cuda;
