/**
 * Entry points above the operations: {@link org.equikern.runtime.Devices} opens devices by name,
 * and the host-array facades ({@link org.equikern.runtime.TensorProduct},
 * {@link org.equikern.runtime.DeviceTensorProductExecutor},
 * {@link org.equikern.runtime.DeviceConvolution}) run operations on Java arrays.
 */
package org.equikern.runtime;
