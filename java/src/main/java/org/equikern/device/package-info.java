/**
 * Devices and their memory, independent of any operation: {@link org.equikern.device.Device},
 * {@link org.equikern.device.DeviceBuffer}, {@link org.equikern.device.DType}, pooled
 * allocation, {@link org.equikern.device.MemoryScope}, device-resident graphs, and the lifecycle
 * and argument checks every operation shares ({@link org.equikern.device.OpLifecycle},
 * {@link org.equikern.device.DeviceOp}). Open a device with {@code org.equikern.runtime.Devices}.
 */
package org.equikern.device;
