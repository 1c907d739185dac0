/**
 * What GPU-style backends share: {@link org.equikern.device.kernel.KernelDevice}, kernels declared
 * once with their parameter kinds ({@link org.equikern.device.kernel.KernelSignature}) and checked
 * at launch, device-side tables and batch reductions. Internal to the library.
 */
package org.equikern.device.kernel;
